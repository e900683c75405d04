package org.evcharging.bpp.quote.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.persistence.BecknReferences;
import org.evcharging.bpp.quote.infrastructure.catalog.Catalog;
import org.evcharging.bpp.quote.infrastructure.catalog.CatalogOffer;
import org.evcharging.bpp.quote.infrastructure.catalog.NotInCatalog;
import org.evcharging.bpp.quote.domain.PricedLines;
import org.evcharging.bpp.quote.domain.StoredQuote;
import org.evcharging.bpp.quote.domain.pricing.Quote;
import org.evcharging.bpp.quote.domain.pricing.QuoteCalculator;
import org.evcharging.bpp.quote.domain.pricing.QuoteRequest;
import org.evcharging.bpp.quote.domain.pricing.Tariff;
import org.evcharging.bpp.quote.infrastructure.slots.Slots;
import org.evcharging.bpp.quote.application.tariffs.Tariffs;

/**
 * Pricing, the use case behind {@code select} and the order service's "is it still valid, what would it cost now":
 * fetches the offer from the catalog (behind fault tolerance), checks quantity, add-ons, fulfillment and slot
 * against it, prices it with the provider's tariff ({@code QuoteCalculator}) and stores the quote, written down as
 * the {@code on_select} order ({@link QuoteDocuments}). Business problems are {@link BecknException}s with the code
 * and path; a catalog that cannot answer too, never silence. Runs in the caller's transaction.
 */
@ApplicationScoped
public class Quoting {

    /** Half-hour slots are offered when a select has none, looked for this far ahead. */
    public static final Duration OPTIONS_LOOK_AHEAD = Duration.ofHours(4);

    /** The first slot a select without one is offered: the next half hour. */
    public static OffsetDateTime firstOption(OffsetDateTime now) {
        OffsetDateTime next = now.withMinute(now.getMinute() < 30 ? 30 : 0).withSecond(0).withNano(0);
        return next.isAfter(now) ? next : next.plusHours(1);
    }

    @Inject
    Catalog catalog;

    @Inject
    Tariffs tariffs;

