package org.evcharging.bpp.quote.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.quote.domain.PricedLines;
import org.evcharging.bpp.quote.domain.StoredQuote;
import org.evcharging.bpp.quote.domain.pricing.Quote;
import org.evcharging.bpp.quote.domain.pricing.Settlement;
import org.evcharging.bpp.quote.infrastructure.catalog.CatalogOffer;

/**
 * What the order service asks of a quote already sent: is it still valid, what would the same selection cost now
 * (booking re-verifies the quote it names), and what does what was delivered cost under it (a session that ends is
 * billed from the quote it was paid for). Problems are {@link ProblemException}s with their HTTP status.
 */
@ApplicationScoped
public class StoredQuotes {

    private static final ObjectMapper JSON = new ObjectMapper();

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    Quoting quoting;

    /** For CDI. */
    public StoredQuotes() {
    }

    /** Over a given entity manager and pricing: for tests without a server. */
    public StoredQuotes(EntityManager em, Quoting quoting) {
        this.em = em;
        this.quoting = quoting;
    }

    /** The stored quote, or 404. */
    public StoredQuote stored(String id) {
        StoredQuote q = em.find(StoredQuote.class, id);
        if (q == null) {
            throw ProblemException.notFound("quote '" + id + "'");
        }
        return q;
    }

    /** The latest quote of a Beckn transaction (what an init without a quote id books). */
    public Optional<StoredQuote> latest(String transactionId, String bapId) {
        return em.createNamedQuery("StoredQuote.latestOfTransaction", StoredQuote.class)
                .setParameter("txn", transactionId).setParameter("bap", bapId).setMaxResults(1).getResultStream()
                .findFirst();
    }

    /**
     * The quoted selection priced again, next to what was quoted: {@code now} is null and {@code error} the Beckn
     * code and message when it cannot be priced any more; {@code replacement} the new, cheaper quote made when the
     * vehicle named at booking lowers the price; {@code fulfillment} the charger or swap station priced now, as the
     * catalog described it (null without one), so that booking need not ask the catalog again where it stands.
     */
    public record Repricing(BigDecimal quoted, BigDecimal now, String currency, boolean unchanged, boolean valid,
            String error, StoredQuote replacement, CatalogOffer.Fulfillment fulfillment) {

        static Repricing refused(StoredQuote q, boolean valid, String error) {
            return new Repricing(q.total(), null, q.currency(), false, valid, error, null, null);
        }
    }

    /**
     * Prices the quoted selection again, with the catalog and tariff as they are now, for {@code vehicleType} when
     * given (null: as selected). When that vehicle makes a still valid quote cheaper, a new quote is stored; a higher
     * price is never applied, only reported.
     */
    @Transactional
    public Repricing reprice(String id, String vehicleType) {
        StoredQuote q = stored(id);
        boolean valid = q.validAt(Instant.now());
        try {
            JsonNode asked = JSON.readTree(q.request());
            SelectRequest s = SelectRequest.from(asked);
            if (vehicleType != null && !vehicleType.isBlank() && !vehicleType.equals(s.vehicleType())) {
                ObjectNode withVehicle = asked.deepCopy();
                JsonNode fs = withVehicle.path("order").path("fulfillments");
                ObjectNode f = fs.isArray() && fs.size() > 0 ? (ObjectNode) fs.get(0)
                        : ((ObjectNode) withVehicle.with("order")).putArray("fulfillments").addObject();
                f.with("vehicle").put("category", vehicleType);
                s = SelectRequest.from(withVehicle);
                Quoting.Priced priced = quoting.price(s, q.beckn().bapId(), OffsetDateTime.now(ZoneOffset.UTC));
                if (valid && priced.quote().currency().equals(q.currency())
                        && priced.quote().total().compareTo(q.total()) < 0) {
                    // the replacement answers the same select, so it keeps that select's references
                    StoredQuote cheaper = quoting.quote(s, withVehicle, q.beckn()).stored();
                    return new Repricing(q.total(), cheaper.total(), q.currency(), false, true, null, cheaper,
                            priced.offer().fulfillment());
                }
            }
            Quoting.Priced priced = quoting.price(s, q.beckn().bapId(), OffsetDateTime.now(ZoneOffset.UTC));
            Quote quote = priced.quote();
            BigDecimal now = quote.total();
            return new Repricing(q.total(), now, quote.currency(),
                    now.compareTo(q.total()) == 0 && quote.currency().equals(q.currency()), valid, null, null,
                    priced.offer().fulfillment());
        } catch (BecknException e) {
            return Repricing.refused(q, valid, e.error().code().code() + " " + e.getMessage());
        } catch (IOException e) {
            throw new ProblemException(500, "the stored selection of quote " + id + " cannot be read");
        }
    }

    /** A session's final bill: the quote, the bill priced from it, and the bill's lines as a Beckn breakup. */
    public record Bill(StoredQuote quote, Quote bill, boolean providerFault, ArrayNode breakup) {
    }

    /**
     * The final bill of {@code delivered} units (kWh or swaps) of a quote, whatever its validity, priced from the
     * quote's own lines ({@link Settlement}); {@code providerFault} waives the block fee and the add-ons. 404 without
     * the quote, 422 when more was delivered than quoted, 400 for a quantity the quote cannot be billed for.
     */
    public Bill settle(String id, BigDecimal delivered, boolean providerFault) {
        StoredQuote q = stored(id);
        Quote bill;
        try {
            bill = Settlement.settle(quoted(q), delivered, providerFault);
        } catch (Settlement.MoreThanQuoted e) {
            throw new ProblemException(422, e.getMessage(), "delivered", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, e.getMessage(), "delivered", e.getMessage());
        } catch (IllegalStateException e) {
            throw new ProblemException(500, "quote " + id + " cannot be settled: " + e.getMessage());
        }
        return new Bill(q, bill, providerFault, quoting.documents().breakup(bill, q.itemId()));
    }

    /**
     * The quote as priced: its stored lines, or for a quote stored before they were kept, its breakup (whose
     * discounts are then scaled in proportion, see {@link Settlement}).
     */
    private Quote quoted(StoredQuote q) {
        try {
            return q.pricedLines() != null ? new Quote(q.currency(), PricedLines.decode(q.pricedLines()), q.total())
                    : quoting.documents().read(JSON.readTree(q.breakup()));
        } catch (IOException | RuntimeException e) {
            throw new ProblemException(500, "the stored lines of quote " + q.id() + " cannot be read");
        }
    }
}
