package org.evcharging.bpp.order.application.session;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.annotation.Resource;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.logging.Level;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.order.application.booking.SlotHolds;
import org.evcharging.bpp.order.infrastructure.catalog.CatalogClient;
import org.evcharging.bpp.order.infrastructure.catalog.Catalog;
import org.evcharging.bpp.order.infrastructure.charging.ChargePoints;
import org.evcharging.bpp.order.infrastructure.metrics.OrderMetrics;
import org.evcharging.bpp.order.domain.ChargingSession;
import org.evcharging.bpp.order.domain.FulfillmentState;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.domain.OrderStatus;
import org.evcharging.bpp.order.domain.Progress;
import org.evcharging.bpp.order.application.settlement.Bill;
import org.evcharging.bpp.order.application.settlement.RefundWorker;
import org.evcharging.bpp.order.application.settlement.Settlements;
import org.evcharging.bpp.core.tasks.AfterCommit;

/**
 * The charging session of an order (and a swap's, with its own states), inside the caller's transaction with the
 * order row locked, so a user's stop, the session monitor and a cancel never act on one order at once:
 * <ul>
 * <li>{@link #start}: only an ACTIVE (paid, confirmed) order, at its connector, from {@code grace} before its slot
 * until the slot ends; the charger starts delivering up to the booked energy;</li>
 * <li>{@link #stop}: the charger stops, the energy delivered is billed from the quote, the order is COMPLETE and the
 * rest of what was prepaid is owed back (the refund worker pays it);</li>
 * <li>{@link #progress}: the meter now, priced so far.</li>
 * </ul>
 */
@ApplicationScoped
public class Sessions {

    private static final SafeLog LOG = SafeLog.of(Sessions.class);
    private static final String FULFILLMENT = "$.message.order.fulfillments[0]";

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    ChargePoints chargers;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    Catalog catalog;

    @Inject
    Settlements settlements;

    @Inject
    OrderMetrics metrics;

    @Inject
    SlotHolds holds;

    @Inject
    RefundWorker refunds;

    @Inject
    @ConfigProperty(name = "order.slot-grace", defaultValue = "PT10M")
    String slotGrace;

    @Inject
    @ConfigProperty(name = "order.provider-utc-offset", defaultValue = "+05:30")
    String providerOffset;

    /** The vehicle's battery by its category in kWh ({@code 2W:3,4W:40}), for the state of charge; others have none. */
    @Inject
    @ConfigProperty(name = "order.charging.battery-kwh", defaultValue = "2W:3,3W:8,4W:40")
    String batteryKwh;

    @Inject
    @ConfigProperty(name = "order.charging.start-soc", defaultValue = "20")
    double startSoc;

    @Inject
    @ConfigProperty(name = "order.charging.default-power-kw", defaultValue = "7.4")
    double defaultPowerKw;

    /** The order, locked for this transaction; null when it does not exist or is another BAP's. */
    @Transactional(TxType.MANDATORY)
    public Order lock(String orderId, String bapId) {
        Order o = em.find(Order.class, orderId, LockModeType.PESSIMISTIC_WRITE);
        return o != null && (bapId == null || o.beckn().bapId().equals(bapId)) ? o : null;
    }

    /** The order's session as this transaction's snapshot has it (for answers that only read). */
    @Transactional(TxType.MANDATORY)
    public ChargingSession sessionOf(String orderId) {
        return em.find(ChargingSession.class, orderId);
    }

    /**
     * The order's session as committed now, locked: call it with the order locked. A plain read could return the
     * repeatable-read snapshot taken before the order's lock was granted (a session that has ended since).
     */
    @Transactional(TxType.MANDATORY)
    public ChargingSession lockedSessionOf(String orderId) {
        ChargingSession s = em.find(ChargingSession.class, orderId);
        if (s != null) {
            em.refresh(s, LockModeType.PESSIMISTIC_WRITE);
        }
        return s;
    }

    /** An order as it stands, with its session's progress while it charges ({@link #progress}). */
    public record Current(Order order, Progress progress) {
    }

    /** The order of this BAP (another BAP's is not found) as it stands now; null when there is none. */
    @Transactional(TxType.MANDATORY)
    public Current current(String orderId, String bapId) {
        Order o = em.find(Order.class, orderId);
        if (o == null || !o.beckn().bapId().equals(bapId)) {
            return null;
        }
        return new Current(o, progress(o, sessionOf(o.id())));
    }

