package org.evcharging.bpp.quote.api.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.core.model.BecknValues;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.quote.application.StoredQuotes;
import org.evcharging.bpp.quote.domain.StoredQuote;
import org.evcharging.bpp.quote.domain.pricing.Quote;
import org.evcharging.bpp.quote.domain.pricing.Settlement;

/**
 * For the order service: is a quote still valid, what would the same selection cost now, and what does what was
 * delivered cost under it. A booking re-verifies the quote it names before it is confirmed; a session that ends is
 * billed from the quote it was paid for ({@link StoredQuotes}). Here: the bodies read, the answers' shapes.
 */
@Path("/internal/quotes/v1/quotes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Quotes (internal)", description = "For the platform's own services")
public class QuoteResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader EXACT = JSON.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Far finer than any meter (a milliwatt-hour is 6 decimals of a kWh); refuses absurd numbers before any use. */
    static final int MAX_DECIMALS = 6;
    static final int MAX_INTEGER_DIGITS = 9;

    @Inject
    StoredQuotes quotes;

    /**
     * A stored quote and whether it may still be booked, with what the order service books from it: the
     * fulfillment (connector or swap station), the quantity and the on_select order as sent ({@code quotedOrder},
     * JSON: provider, item, fulfillment with its slot and tags, quote with its breakup).
     */
    public record QuoteState(String id, String transactionId, String bapId, String providerId, String itemId,
            String fulfillmentId, BigDecimal quantity, BigDecimal total, String currency,
            Instant createdAt, Instant validUntil, boolean valid, String quotedOrder) {

        static QuoteState of(StoredQuote q) {
            return new QuoteState(q.id(), q.beckn().transactionId(), q.beckn().bapId(), q.providerId(), q.itemId(),
                    q.fulfillmentId(),
                    q.quantity(), q.total(), q.currency(), q.createdAt(), q.validUntil(), q.validAt(Instant.now()),
                    q.quotedOrder());
        }
    }

    /**
     * The same selection priced now, next to what was quoted. When the vehicle named at booking makes it cheaper,
     * a new quote is stored and returned as {@code replacement}; a higher price is never applied, only reported.
     * {@code fulfillmentId}, {@code locationId} and {@code gps}: the charger or swap station priced now and where it
     * stands, as the catalog said while pricing it (null without a fulfillment or when it could not be priced).
     */
    public record Repriced(String id, BigDecimal quoted, BigDecimal now, String currency, boolean unchanged,
            boolean valid, String error, QuoteState replacement, String fulfillmentId, String locationId,
            String gps) {

        static Repriced of(String id, StoredQuotes.Repricing r) {
            return new Repriced(id, r.quoted(), r.now(), r.currency(), r.unchanged(), r.valid(), r.error(),
                    r.replacement() == null ? null : QuoteState.of(r.replacement()),
                    r.fulfillment() == null ? null : r.fulfillment().id(),
                    r.fulfillment() == null ? null : r.fulfillment().locationId(),
                    r.fulfillment() == null ? null : r.fulfillment().gps());
        }
    }

    /**
     * The final bill of {@code delivered} units (kWh or swaps) of a quote: its lines ({@link BillLine}) and the same
     * lines as a Beckn quote {@code breakup}, the energy line with the delivered quantity. Amounts have two
     * decimals, quantities are plain decimals, all as strings.
     */
    @Schema(name = "Settlement")
    public record Settled(String quoteId, String currency, String unit, String quotedQuantity, String delivered,
            String quotedTotal, String total,
            @Schema(description = "true when billed as the provider's fault: no block fee, no add-ons") boolean providerFault,
            List<BillLine> lines,
            @Schema(type = SchemaType.ARRAY, description = "the lines as Beckn quote breakup items, as in on_select") JsonNode breakup) {

        static Settled of(StoredQuotes.Bill b) {
            StoredQuote q = b.quote();
            Quote bill = b.bill();
            Quote.Line energy = Settlement.energyLine(bill);
            return new Settled(q.id(), bill.currency(), energy.unit(), BecknValues.decimal(q.quantity()),
                    BecknValues.decimal(energy.quantity()), money(q.total()), money(bill.total()), b.providerFault(),
                    bill.lines().stream().map(BillLine::of).toList(),
                    b.breakup());
        }
    }

    /**
     * One line of a bill. {@code basis} says whether a discount's or tax's {@code unitPrice} is a percent or an
     * amount (null on other lines, and on a discount of a quote stored before it was kept).
     */
    @Schema(name = "SettlementLine")
    public record BillLine(String kind, String ref, String name, String quantity, String unit, String unitPrice,
            String basis, String amount) {

        static BillLine of(Quote.Line l) {
            return new BillLine(l.kind().name(), l.ref(), l.name(),
                    l.quantity() == null ? null : BecknValues.decimal(l.quantity()), l.unit(),
                    l.unitPrice() == null ? null : price(l.unitPrice()), l.basis() == null ? null : l.basis().name(),
                    money(l.amount()));
        }
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Caller.SERVICE, Caller.OPERATOR})
    @Operation(summary = "Is this quote still valid?")
    public QuoteState get(@PathParam("id") String id) {
        return QuoteState.of(quotes.stored(id));
    }

    @GET
    @RolesAllowed({Caller.SERVICE, Caller.OPERATOR})
    @Operation(summary = "The latest quote of a Beckn transaction (what an init without a quote id books)")
    public QuoteState latest(@QueryParam("transactionId") String transactionId, @QueryParam("bapId") String bapId) {
        if (transactionId == null || bapId == null) {
            throw new ProblemException(400, "transactionId and bapId are both required");
        }
        return quotes.latest(transactionId, bapId).map(QuoteState::of)
                .orElseThrow(() -> ProblemException.notFound("quote for transaction '" + transactionId + "'"));
    }

    @POST
    @Path("{id}/reprice")
    @RolesAllowed({Caller.SERVICE, Caller.OPERATOR})
    @Operation(summary = "Price the quoted selection again, with the catalog and tariff as they are now (and the vehicle, if named)")
    public Repriced reprice(@PathParam("id") String id,
            @RequestBody(description = "optional: {\"vehicleType\": \"4W\"}") String body) {
        String vehicle;
        try {
            vehicle = body == null || body.isBlank() ? null : JSON.readTree(body).path("vehicleType").asText(null);
        } catch (IOException e) {
            throw new ProblemException(400, "the body is not JSON: {\"vehicleType\": ...} or nothing");
        }
        return Repriced.of(id, quotes.reprice(id, vehicle));
    }

    @POST
    @Path("{id}/settlement")
    @RolesAllowed({Caller.SERVICE, Caller.OPERATOR})
    @Operation(summary = "The final bill of a session: what was delivered, priced from this quote (never today's tariff)", description = "Energy (or swaps) = delivered x the quoted unit price; block fee and add-ons as quoted; the "
            + "quote's discounts applied again to the new energy + block fee; taxes on the new taxable amount. "
            + "Delivering the quoted quantity gives the quoted total. Does not depend on the quote's validity.")
    @APIResponse(responseCode = "200", description = "The bill", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Settled.class)))
    @APIResponse(responseCode = "400", description = "The body is not {\"delivered\": \"<decimal>\"}, or delivered is negative, "
            + "has more than " + MAX_DECIMALS + " decimals, or is not a whole number of swaps")
    @APIResponse(responseCode = "404", description = "No such quote")
    @APIResponse(responseCode = "422", description = "More was delivered than the quote's quantity")
    public String settle(@PathParam("id") String id,
            @RequestBody(description = "{\"delivered\": \"2.345\"} (kWh, or swaps; a string or a number), "
                    + "and \"providerFault\": true when the charger failed or the provider cancelled: then the "
                    + "block fee and the add-ons are waived") String body) {
        BigDecimal delivered = delivered(body);
        boolean providerFault = providerFault(body);
        Settled bill = Settled.of(quotes.settle(id, delivered, providerFault));
        try {
            // Written here with Jackson: the breakup is a Jackson tree, which JSON-B cannot write.
            return JSON.writeValueAsString(bill);
        } catch (IOException e) {
            throw new ProblemException(500, "the bill of quote " + id + " could not be written");
        }
    }

    /** The {@code providerFault} of a settlement body: true, false or absent (false). */
    static boolean providerFault(String body) {
        JsonNode f;
        try {
            f = body == null || body.isBlank() ? null : EXACT.readTree(body).get("providerFault");
        } catch (IOException e) {
            throw new ProblemException(400,
                    "the body is not JSON: {\"delivered\": \"2.345\", \"providerFault\": false}");
        }
        if (f == null || f.isNull()) {
            return false;
        }
        if (!f.isBoolean()) {
            throw new ProblemException(400, "providerFault is true or false", "providerFault", "true or false");
        }
        return f.booleanValue();
    }

    /** The {@code delivered} of a settlement body, a decimal string or number. */
    static BigDecimal delivered(String body) {
        JsonNode d;
        try {
            d = body == null || body.isBlank() ? null : EXACT.readTree(body).get("delivered");
        } catch (IOException e) {
            throw new ProblemException(400, "the body is not JSON: {\"delivered\": \"2.345\"}");
        }
        if (d == null || d.isNull()) {
            throw new ProblemException(400, "delivered is required", "delivered",
                    "required: the kWh (or swaps) delivered");
        }
        BigDecimal value = null;
        if (d.isNumber()) {
            value = d.decimalValue();
        } else if (d.isTextual()) {
            try {
                value = new BigDecimal(d.asText().trim());
            } catch (NumberFormatException notANumber) {
                value = null;
            }
        }
        if (value == null) {
            throw new ProblemException(400, "delivered is not a number", "delivered", "a decimal such as \"2.345\"");
        }
        BigDecimal plain = value.stripTrailingZeros();
        if (plain.scale() > MAX_DECIMALS || plain.precision() - plain.scale() > MAX_INTEGER_DIGITS) {
            throw new ProblemException(400, "delivered is out of range", "delivered",
                    "at most " + MAX_INTEGER_DIGITS + " digits before and " + MAX_DECIMALS + " after the point");
        }
        if (value.signum() < 0) {
            throw new ProblemException(400, "delivered cannot be negative", "delivered", "zero or more");
        }
        return value;
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** A unit price, percent or amount: at least two decimals, more when priced with more (a rate of 18.335). */
    private static String price(BigDecimal p) {
        return (p.scale() < 2 ? p.setScale(2) : p).toPlainString();
    }
}
