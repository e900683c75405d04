package org.evcharging.bpp.charger.application.sessions;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.charger.application.commands.ChargerCommands;
import org.evcharging.bpp.charger.application.commands.CommandFailed;
import org.evcharging.bpp.charger.application.commands.Requests;
import org.evcharging.bpp.charger.application.commands.Versions;
import org.evcharging.bpp.charger.domain.ChargePoint;
import org.evcharging.bpp.charger.domain.ChargingTransaction;
import org.evcharging.bpp.charger.domain.ConnectorBinding;
import org.evcharging.bpp.charger.domain.StopRequest;
import org.evcharging.bpp.charger.domain.TransactionState;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.rest.ProblemException;

/**
 * order-service's charging sessions, one per order, on real chargers: a start is a remote start on the booked
 * connector with the order as the idTag, waited on until the charger has started the transaction (a retried start
 * joins the same transaction, never a second); a reading is the charger's own meter; a stop is a remote stop, waited
 * on until the charger's final meter arrives. Nothing here holds a database lock while a charger is asked something.
 */
@ApplicationScoped
public class RemoteSessions {

    private static final SafeLog LOG = SafeLog.of(RemoteSessions.class);

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    ChargerCommands commands;

    @Inject
    @ConfigProperty(name = "charger.start-timeout", defaultValue = "PT30S")
    Duration startTimeout;

    @Inject
    @ConfigProperty(name = "charger.stop-timeout", defaultValue = "PT15S")
    Duration stopTimeout;

    /** What the start of an order found: a transaction to ask the charger for, or one that runs already. */
    public record Prepared(ChargingTransaction transaction, ChargePoint chargePoint, boolean ask) {
    }

    /** Starts the order's charging on the catalog connector it booked; the reading once the charger started it. */
    public SessionReading start(String orderId, String catalogConnector, BigDecimal targetKwh) {
        Prepared p = prepare(orderId, catalogConnector, targetKwh);
        ChargingTransaction t = p.transaction();
        if (t.state() == TransactionState.CHARGING || t.state() == TransactionState.ENDED) {
            return SessionReading.of(t);
        }
        if (p.ask()) {
            Requests.Request start = Requests.remoteStart(Versions.of(p.chargePoint().protocol()), t);
            String status;
            try {
                ObjectNode answer = commands.call(p.chargePoint().id(), start.action(), start.payload());
                status = answer.path("status").asText();
            } catch (CommandFailed e) {
                failed(t.id(), false, e.getMessage());
                throw new StartFailed(e.getMessage(), false);
            }
            if (!"Accepted".equals(status)) {
                String why = "charge point " + p.chargePoint().id() + " refused the remote start";
                failed(t.id(), false, why);
                throw new StartFailed(why, false);
            }
        }
        Instant deadline = Instant.now().plus(startTimeout);
        while (Instant.now().isBefore(deadline)) {
            ChargingTransaction now = current(t.id());
            switch (now.state()) {
                case CHARGING, ENDED :
                    return SessionReading.of(now);
                case REFUSED, ABANDONED :
                    throw new StartFailed(now.failure(), now.state() == TransactionState.ABANDONED);
                default :
                    pause();
            }
        }
        String why = "charge point " + p.chargePoint().id()
                + " accepted the remote start but started no transaction in "
                + startTimeout.toSeconds() + " s";
        failed(t.id(), true, why);
        throw new StartFailed(why, true);
    }

    /** The order's transaction, created or taken up again (after a refusal), in a transaction of its own. */
    @Transactional(TxType.REQUIRES_NEW)
    public Prepared prepare(String orderId, String catalogConnector, BigDecimal targetKwh) {
        List<ConnectorBinding> bound = em.createNamedQuery("ConnectorBinding.byCatalog", ConnectorBinding.class)
                .setParameter("ref", catalogConnector).getResultList();
        if (bound.isEmpty()) {
            throw ProblemException.notFound("no charger is registered for connector '" + catalogConnector + "'");
        }
        if (bound.size() > 1) {
            throw new ProblemException(409, "connector '" + catalogConnector + "' is bound to several chargers");
        }
        ConnectorBinding c = bound.get(0);
        ChargePoint cp = em.find(ChargePoint.class, c.chargePointId());
        Long targetWh = targetKwh == null ? null
                : targetKwh.multiply(BigDecimal.valueOf(1000)).setScale(0, java.math.RoundingMode.HALF_UP).longValue();
        ChargingTransaction t = em.createNamedQuery("ChargingTransaction.ofOrder", ChargingTransaction.class)
                .setParameter("order", orderId).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultStream()
                .findFirst().orElse(null);
        Instant now = Instant.now();
        if (t == null) {
            t = ChargingTransaction.requested(orderId, c, cp.protocol(), targetWh, now);
            em.persist(t);
            em.flush();
            return new Prepared(t, cp, true);
        }
        if (t.state() == TransactionState.REFUSED || t.state() == TransactionState.ABANDONED) {
            t.retry(c, cp.protocol(), targetWh, now);
            return new Prepared(t, cp, true);
        }
        // REQUESTED: another start of this order is waiting for the charger; wait with it
        return new Prepared(t, cp, false);
    }