    /** The latest order of a transaction, read in a transaction of its own so the caller's has no snapshot yet. */
    @Transactional(TxType.REQUIRES_NEW)
    public String orderOfTransaction(String bapId, String transactionId) {
        return em.createNamedQuery("Order.ofTransaction", Order.class).setParameter("bap", bapId)
                .setParameter("txn", transactionId).setMaxResults(1).getResultStream().findFirst().map(Order::id)
                .orElse(null);
    }

    /** start-charging or start-swap. A repeated start of a running session answers it as it is. */
    @Transactional(TxType.MANDATORY)
    public ChargingSession start(Order o, String connector, boolean swapCode) {
        requireKind(o, swapCode);
        if (connector != null && !"1".equals(connector) && o.fulfillmentId() != null
                && !connector.equals(o.fulfillmentId())) {
            throw new BecknException(ErrorCode.UPDATE_INCONSISTENCY, FULFILLMENT + ".id", "order " + o.id()
                    + " is booked on " + o.fulfillmentId() + ", not " + connector);
        }
        requireActive(o, "started");
        ChargingSession s = lockedSessionOf(o.id());
        if (s != null) {
            if (s.running()) {
                return s; // a repeated start: the same session
            }
            throw new BecknException(ErrorCode.UPDATION_NOT_POSSIBLE, FULFILLMENT + ".state",
                    "the session of order " + o.id() + " has ended");
        }
        Instant now = Instant.now();
        Duration grace = Duration.parse(slotGrace);
        if (o.slotStart() != null && now.isBefore(o.slotStart().minus(grace))) {
            throw new BecknException(ErrorCode.UPDATION_NOT_POSSIBLE, FULFILLMENT + ".state",
                    "too early: the slot starts at "
                            + local(o.slotStart()) + "; starting is possible from "
                            + local(o.slotStart().minus(grace)));
        }
        if (o.slotEnd() != null && !now.isBefore(o.slotEnd())) {
            throw new BecknException(ErrorCode.UPDATION_NOT_POSSIBLE, FULFILLMENT + ".state",
                    "the booked slot ended at " + local(o.slotEnd()));
        }
        if (o.isSwap()) {
            s = new ChargingSession(o.id(), o.fulfillmentId(), null, null, o.quantity(), now);
            em.persist(s);
            o.progress(FulfillmentState.SWAP_IN_PROGRESS, now);
            metrics.sessionStarted(true);
            LOG.log(Level.INFO, "order {0} txn={1}: swap started at {2}",
                    new Object[] {o.id(), o.beckn().transactionId(), o.fulfillmentId()});
            return s;
        }
        if (o.fulfillmentId() == null) {
            throw new BecknException(ErrorCode.UPDATION_NOT_POSSIBLE, FULFILLMENT + ".state", "order " + o.id()
                    + " names no charger to start: book a connector (a fulfillment of on_search) at select");
        }
        double power = powerOf(o);
        Double battery = battery(o.vehicleCategory());
        String chargerSession;
        try {
            chargerSession = chargers.start(new ChargePoints.Start(o.id(), o.fulfillmentId(), o.quantity(), power,
                    battery, battery == null ? null : startSoc));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "order={0}: charger {1} did not start: {2}",
                    new Object[] {o.id(), o.fulfillmentId(), e.toString()});
            throw new BecknException(ErrorCode.UPDATION_NOT_POSSIBLE, FULFILLMENT + ".state", "charger "
                    + o.fulfillmentId() + " could not start (" + e.getMessage()
                    + "); try again, or cancel with reason 4"
                    + " (charger not working) for a full refund");
        }
        stopIfRolledBack(chargerSession);
        s = new ChargingSession(o.id(), o.fulfillmentId(), chargerSession, power, o.quantity(), now);
        em.persist(s);
        o.progress(FulfillmentState.CHARGING_STARTED, now);
        metrics.sessionStarted(false);
        LOG.log(Level.INFO, "order {0} txn={1}: charging started on {2} at {3} kW (target {4} kWh)", new Object[] {
                o.id(), o.beckn().transactionId(), o.fulfillmentId(), power, o.quantity()});
        return s;
    }

    /**
     * end-charging or end-swap: stops the charger and settles. Returns the session as it ended; when the charger
     * reports it failed, the order is not settled here but is the caller's to cancel (see {@link #faulted}).
     */
    @Transactional(TxType.MANDATORY)
    public ChargingSession stop(Order o, boolean swapCode) {
        requireKind(o, swapCode);
        ChargingSession s = lockedSessionOf(o.id());
        if (o.status() == OrderStatus.COMPLETE && s != null) {
            return s; // a repeated stop: the same settled order
        }
        requireActive(o, "stopped");
        if (s == null || !s.running()) {
            throw new BecknException(ErrorCode.UPDATION_NOT_POSSIBLE, FULFILLMENT + ".state",
                    (o.isSwap() ? "the swap" : "charging") + " of order " + o.id() + " has not started");
        }
        if (o.isSwap()) {
            settle(o, s, ChargingSession.End.STOPPED, settlements.bill(o, o.quantity()), null,
                    FulfillmentState.SWAP_COMPLETED);
            return s;
        }
        return stopCharging(o, s, ChargingSession.End.STOPPED, false);
    }

    /**
     * Stops a running charging session and settles the order as charging-ended, {@code why} (the BAP's stop, or the
     * operator's, which is {@code providerFault}: the energy alone is billed). When the charger reads failed (or has
     * lost the session) the session is marked so and returned unsettled: the caller cancels as the provider.
     */
    @Transactional(TxType.MANDATORY)
    public ChargingSession stopCharging(Order o, ChargingSession s, ChargingSession.End why, boolean providerFault) {
        Stopped stopped = stopAndBill(o, s, providerFault);
        if (stopped.reading() == null || stopped.reading().state() == ChargePoints.State.FAULTED) {
            return faulted(s, stopped.reading());
        }
        settle(o, s, why, stopped.bill(), stopped.reading().socPercent(), FulfillmentState.CHARGING_ENDED);
        return s;
    }

    /** What stopping a session found: the charger's last reading (null if it lost the session) and its bill. */
    public record Stopped(ChargePoints.Reading reading, Bill bill) {
    }

    /**
     * Stops the charger and bills what it delivered, in the order that loses nothing if pricing fails: the meter is
     * read and priced first (quote-service unreachable: nothing is stopped, the request is answered with an error
     * and may be sent again), then the charger is stopped and the final reading priced; should that second pricing
     * fail, the first bill stands (slightly less energy, in the user's favour). A charger that reads failed (or has
     * lost the session) is the provider's fault: its bill is the energy only.
     */
    @Transactional(TxType.MANDATORY)
    public Stopped stopAndBill(Order o, ChargingSession s) {
        return stopAndBill(o, s, false);
    }

    /** {@link #stopAndBill(Order, ChargingSession)}; with {@code providerFault} the bill is the energy only whatever it reads. */
    @Transactional(TxType.MANDATORY)
    public Stopped stopAndBill(Order o, ChargingSession s, boolean providerFault) {
        ChargePoints.Reading before = chargers.read(s.chargerSessionId()).orElse(null);
        BigDecimal delivered = before == null ? s.deliveredKwh() : before.deliveredKwh();
        boolean waived = providerFault || failed(before);
        Bill bill = settlements.bill(o, delivered, waived);
        ChargePoints.Reading after = chargers.stop(s.chargerSessionId()).orElse(before);
        boolean waive = waived || failed(after);
        if (after != null && after.deliveredKwh().compareTo(delivered) != 0 || waive != waived) {
            BigDecimal last = after == null ? delivered : after.deliveredKwh();
            try {
                bill = settlements.bill(o, last, waive);
            } catch (RuntimeException e) {
                LOG.log(waive != waived ? Level.SEVERE : Level.WARNING,
                        "order={0}: the final reading ({1} kWh{2}) could not be"
                                + " priced, billed {3} kWh as read before the stop: {4}",
                        new Object[] {o.id(), last,
                                waive != waived ? ", the charger failing" : "", delivered, e.toString()});
            }
        }
        return new Stopped(after, bill);
    }

    /** A charger that lost the session or reads failed. */
    private static boolean failed(ChargePoints.Reading r) {
        return r == null || r.state() == ChargePoints.State.FAULTED;
    }

    /** A session started in a transaction that then rolls back must not keep a charger delivering unbilled energy. */
    private void stopIfRolledBack(String chargerSession) {
        AfterCommit.ifRolledBack(transactions, () -> {
            try {
                chargers.stop(chargerSession);
                LOG.log(Level.WARNING, "charger session {0} stopped: the start was rolled back", chargerSession);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE,
                        "charger session {0} started by a rolled-back transaction could not be stopped: {1}",
                        new Object[] {chargerSession, e.toString()});
            }
        });
    }

    /** Marks a session the charger lost or failed; the order is then cancelled by the provider. */
    public ChargingSession faulted(ChargingSession s, ChargePoints.Reading r) {
        s.end(ChargingSession.End.FAULTED, r == null ? null : r.deliveredKwh(), r == null ? null : r.socPercent(),
                Instant.now());
        metrics.sessionEnded(ChargingSession.End.FAULTED);
        return s;
    }

    /** Completes the order with its bill and owes the rest back; the charger is released. */
    @Transactional(TxType.MANDATORY)
    public Bill settle(Order o, ChargingSession s, ChargingSession.End why, Bill bill, Integer soc, String endState) {
        Instant now = Instant.now();
        s.end(why, o.isSwap() ? s.deliveredKwh() : bill.delivered(), soc, now);
        metrics.sessionEnded(why);
        o.complete(endState, bill.total(), bill.breakup(), now);
        holds.release(o.id());
        if (o.refundStatus() == Order.RefundStatus.PENDING) {
            refunds.afterCommit(o.id());
        }
        LOG.log(Level.INFO, "order {0} txn={1}: {2} ({3}), {4} delivered, {5} billed, bill {6} {7}, refund {8}",
                new Object[] {o.id(), o.beckn().transactionId(), endState, why, bill.delivered(), bill.billed(),
                        bill.total(), o.currency(), o.refundAmount()});
        return bill;
    }

    /** The meter now, with the amount so far (null when it cannot be priced now); null when nothing runs. */
    public Progress progress(Order o, ChargingSession s) {
        if (s == null || !s.running() || o.isSwap()) {
            return null;
        }
        ChargePoints.Reading r = chargers.read(s.chargerSessionId()).orElse(null);
        BigDecimal delivered = r == null ? s.deliveredKwh() : r.deliveredKwh();
        Integer soc = r == null ? s.socPercent() : r.socPercent();
        BigDecimal amount;
        try {
            amount = settlements.bill(o, delivered).total();
        } catch (RuntimeException e) {
            amount = null;
        }
        return Progress.of(delivered, soc, o.quantity(), s.startedAt(), Instant.now(), o.slotEnd(), s.powerKw(),
                amount);
    }

    private void requireKind(Order o, boolean swapCode) {
        if (o.isSwap() != swapCode) {
            throw new BecknException(ErrorCode.UPDATE_INCONSISTENCY, FULFILLMENT + ".state.descriptor.code",
                    "order " + o.id() + " is " + (o.isSwap() ? "a battery swap: use start-swap / end-swap"
                            : "a charging order: use start-charging / end-charging"));
        }
    }

    private static void requireActive(Order o, String what) {
        if (o.status() == OrderStatus.ACTIVE) {
            return;
        }
        String why = switch (o.status()) {
            case DRAFT -> "it is not confirmed: pay at the payment link and send confirm first";
            case COMPLETE -> "it is complete";
            case CANCELLED -> "it was cancelled";
            case EXPIRED -> "its booking lapsed before it was confirmed";
            default -> "it is " + o.status();
        };
        throw new BecknException(ErrorCode.UPDATION_NOT_POSSIBLE, FULFILLMENT + ".state",
                "order " + o.id() + " cannot be " + what + ": " + why);
    }

    private double powerOf(Order o) {
        try {
            CatalogClient.Fulfillment f = catalog.of(o.providerId(), o.itemId(), o.fulfillmentId());
            if (f != null && f.powerKw() != null && f.powerKw() > 0) {
                return f.powerKw();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "order {0}: the power of {1} is not known now ({2}); {3} kW assumed",
                    new Object[] {o.id(), o.fulfillmentId(), e.toString(), defaultPowerKw});
        }
        return defaultPowerKw;
    }

    private Double battery(String category) {
        if (category == null) {
            return null;
        }
        for (String entry : batteryKwh.split(",")) {
            String[] kv = entry.trim().split(":");
            if (kv.length == 2 && kv[0].trim().equalsIgnoreCase(category)) {
                return Double.valueOf(kv[1].trim());
            }
        }
        return null;
    }

    private String local(Instant t) {
        return t.atOffset(ZoneOffset.of(providerOffset)).toLocalTime().toString();
    }
}