    @Inject
    Slots slots;

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "quote.validity", defaultValue = "PT15M")
    String validity;

    @Inject
    @ConfigProperty(name = "quote.default-tax-name", defaultValue = "GST")
    String taxName;

    @Inject
    @ConfigProperty(name = "quote.default-tax-percent", defaultValue = "18")
    BigDecimal taxPercent;

    @Inject
    @ConfigProperty(name = "quote.provider-utc-offset", defaultValue = "+05:30")
    String providerOffset;

    private final Clock clock = Clock.systemUTC();

    @Inject
    QuoteDocuments documents;

    /** For CDI. */
    public Quoting() {
    }

    /** Only writing and reading quotes (no catalog, tariff or database): for tests of what is built from a quote. */
    public Quoting(QuoteDocuments documents) {
        this.documents = documents;
    }

    /** A quote made and stored: the on_select message that carries it, and the stored quote. */
    public record Quoted(ObjectNode message, StoredQuote stored) {
    }

    /**
     * Prices a selection, stores the quote with what was asked (the select's message) and what was answered (the
     * on_select order), valid for {@code quote.validity}, under {@code asked}: the BAP, the transaction and the
     * select's message id. Runs in the caller's transaction.
     */
    public Quoted quote(SelectRequest s, JsonNode selectMessage, BecknReferences asked) {
        String transactionId = asked.transactionId();
        String bapId = asked.bapId();
        OffsetDateTime now = OffsetDateTime.now(clock);
        Priced priced = price(s, bapId, now);
        CatalogOffer.Fulfillment f = priced.offer().fulfillment();
        OffsetDateTime local = now.withOffsetSameInstant(ZoneOffset.of(providerOffset));
        List<Slots.Claim> taken = List.of();
        if (f != null && s.slotStart() != null && s.block()) {
            refuseIfTaken(f.id(), s, transactionId, bapId);
        } else if (f != null && s.slotStart() == null) {
            // the slots a first select offers leave out those already held or booked
            OffsetDateTime first = firstOption(local);
            taken = slots.taken(f.id(), first, first.plus(OPTIONS_LOOK_AHEAD), bapId, transactionId)
                    .orElse(List.of());
        }
        Duration ttl = Duration.parse(validity);
        String id = UUID.randomUUID().toString();
        ObjectNode message = documents.message(id, priced.offer(), s, priced.quote(), ttl, local, taken);
        StoredQuote stored = new StoredQuote(id, asked, priced.offer().provider().id(),
                priced.offer().item().id(), f == null ? null : f.id(), s.quantity(), priced.quote().currency(),
                priced.quote().total(), message.path("order").path("quote").toString(), selectMessage.toString(),
                message.path("order").toString(), PricedLines.encode(priced.quote().lines()), now.toInstant(),
                now.toInstant().plus(ttl));
        em.persist(stored);
        return new Quoted(message, stored);
    }

    /**
     * A slot another order holds or booked on this charger is not quoted: 30008 naming it, as init would refuse it
     * (what this transaction holds itself does not count). When order-service cannot say, the quote is made and init
     * decides under the charger's lock.
     */
    private void refuseIfTaken(String fulfillmentId, SelectRequest s, String transactionId, String bapId) {
        List<Slots.Claim> taken = slots.taken(fulfillmentId, s.slotStart(), s.slotEnd(), bapId, transactionId)
                .orElse(List.of());
        if (!taken.isEmpty()) {
            ZoneOffset zone = ZoneOffset.of(providerOffset);
            Slots.Claim c = taken.get(0);
            throw new BecknException(ErrorCode.FULFILLMENT_UNAVAILABLE, SelectRequest.ORDER + ".fulfillments[0].stops",
                    fulfillmentId + " is already booked from " + c.start().atOffset(zone) + " to "
                            + c.end().atOffset(zone)
                            + ": choose another slot or charger");
        }
    }

    /** A selection priced: the catalog's offer as it is now and the quote. */
    public record Priced(CatalogOffer offer, Quote quote) {
    }

    /**
     * Prices a selection against the catalog and the provider's tariff as they are now; the same path serves
     * {@code select} and the order service's "price this again".
     */
    public Priced price(SelectRequest s, String bapId, OffsetDateTime now) {
        CatalogOffer offer = offer(s);
        CatalogOffer.Item item = offer.item();
        String order = SelectRequest.ORDER;
        if (s.quantity().compareTo(item.availableQuantity()) > 0) {
            throw new BecknException(ErrorCode.ITEM_QUANTITY_UNAVAILABLE, order + ".items[0].quantity.selected",
                    "only " + item.availableQuantity().stripTrailingZeros().toPlainString() + " " + unit(item)
                            + " available");
        }
        List<QuoteRequest.AddOn> addOns = new ArrayList<>();
        for (int i = 0; i < s.addOnIds().size(); i++) {
            String id = s.addOnIds().get(i);
            CatalogOffer.AddOn found = item.addOns() == null ? null
                    : item.addOns().stream().filter(a -> a.id().equals(id)).findFirst().orElse(null);
            if (found == null) {
                throw new BecknException(ErrorCode.ADD_ON_NOT_FOUND, order + ".items[0].add_ons[" + i + "].id",
                        "item " + item.id() + " has no add-on '" + id + "'");
            }
            addOns.add(new QuoteRequest.AddOn(found.id(), found.name(), found.price()));
        }
        if ("SWAP".equals(item.unit()) && s.quantity().stripTrailingZeros().scale() > 0) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, order + ".items[0].quantity.selected",
                    "swaps are counted in whole numbers");
        }
        CatalogOffer.Fulfillment f = offer.fulfillment();
        if (f == null && s.slotStart() != null) {
            throw new BecknException(ErrorCode.FULFILLMENT_UNAVAILABLE, order + ".fulfillments[0].id",
                    "a slot needs a charger: name a fulfillment from on_search, or a charger-type / battery-type tag");
        }
        if (f != null && "Out of service".equalsIgnoreCase(f.availability())) {
            throw new BecknException(ErrorCode.FULFILLMENT_UNAVAILABLE, order + ".fulfillments[0].id",
                    f.id() + " is out of service");
        }
        if (s.slotStart() != null && s.slotStart().isBefore(now.minusMinutes(1))) {
            throw new BecknException(ErrorCode.FULFILLMENT_UNAVAILABLE,
                    order + ".fulfillments[0].stops[0].time.timestamp",
                    "the slot starts in the past");
        }
        if (f != null && s.slotStart() != null && f.openingHours() != null
                && !withinHours(f.openingHours(), s.slotStart(), s.slotEnd(), ZoneOffset.of(providerOffset))) {
            throw new BecknException(ErrorCode.FULFILLMENT_UNAVAILABLE, order + ".fulfillments[0].stops",
                    "the slot is outside the station's opening hours (" + f.openingHours() + ")");
        }
        Tariff.Service service = service(f, item);
        Tariff tariff = tariffs.find(offer.provider().id()).map(t -> t.toTariff(offer.provider().id()))
                .orElseGet(() -> new Tariff(offer.provider().id(), item.currency(), List.of(), Tariff.BlockFee.NONE,
                        List.of(new Tariff.Tax(taxName, taxPercent, null)), List.of())); // on every service, swaps too
        if (!tariff.currency().equals(item.currency())) {
            throw new BecknException(ErrorCode.QUOTE_UNAVAILABLE, null,
                    "the provider's tariff is in " + tariff.currency()
                            + " but its catalog in " + item.currency() + "; it cannot be quoted until they agree");
        }
        QuoteRequest qr = new QuoteRequest(service, f == null ? null : f.chargerType(),
                f == null ? null : f.locationId(),
                s.quantity(), unit(item), item.price(), s.slotStart(), s.slotEnd(), s.block(), addOns,
                new Tariff.Customer(bapId, s.vehicleType(), s.subscription(), s.firstTimeUser()));
        return new Priced(offer, new QuoteCalculator(ZoneOffset.of(providerOffset)).price(tariff, qr, now));
    }

    private CatalogOffer offer(SelectRequest s) {
        try {
            return catalog.offer(s.providerId(), s.itemId(), s.fulfillmentId(),
                    s.fulfillmentId() == null ? s.chargerType() : null,
                    s.fulfillmentId() == null ? s.connectorType() : null,
                    s.fulfillmentId() == null ? s.batteryType() : null);
        } catch (NotInCatalog e) {
            String order = SelectRequest.ORDER;
            throw switch (e.field()) {
                case "providerId" -> new BecknException(ErrorCode.PROVIDER_NOT_FOUND, order + ".provider.id",
                        "no provider '" + s.providerId() + "' on this platform");
                case "fulfillmentId" -> s.fulfillmentId() != null
                        ? new BecknException(ErrorCode.FULFILLMENT_UNAVAILABLE, order + ".fulfillments[0].id",
                                "item '" + s.itemId() + "' is not delivered by '" + s.fulfillmentId() + "'")
                        : new BecknException(ErrorCode.FULFILLMENT_UNAVAILABLE, order + ".fulfillments[0].tags",
                                "no available charger or swap station of that type for item '" + s.itemId() + "'");
                default -> new BecknException(ErrorCode.ITEM_NOT_FOUND, order + ".items[0].id",
                        "provider '" + s.providerId() + "' has no item '" + s.itemId() + "'");
            };
        } catch (RuntimeException down) {
            throw new BecknException(ErrorCode.BUSINESS_ERROR, null,
                    "the catalog could not be reached to price this selection; try again shortly");
        }
    }

    private static Tariff.Service service(CatalogOffer.Fulfillment f, CatalogOffer.Item item) {
        String type = f != null ? f.type().replace('-', '_')
                : item.fulfillmentTypes() == null || item.fulfillmentTypes().isEmpty() ? "CHARGING"
                        : item.fulfillmentTypes().get(0);
        return Tariff.Service.valueOf(type);
    }

    /** Does [start, end] lie within the daily hours "HH:mm-HH:mm" (which may pass midnight), in local time? */
    public static boolean withinHours(String hours, OffsetDateTime start, OffsetDateTime end, ZoneOffset zone) {
        java.time.LocalTime open = java.time.LocalTime.parse(hours.substring(0, 5));
        java.time.LocalTime close = java.time.LocalTime.parse(hours.substring(6));
        OffsetDateTime s = start.withOffsetSameInstant(zone);
        OffsetDateTime e = end.withOffsetSameInstant(zone);
        for (int back = 0; back <= 1; back++) {
            OffsetDateTime opens = s.toLocalDate().minusDays(back).atTime(open).atOffset(zone);
            OffsetDateTime closes = opens.toLocalDate().atTime(close).atOffset(zone);
            if (!closes.isAfter(opens)) {
                closes = closes.plusDays(1);
            }
            if (!s.isBefore(opens) && !e.isAfter(closes)) {
                return true;
            }
        }
        return false;
    }

    public static String unit(CatalogOffer.Item item) {
        return "SWAP".equals(item.unit()) ? "swap" : "kWh";
    }

    /** How a quote is written down: the {@code on_select} message, a bill's breakup, a stored breakup read back. */
    public QuoteDocuments documents() {
        return documents;
    }
}
