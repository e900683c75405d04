package org.evcharging.bpp.order.application.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.order.application.session.Sessions;
import org.evcharging.bpp.order.domain.ChargingSession;
import org.evcharging.bpp.order.domain.FulfillmentState;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.domain.OrderStatus;
import org.evcharging.bpp.order.domain.Progress;
import org.evcharging.bpp.core.rest.PageTokens;

/**
 * Tracking an order (Beckn {@code track}): a confirmed order gets a public page that shows how its session goes,
 * at {@code <public url>/orders/v1/track/<token>}, the token random and kept with the order. The page is opened by
 * the BAP's user without logging in, so what it shows ({@link View}) is the session only: its state, the energy,
 * the state of charge, the cost so far, the provider and charger, never who is charging or their vehicle.
 * <ul>
 * <li>{@link #track}: the BAP's own confirmed order; its page (made on the first track) and whether tracking is
 * active (the order is ACTIVE) or over (complete or cancelled: the page then shows the end).</li>
 * <li>{@link #view}: what the page shows now, by its token.</li>
 * </ul>
 */
@ApplicationScoped
public class Tracking {

    private static final SafeLog LOG = SafeLog.of(Tracking.class);
    private static final String ORDER_ID = "$.message.order_id";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the pages are served (api/TrackingResource), under order-service's public prefix. */
    public static final String PATH = "/orders/v1/track";

    /** A tracked order: its page and whether tracking is still active. */
    public record Tracked(Order order, String url, boolean active) {
    }

    /**
     * What the tracking page shows at one instant: no name, phone, email or vehicle. {@code state} is one of
     * {@code booked}, {@code charging}, {@code swapping}, {@code completed}, {@code cancelled}; the numbers are null
     * when not known (the energy of a swap, a state of charge the charger does not report, a cost that cannot be
     * priced this moment).
     */
    public record View(String state, String stateName, boolean ended, String provider, String charger, boolean swap,
            BigDecimal energyKwh, BigDecimal bookedQuantity, String unit, Integer socPercent, Integer percent,
            BigDecimal costSoFar, BigDecimal prepaid, String currency, Instant updatedAt) {
    }

    private final PageTokens tokens = PageTokens.secure();

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    Sessions sessions;

    /** The public base URL (the ingress) people open pages at; env ORDER_PUBLIC_URL. */
    @Inject
    @ConfigProperty(name = "order.public-url")
    Optional<String> publicUrl;

    /** The terms page's URL, on the same public base: the base when {@code order.public-url} is not set. */
    @Inject
    @ConfigProperty(name = "order.cancellation.terms-url")
    Optional<String> termsUrl;

    /**
     * The BAP's order to track. Another BAP's order is not found (30010: that it exists is not told); an order never
     * confirmed has nothing to track (40005); a complete or cancelled one is tracked as inactive, its page showing how
     * it ended.
     */
    @Transactional(TxType.MANDATORY)
    public Tracked track(String orderId, String bapId) {
        Order o = em.find(Order.class, orderId);
        if (o == null || !o.beckn().bapId().equals(bapId)) {
            throw new BecknException(ErrorCode.ORDER_NOT_FOUND, ORDER_ID, "no order '" + orderId + "'");
        }
        if (o.confirmedAt() == null) {
            throw new BecknException(ErrorCode.TRACKING_NOT_SUPPORTED, ORDER_ID, "order " + o.id()
                    + " is not active (state " + o.state() + "): "
                    + (o.status() == OrderStatus.DRAFT
                            ? "nothing to track yet; pay at the payment link and confirm it first"
                            : "it was never confirmed, so there is nothing to track"));
        }
        if (o.trackingToken() == null) {
            em.refresh(o, LockModeType.PESSIMISTIC_WRITE); // two first tracks at once make one page
            if (o.trackingToken() == null) {
                o.trackWith(tokens.next());
                LOG.log(Level.INFO, "order {0} txn={1}: tracking page made", new Object[] {o.id(),
                        o.beckn().transactionId()});
            }
        }
        return new Tracked(o, url(o.trackingToken()), o.status() == OrderStatus.ACTIVE);
    }

    /**
     * How long a page's figures are reused: however many pages of one session are open, each polling every few
     * seconds, charger-service and quote-service are asked at most once in this time.
     */
    static final Duration FRESH = Duration.ofSeconds(2);

    private record Seen(View view, Instant at) {
    }

    private final Map<String, Seen> recent = new ConcurrentHashMap<>();

