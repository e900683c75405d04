package org.evcharging.bpp.charger.application.sessions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import org.evcharging.bpp.charger.domain.ChargePoint;
import org.evcharging.bpp.charger.domain.ChargingTransaction;
import org.evcharging.bpp.charger.domain.ConnectorBinding;
import org.evcharging.bpp.charger.domain.StopRequest;
import org.evcharging.bpp.charger.domain.TransactionState;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.rest.ProblemException;

/**
 * The database steps of {@link RemoteSessions}, each in a short transaction of its own, so that no lock is held while
 * a charger is asked something or waited for.
 */
@ApplicationScoped
public class SessionSteps {

    private static final SafeLog LOG = SafeLog.of(SessionSteps.class);

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    /** What the start of an order found: a transaction to ask the charger for, or one that runs already. */
    public record Prepared(ChargingTransaction transaction, ChargePoint chargePoint, boolean ask) {
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
        return ofOrder(orderId).filter(SessionSteps::started).map(SessionReading::of);
    }

    @Transactional
    public ChargePoint chargePoint(String id) {
        return em.find(ChargePoint.class, id);
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
            LOG.log(Level.WARNING, "cp={0} ocpp-txn={1} order={2}: no StopTransaction from the charge point in time;"
                    + " the last reading ({3} kWh) stands",
                    new Object[] {t.chargePointId(), t.ocppTransactionId(), t.orderId(), t.deliveredKwh()});
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
        LOG.log(Level.WARNING, "cp={0} evse={1} connector={2} order={3}: remote start failed: {4}",
                new Object[] {t.chargePointId(), String.valueOf(t.evseId()), String.valueOf(t.connectorId()),
                        t.orderId(), why});
    }

    private Optional<ChargingTransaction> ofOrder(String orderId) {
        return em.createNamedQuery("ChargingTransaction.ofOrder", ChargingTransaction.class)
                .setParameter("order", orderId).getResultStream().findFirst();
    }

    private static boolean started(ChargingTransaction t) {
        return t.state() == TransactionState.CHARGING || t.state() == TransactionState.ENDED;
    }

}
