package org.evcharging.bpp.quote.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.openapi.annotations.Operation;
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

    /** A stored quote and whether it may still be booked. */
    public record QuoteState(String id, String transactionId, String providerId, String itemId, BigDecimal total,
                             String currency, Instant validUntil, boolean valid) {
    }

    /** The same selection priced now, next to what was quoted. */
    public record Repriced(String id, BigDecimal quoted, BigDecimal now, String currency, boolean unchanged,
                           boolean valid, String error) {
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Caller.SERVICE, Caller.OPERATOR})
    @Operation(summary = "Is this quote still valid?")
    public QuoteState get(@PathParam("id") String id) {
        StoredQuote q = stored(id);
        return new QuoteState(q.id(), q.transactionId(), q.providerId(), q.itemId(), q.total(), q.currency(),
                q.validUntil(), q.validAt(Instant.now()));
    }

    @POST
    @Path("{id}/reprice")
    @RolesAllowed({Caller.SERVICE, Caller.OPERATOR})
    @Operation(summary = "Price the quoted selection again, with the catalog and tariff as they are now")
    public Repriced reprice(@PathParam("id") String id) {
        StoredQuote q = stored(id);
        boolean valid = q.validAt(Instant.now());
        try {
            SelectRequest s = SelectRequest.from(JSON.readTree(q.request()));
            var quote = select.price(s, q.bapId(), OffsetDateTime.now(ZoneOffset.UTC)).quote();
            BigDecimal now = quote.total();
            return new Repriced(id, q.total(), now, quote.currency(),
                    now.compareTo(q.total()) == 0 && quote.currency().equals(q.currency()), valid, null);
        } catch (BecknException e) {
            return new Repriced(id, q.total(), null, q.currency(), false, valid,
                    e.error().code().code() + " " + e.getMessage());
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
