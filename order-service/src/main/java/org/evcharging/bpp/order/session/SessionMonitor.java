package org.evcharging.bpp.order.session;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.order.beckn.UnsolicitedCallbacks;
import org.evcharging.bpp.order.cancel.Cancellations;
import org.evcharging.bpp.order.charging.ChargePoints;
import org.evcharging.bpp.order.domain.ChargingSession;
import org.evcharging.bpp.order.domain.FulfillmentState;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.domain.OrderStatus;

/**
 * Watches the running charging sessions and tells the BAP what happens without being asked:
 * <ul>
 * <li>each time the percentage charged crosses 25, 50 or 75: an unsolicited {@code on_status};</li>
 * <li>the charger stopped by itself (target energy, battery full) or the slot ran out: the session is settled as if
 * the user had stopped it, with an unsolicited {@code on_update} ({@code charging-ended}, the final bill) and the
 * "ended" {@code on_status};</li>
 * <li>the charger failed (or lost the session): the provider cancels, the undelivered part is refunded, and an
 * unsolicited {@code on_cancel} with state {@code charger-error} goes out.</li>
 * </ul>
 * The meter is read without locks; only a session that needs something done is locked (with its order) and checked
 * again, so a user's stop or cancel at the same moment is never acted on twice.
 */
@ApplicationScoped
public class SessionMonitor {

    private static final Logger LOG = Logger.getLogger(SessionMonitor.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    ChargePoints chargers;

    @Inject
    Sessions sessions;

    @Inject
    Cancellations cancellations;

    @Inject
    UnsolicitedCallbacks push;

    @Inject
    @ConfigProperty(name = "order.session-watch-millis", defaultValue = "1000")
    long everyMillis;

    private ScheduledFuture<?> watch;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        watch = scheduler.scheduleWithFixedDelay(this::runWatch, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (watch != null) {
            watch.cancel(false);
        }
    }

    private void runWatch() {
        SessionMonitor self = CDI.current().select(SessionMonitor.class).get();
        try {
            for (ChargingSession s : self.running()) {
                if (due(s) != null) {
                    try {
                        self.act(s.orderId());
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "session of order {0} not handled this time: {1}", new Object[] {s.orderId(), e.toString()});
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "session watch failed: {0}", e.toString());
        }
    }

    @Transactional
    public List<ChargingSession> running() {
        return em.createNamedQuery("ChargingSession.running", String.class)
                .setParameter("running", ChargingSession.State.RUNNING).setMaxResults(1000).getResultList().stream()
                .map(id -> em.find(ChargingSession.class, id)).filter(s -> s != null && s.chargerSessionId() != null).toList();
    }

    /** What the session needs now, from the charger's meter: null when nothing. */
    private Due due(ChargingSession s) {
        ChargePoints.Reading r = chargers.read(s.chargerSessionId()).orElse(null);
        if (r == null || r.state() == ChargePoints.State.FAULTED) {
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
        return milestone(percent) > s.milestone() ? new Due(Due.Kind.MILESTONE, r) : null;
    }

    private record Due(Kind kind, ChargePoints.Reading reading) {
        enum Kind { FAULTED, ENDED, SLOT_OVER, MILESTONE }
    }

    /** 25, 50 or 75 once crossed (100 is the end, told by on_update). */
    static int milestone(int percent) {
        return Math.min(75, percent / 25 * 25);
    }

    /** Locks the order and does what is due, checked again under the lock. */
    @Transactional
    public void act(String orderId) {
        Order o = sessions.lock(orderId, null);
        ChargingSession s = em.find(ChargingSession.class, orderId);
        if (o == null || s == null || !s.running() || o.status() != OrderStatus.ACTIVE) {
            return;
        }
        Due due = due(s);
        if (due == null) {
            return;
        }
        ChargePoints.Reading r = due.reading();
        switch (due.kind()) {
            case FAULTED -> {
                sessions.faulted(s, r);
                cancellations.chargerError(o);
                push.cancel(o, s);
                LOG.log(Level.WARNING, "order {0} txn={1}: charger {2} failed during the session ({3}); cancelled, {4} {5} refunded",
                        new Object[] {o.id(), o.transactionId(), s.connectorId(), r == null ? "session lost" : r.error(),
                                o.refundAmount(), o.currency()});
            }
            case ENDED, SLOT_OVER -> {
                if (due.kind() == Due.Kind.SLOT_OVER) {
                    r = chargers.stop(s.chargerSessionId()).orElse(r);
                }
                ChargingSession.End why = due.kind() == Due.Kind.SLOT_OVER ? ChargingSession.End.SLOT_OVER
                        : r.state() == ChargePoints.State.FINISHED ? ChargingSession.End.FINISHED : ChargingSession.End.STOPPED;
                sessions.settle(o, s, why, r.deliveredKwh(), r.socPercent(), FulfillmentState.CHARGING_ENDED);
                push.update(o, s);
                push.status(o, s, null);
            }
            case MILESTONE -> {
                s.read(r.deliveredKwh(), r.socPercent(), r.at());
                Progress p = sessions.progress(o, s);
                if (p != null) {
                    s.milestone(milestone(p.percent()));
                    push.status(o, s, p);
                }
            }
            default -> throw new IllegalStateException(due.kind().name());
        }
    }
}
