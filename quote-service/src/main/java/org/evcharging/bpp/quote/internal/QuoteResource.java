package org.evcharging.bpp.quote.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.quote.beckn.SelectHandler;
import org.evcharging.bpp.quote.beckn.SelectRequest;
import org.evcharging.bpp.quote.domain.StoredQuote;

/**
 * For the order service: is a quote still valid, and what would the same selection cost now. A booking re-verifies
 * the quote it names before it is confirmed.
 */
@Path("/quotes/v1/quotes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Quotes (internal)", description = "For the platform's own services")
public class QuoteResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    SelectHandler select;

    /**
     * A stored quote and whether it may still be booked, with what the order service books from it: the
     * fulfillment (connector or swap station), the quantity and the on_select order as sent ({@code quotedOrder},
     * JSON: provider, item, fulfillment with its slot and tags, quote with its breakup).
     */
    public record QuoteState(String id, String transactionId, String bapId, String providerId, String itemId,
                             String fulfillmentId, BigDecimal quantity, BigDecimal total, String currency,
                             Instant createdAt, Instant validUntil, boolean valid, String quotedOrder) {
        static QuoteState of(StoredQuote q) {
            return new QuoteState(q.id(), q.transactionId(), q.bapId(), q.providerId(), q.itemId(), q.fulfillmentId(),
                    q.quantity(), q.total(), q.currency(), q.createdAt(), q.validUntil(), q.validAt(Instant.now()),
                    q.quotedOrder());
        }
    }

    /**
     * The same selection priced now, next to what was quoted. When the vehicle named at booking makes it cheaper,
     * a new quote is stored and returned as {@code replacement}; a higher price is never applied, only reported.
     */
    public record Repriced(String id, BigDecimal quoted, BigDecimal now, String currency, boolean unchanged,
                           boolean valid, String error, QuoteState replacement) {
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Caller.SERVICE, Caller.OPERATOR})
    @Operation(summary = "Is this quote still valid?")
    public QuoteState get(@PathParam("id") String id) {
        return QuoteState.of(stored(id));
    }

    @GET
    @RolesAllowed({Caller.SERVICE, Caller.OPERATOR})
    @Operation(summary = "The latest quote of a Beckn transaction (what an init without a quote id books)")
    public QuoteState latest(@QueryParam("transactionId") String transactionId, @QueryParam("bapId") String bapId) {
        if (transactionId == null || bapId == null) {
            throw new ProblemException(400, "transactionId and bapId are both required");
        }
        return em.createNamedQuery("StoredQuote.latestOfTransaction", StoredQuote.class)
                .setParameter("txn", transactionId).setParameter("bap", bapId).setMaxResults(1).getResultStream()
                .findFirst().map(QuoteState::of)
                .orElseThrow(() -> ProblemException.notFound("quote for transaction '" + transactionId + "'"));
    }

    @POST
    @Path("{id}/reprice")
    @Transactional
    @RolesAllowed({Caller.SERVICE, Caller.OPERATOR})
    @Operation(summary = "Price the quoted selection again, with the catalog and tariff as they are now (and the vehicle, if named)")
    public Repriced reprice(@PathParam("id") String id,
                            @RequestBody(description = "optional: {\"vehicleType\": \"4W\"}") String body) {
        StoredQuote q = stored(id);
        boolean valid = q.validAt(Instant.now());
        String vehicle;
        try {
            vehicle = body == null || body.isBlank() ? null : JSON.readTree(body).path("vehicleType").asText(null);
        } catch (IOException e) {
            throw new ProblemException(400, "the body is not JSON: {\"vehicleType\": ...} or nothing");
        }
        try {
            JsonNode asked = JSON.readTree(q.request());
            SelectRequest s = SelectRequest.from(asked);
            if (vehicle != null && !vehicle.isBlank() && !vehicle.equals(s.vehicleType())) {
                ObjectNode withVehicle = asked.deepCopy();
                JsonNode fs = withVehicle.path("order").path("fulfillments");
                ObjectNode f = fs.isArray() && fs.size() > 0 ? (ObjectNode) fs.get(0)
                        : ((ObjectNode) withVehicle.with("order")).putArray("fulfillments").addObject();
                f.with("vehicle").put("category", vehicle);
                s = SelectRequest.from(withVehicle);
                var priced = select.price(s, q.bapId(), OffsetDateTime.now(ZoneOffset.UTC)).quote();
                if (valid && priced.currency().equals(q.currency()) && priced.total().compareTo(q.total()) < 0) {
                    StoredQuote cheaper = select.quote(s, withVehicle, q.transactionId(), q.bapId()).stored();
                    return new Repriced(id, q.total(), cheaper.total(), q.currency(), false, true, null, QuoteState.of(cheaper));
                }
            }
            var quote = select.price(s, q.bapId(), OffsetDateTime.now(ZoneOffset.UTC)).quote();
            BigDecimal now = quote.total();
            return new Repriced(id, q.total(), now, quote.currency(),
                    now.compareTo(q.total()) == 0 && quote.currency().equals(q.currency()), valid, null, null);
        } catch (BecknException e) {
            return new Repriced(id, q.total(), null, q.currency(), false, valid,
                    e.error().code().code() + " " + e.getMessage(), null);
        } catch (IOException e) {
            throw new ProblemException(500, "the stored selection of quote " + id + " cannot be read");
        }
    }

    private StoredQuote stored(String id) {
        StoredQuote q = em.find(StoredQuote.class, id);
        if (q == null) {
            throw ProblemException.notFound("quote '" + id + "'");
        }
        return q;
    }
}
