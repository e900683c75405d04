package org.evcharging.bpp.order.application.fulfillment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.order.application.cancel.Cancellations;
import org.evcharging.bpp.order.application.events.FulfillmentEnded;
import org.evcharging.bpp.order.application.events.ProviderCancelled;
import org.evcharging.bpp.order.application.events.SessionMilestone;
import org.evcharging.bpp.order.infrastructure.charging.ChargePoints;
import org.evcharging.bpp.order.domain.ChargingSession;
import org.evcharging.bpp.order.domain.FulfillmentState;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.domain.OrderStatus;
import org.evcharging.bpp.order.domain.Progress;
import org.evcharging.bpp.order.application.session.Sessions;
import org.evcharging.bpp.order.application.settlement.Settlements;
import java.time.Duration;
import org.evcharging.bpp.core.tasks.Sweep;

/**
 * Watches the running charging sessions and raises what the BAP must be told without being asked (events that
 * {@code beckn/} turns into unsolicited callbacks):
 * <ul>
 * <li>each time the percentage charged crosses 25, 50 or 75: an unsolicited {@code on_status};</li>
 * <li>the charger stopped by itself (target energy, battery full) or the slot ran out: the session is settled as if
 * the user had stopped it, with an unsolicited {@code on_update} ({@code charging-ended}, the final bill) and the
 * "ended" {@code on_status};</li>
 * <li>the charger failed (or lost the session): the provider cancels, the undelivered part is refunded, and an
 * unsolicited {@code on_cancel} with state {@code charger-error} goes out.</li>
 * <li>a battery swap the BAP started but never ended ({@code end-swap}) is completed {@code order.swap-complete-after}
 * (default 30 minutes; a swap takes a few) after its start, priced per swap as booked, with the same unsolicited
 * {@code on_update} ({@code swap-completed}) and {@code on_status}: a swap station reports no meter, and an order
 * must not stay in progress for ever. A swap that did not happen is the operator's to refund.</li>
 * </ul>
 * The meter is read without locks; only a session that needs something done is locked (with its order) and checked
 * again, so a user's stop or cancel at the same moment is never acted on twice.
 */
@ApplicationScoped
public class SessionMonitor implements Sweep {

    private static final SafeLog LOG = SafeLog.of(SessionMonitor.class);

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    ChargePoints chargers;

    @Inject
    Sessions sessions;

    @Inject
    Cancellations cancellations;

    @Inject
    Event<SessionMilestone> milestones;

    @Inject
    Event<FulfillmentEnded> ended;

    @Inject
    Event<ProviderCancelled> cancelled;

    @Inject
    @ConfigProperty(name = "order.session-watch-millis", defaultValue = "1000")
    long everyMillis;

    @Inject
    @ConfigProperty(name = "order.session-save-seconds", defaultValue = "15")
    long saveSeconds;

    @Inject
    @ConfigProperty(name = "order.swap-complete-after", defaultValue = "PT30M")
    String swapCompleteAfter;

    @Inject
    Settlements settlements;

    /** A charger that does not know a session this many reads in a row has lost it (one miss may be a hiccup). */
    static final int MISSES_TO_FAULT = 3;