    /** What the page of {@code token} shows now (at most {@link #FRESH} old); null when there is no such page. */
    @Transactional
    public View view(String token) {
        if (!PageTokens.wellFormed(token)) {
            return null;
        }
        Instant now = Instant.now();
        Seen seen = recent.get(token);
        if (seen != null && seen.at().plus(FRESH).isAfter(now)) {
            return seen.view();
        }
        View v = read(token);
        if (v != null) {
            if (recent.size() > 10_000) {
                recent.clear(); // a bound, not a policy: the next reads fill it again
            }
            recent.put(token, new Seen(v, now));
        }
        return v;
    }

    private View read(String token) {
        Order o = em.createNamedQuery("Order.byTrackingToken", Order.class).setParameter("token", token)
                .getResultStream().findFirst().orElse(null);
        if (o == null) {
            return null;
        }
        ChargingSession s = sessions.sessionOf(o.id());
        Progress p = o.status() == OrderStatus.ACTIVE && s != null && s.running() ? sessions.progress(o, s) : null;
        return viewOf(o, s, p, Instant.now());
    }

    /** The page's figures from the order, its session (null before the start) and the live progress (null unless charging). */
    static View viewOf(Order o, ChargingSession s, Progress p, Instant now) {
        String state = stateOf(o, s);
        boolean ended = o.status() != OrderStatus.ACTIVE;
        BigDecimal energy = p != null ? p.deliveredKwh() : s != null ? s.deliveredKwh() : BigDecimal.ZERO;
        Integer soc = p != null ? p.socPercent() : s != null ? s.socPercent() : null;
        // Charging: the meter was read just now. Otherwise the last change of the order or its session.
        Instant updated = p != null ? now : latest(o.updatedAt(), s == null ? null : s.endedAt(),
                s == null ? null : s.readAt(), s == null ? null : s.startedAt());
        BigDecimal cost;
        if (o.status() == OrderStatus.COMPLETE) {
            cost = o.finalAmount();
        } else if (o.status() == OrderStatus.CANCELLED) {
            cost = o.refundAmount() != null ? o.total().subtract(o.refundAmount()).max(BigDecimal.ZERO)
                    : o.finalAmount() != null ? o.finalAmount() : BigDecimal.ZERO;
        } else if (p != null) {
            cost = p.amountSoFar();
        } else if (o.isSwap() && s != null) {
            cost = o.total(); // a swap under way costs what was booked: swaps are priced each, not metered
        } else {
            cost = s == null ? BigDecimal.ZERO.setScale(2) : null;
        }
        Integer percent = p != null ? Integer.valueOf(p.percent()) : null;
        return new View(state, stateName(state, o), ended, providerName(o), o.fulfillmentId(), o.isSwap(),
                o.isSwap() ? null : energy, o.quantity(), o.isSwap() ? "swaps" : "kWh", soc, percent, cost, o.total(),
                o.currency(), updated);
    }

    private static Instant latest(Instant... times) {
        Instant latest = null;
        for (Instant t : times) {
            if (t != null && (latest == null || t.isAfter(latest))) {
                latest = t;
            }
        }
        return latest;
    }

    static String stateOf(Order o, ChargingSession s) {
        return switch (o.status()) {
            case COMPLETE -> "completed";
            case CANCELLED, EXPIRED -> "cancelled";
            default -> FulfillmentState.CHARGING_STARTED.equals(o.state()) ? "charging"
                    : FulfillmentState.SWAP_IN_PROGRESS.equals(o.state()) ? "swapping" : "booked";
        };
    }

    private static String stateName(String state, Order o) {
        return switch (state) {
            case "charging" -> "Charging";
            case "swapping" -> "Battery swap in progress";
            case "completed" -> o.isSwap() ? "Swap completed" : "Charging completed";
            case "cancelled" -> "Cancelled";
            default -> o.isSwap() ? "Booked: waiting for the swap to start" : "Booked: waiting for charging to start";
        };
    }

    /** The provider's name as quoted, else its id. */
    private static String providerName(Order o) {
        JsonNode name;
        try {
            name = o.quotedOrder() == null ? null : JSON.readTree(o.quotedOrder()).at("/provider/descriptor/name");
        } catch (java.io.IOException e) {
            name = null;
        }
        return name != null && name.isTextual() && !name.asText().isBlank() ? name.asText() : o.providerId();
    }

    /** The page of a token, for people: {@code <public url>/orders/v1/track/<token>}. */
    public String url(String token) {
        return base() + PATH + "/" + token;
    }

    /**
     * The public base URL: {@code order.public-url}, or the terms page's base (it is served by this service under the
     * same prefix), or the local ingress's default.
     */
    String base() {
        String base = publicUrl.filter(u -> !u.isBlank()).orElse(null);
        if (base == null) {
            String terms = termsUrl.orElse("");
            int at = terms.indexOf("/orders/");
            base = at > 0 ? terms.substring(0, at) : "http://localhost:8080";
        }
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