    /** The order's meter now; empty when it has no transaction that started. */
    @Transactional
    public Optional<SessionReading> read(String orderId) {
        return ofOrder(orderId).filter(RemoteSessions::started).map(SessionReading::of);
    }

    /**
     * Stops the order's charging and returns the final reading: the charger's StopTransaction when it comes within
     * {@code charger.stop-timeout}, else the last reading (the charger is offline or lost the transaction; energy it
     * reports later is kept but not billed). Empty when the order has no started transaction.
     */
    public Optional<SessionReading> stop(String orderId) {
        ChargingTransaction t = markStop(orderId);
        if (t == null) {
            return Optional.empty();
        }
        if (t.state() == TransactionState.CHARGING) {
            ChargePoint cp = em.find(ChargePoint.class, t.chargePointId());
            Requests.Request stop = Requests.remoteStop(Versions.of(cp.protocol()), t);
            try {
                ObjectNode answer = commands.call(cp.id(), stop.action(), stop.payload());
                if (!"Accepted".equals(answer.path("status").asText())) {
                    LOG.log(Level.WARNING, "charge point {0} refused to stop transaction {1}",
                            new Object[] {cp.id(), t.id()});
                }
            } catch (CommandFailed e) {
                LOG.log(Level.WARNING, "transaction {0}: the remote stop was not taken: {1}",
                        new Object[] {t.id(), e.getMessage()});
            }
            Instant deadline = Instant.now().plus(stopTimeout);
            while (Instant.now().isBefore(deadline) && current(t.id()).state() == TransactionState.CHARGING) {
                pause();
            }
        }
        return Optional.of(SessionReading.of(endWithoutCharger(t.id())));
    }

    @Transactional(TxType.REQUIRES_NEW)
    public ChargingTransaction markStop(String orderId) {
        ChargingTransaction t = ofOrder(orderId).orElse(null);
        if (t == null) {
            return null;
        }
        em.refresh(t, LockModeType.PESSIMISTIC_WRITE);
        if (t.state() == TransactionState.REQUESTED) {
            t.abandoned("stopped before the charger started");
            return null;
        }
        if (!started(t)) {
            return null;
        }
        t.stopRequested(StopRequest.USER);
        return t;
    }

    @Transactional(TxType.REQUIRES_NEW)
    public ChargingTransaction endWithoutCharger(Long id) {
        ChargingTransaction t = em.find(ChargingTransaction.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (t.state() == TransactionState.CHARGING) {
            LOG.log(Level.WARNING, "transaction {0}: no StopTransaction from charge point {1} in time; the last"
                    + " reading ({2} kWh) stands", new Object[] {t.id(), t.chargePointId(), t.deliveredKwh()});
            t.endedWithoutCharger(Instant.now());
        }
        return t;
    }

    @Transactional(TxType.REQUIRES_NEW)
    public ChargingTransaction current(Long id) {
        return em.find(ChargingTransaction.class, id);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void failed(Long id, boolean timedOut, String why) {
        ChargingTransaction t = em.find(ChargingTransaction.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (timedOut) {
            t.abandoned(why);
        } else {
            t.refused(why);
        }
        LOG.log(Level.WARNING, "order {0}: remote start on charge point {1} failed: {2}",
                new Object[] {t.orderId(), t.chargePointId(), why});
    }

    private Optional<ChargingTransaction> ofOrder(String orderId) {
        return em.createNamedQuery("ChargingTransaction.ofOrder", ChargingTransaction.class)
                .setParameter("order", orderId).getResultStream().findFirst();
    }

    private static boolean started(ChargingTransaction t) {
        return t.state() == TransactionState.CHARGING || t.state() == TransactionState.ENDED;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a charger", e);
        }
    }
}