    /** Per order: reads in a row that found no session at the charger. */
    private final Map<String, Integer> misses = new ConcurrentHashMap<>();
    /** Per order: not before this time again, after handling it failed (quote-service down...). */
    private final Map<String, Instant> backoff = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "session watch";
    }

    @Override
    public Duration every() {
        return Duration.ofMillis(everyMillis);
    }

    @Override
    public void sweep() {
        SessionMonitor self = CDI.current().select(SessionMonitor.class).get();
        try {
            Instant now = Instant.now();
            for (ChargingSession s : self.running()) {
                Instant notBefore = backoff.get(s.orderId());
                if (notBefore != null && now.isBefore(notBefore)) {
                    continue;
                }
                try {
                    Due due = due(s, true);
                    if (due == null) {
                        continue;
                    }
                    if (due.kind() == Due.Kind.MILESTONE) {
                        // Priced before any lock is taken: a slow quote-service never holds up the order's row.
                        Order o = self.order(s.orderId());
                        Progress p = o == null ? null : sessions.progress(o, s);
                        if (p != null) {
                            self.milestone(s.orderId(), p);
                        }
                    } else {
                        self.act(s.orderId());
                    }
                    backoff.remove(s.orderId());
                } catch (RuntimeException e) {
                    backoff.put(s.orderId(), Instant.now().plusSeconds(10));
                    LOG.log(Level.WARNING, "session of order={0} not handled this time (again in 10 s): {1}",
                            new Object[] {s.orderId(), e.toString()});
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session watch failed: {0}", e.toString());
        }
        completeForgottenSwaps(self);
    }

    private void completeForgottenSwaps(SessionMonitor self) {
        try {
            Instant now = Instant.now();
            for (String orderId : self.swapsStartedBefore(now.minus(Duration.parse(swapCompleteAfter)))) {
                Instant notBefore = backoff.get(orderId);
                if (notBefore != null && now.isBefore(notBefore)) {
                    continue;
                }
                try {
                    self.completeSwap(orderId);
                    backoff.remove(orderId);
                } catch (RuntimeException e) {
                    backoff.put(orderId, Instant.now().plusSeconds(10));
                    LOG.log(Level.WARNING, "swap of order={0} not completed this time (again in 10 s): {1}",
                            new Object[] {orderId, e.toString()});
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "swap watch failed: {0}", e.toString());
        }
    }

    @Transactional
    public List<String> swapsStartedBefore(Instant before) {
        return em.createNamedQuery("ChargingSession.swapsStartedBefore", String.class)
                .setParameter("running", ChargingSession.State.RUNNING).setParameter("before", before)
                .setMaxResults(100).getResultList();
    }

    /** Completes a swap nobody ended, checked again under the order's lock (an end-swap may just have come in). */
    @Transactional
    public void completeSwap(String orderId) {
        Order o = sessions.lock(orderId, null);
        ChargingSession s = o == null ? null : sessions.lockedSessionOf(orderId);
        if (s == null || !s.running() || !o.isSwap() || o.status() != OrderStatus.ACTIVE) {
            return;
        }
        sessions.settle(o, s, ChargingSession.End.NOT_ENDED, settlements.bill(o, o.quantity()), null,
                FulfillmentState.SWAP_COMPLETED);
        ended.fire(new FulfillmentEnded(o, false));
        LOG.log(Level.WARNING, "order={0} txn={1}: the swap started at {2} was never ended; completed by the platform",
                new Object[] {o.id(), o.beckn().transactionId(), s.startedAt()});
    }

    @Transactional
    public List<ChargingSession> running() {
        return em.createNamedQuery("ChargingSession.running", ChargingSession.class)
                .setParameter("running", ChargingSession.State.RUNNING).setMaxResults(1000).getResultList();
    }

    @Transactional
    public Order order(String id) {
        return em.find(Order.class, id);
    }

    /**
     * What the session needs now, from the charger's meter: null when nothing. {@code count} is true on the
     * watch's own pass (a miss counts towards {@link #MISSES_TO_FAULT}), false when checked again under the lock.
     */
    private Due due(ChargingSession s, boolean count) {
        ChargePoints.Reading r = chargers.read(s.chargerSessionId()).orElse(null);
        if (r == null) {
            int n = count ? misses.merge(s.orderId(), 1, Integer::sum) : misses.getOrDefault(s.orderId(), 0);
            return n >= MISSES_TO_FAULT ? new Due(Due.Kind.FAULTED, null) : null;
        }
        misses.remove(s.orderId());
        if (r.state() == ChargePoints.State.FAULTED) {
            return new Due(Due.Kind.FAULTED, r);
        }
        if (r.state() != ChargePoints.State.CHARGING) {
            return new Due(Due.Kind.ENDED, r);
        }
        Order o = em.find(Order.class, s.orderId());
        if (o != null && o.slotEnd() != null && !Instant.now().isBefore(o.slotEnd())) {
            return new Due(Due.Kind.SLOT_OVER, r);
        }
        int percent = o == null ? 0 : Progress.of(r.deliveredKwh(), r.socPercent(), o.quantity(), s.startedAt(),
                Instant.now(), null, s.powerKw(), null).percent();
        if (Progress.milestone(percent) > s.milestone()) {
            return new Due(Due.Kind.MILESTONE, r);
        }
        boolean stale = s.readAt() == null || s.readAt().plusSeconds(saveSeconds).isBefore(Instant.now());
        return stale ? new Due(Due.Kind.SAVE, r) : null;
    }

    private record Due(Kind kind, ChargePoints.Reading reading) {

        /** SAVE: keep the meter reading, so a charger that loses the session later is billed up to it. */
        enum Kind {
            FAULTED, ENDED, SLOT_OVER, MILESTONE, SAVE
        }
    }

    /** Tells a milestone priced outside the lock, once: checked again with the order locked. */
    @Transactional
    public void milestone(String orderId, Progress p) {
        Order o = sessions.lock(orderId, null);
        ChargingSession s = o == null ? null : sessions.lockedSessionOf(orderId);
        if (s == null || !s.running() || o.status() != OrderStatus.ACTIVE
                || Progress.milestone(p.percent()) <= s.milestone()) {
            return;
        }
        s.read(p.deliveredKwh(), p.socPercent(), Instant.now());
        s.milestone(Progress.milestone(p.percent()));
        milestones.fire(new SessionMilestone(o, p));
    }

    /** Locks the order and does what is due, checked again under the lock. */
    @Transactional
    public void act(String orderId) {
        Order o = sessions.lock(orderId, null);
        ChargingSession s = o == null ? null : sessions.lockedSessionOf(orderId);
        if (s == null || !s.running() || o.status() != OrderStatus.ACTIVE) {
            return;
        }
        Due due = due(s, false);
        if (due == null) {
            return;
        }
        ChargePoints.Reading r = due.reading();
        switch (due.kind()) {
            case FAULTED -> {
                sessions.faulted(s, r);
                cancellations.chargerError(o, r == null ? "the session was lost" : r.error());
                cancelled.fire(new ProviderCancelled(o));
                LOG.log(Level.WARNING,
                        "order={0} txn={1}: charger {2} failed during the session ({3}); cancelled, {4} {5} refunded",
                        new Object[] {o.id(), o.beckn().transactionId(), s.connectorId(),
                                r == null ? "session lost" : r.error(),
                                o.refundAmount(), o.currency()});
            }
            case ENDED, SLOT_OVER -> {
                ChargingSession.End why = due.kind() == Due.Kind.SLOT_OVER ? ChargingSession.End.SLOT_OVER
                        : r.state() == ChargePoints.State.FINISHED ? ChargingSession.End.FINISHED
                                : ChargingSession.End.STOPPED;
                Sessions.Stopped stopped = sessions.stopAndBill(o, s);
                ChargePoints.Reading last = stopped.reading() == null ? r : stopped.reading();
                sessions.settle(o, s, why, stopped.bill(), last.socPercent(), FulfillmentState.CHARGING_ENDED);
                ended.fire(new FulfillmentEnded(o, false));
            }
            case MILESTONE, SAVE -> s.read(r.deliveredKwh(), r.socPercent(), r.at());
            default -> throw new IllegalStateException(due.kind().name());
        }
    }
}
