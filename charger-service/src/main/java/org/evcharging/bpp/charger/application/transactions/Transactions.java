package org.evcharging.bpp.charger.application.transactions;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import org.evcharging.bpp.charger.application.commands.ChargerCommands;
import org.evcharging.bpp.charger.application.commands.Requests;
import org.evcharging.bpp.charger.application.commands.Versions;
import org.evcharging.bpp.charger.application.stations.Stations;
import org.evcharging.bpp.charger.domain.ChargePoint;
import org.evcharging.bpp.charger.domain.ChargingTransaction;
import org.evcharging.bpp.charger.domain.MeterSample;
import org.evcharging.bpp.charger.domain.Protocol;
import org.evcharging.bpp.charger.domain.StopRequest;
import org.evcharging.bpp.charger.domain.TransactionState;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.tasks.AfterCommit;

/**
 * What chargers report of transactions, stored before they are answered: starts (the same transaction for a resent
 * start: by the charger's transaction id, our remoteStartId, or the order's idTag), meter samples (each once, by
 * timestamp; the meter moves only forward in time, so late samples fill in history) and ends (a repeated end changes
 * nothing). Once a transaction has delivered the booked energy the charger is asked to stop; when the readings show it
 * will get there before the next regular reading, the meter is read again when it is due.
 */
@ApplicationScoped
public class Transactions {

    private static final SafeLog LOG = SafeLog.of(Transactions.class);

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    Stations stations;

    @Inject
    ChargerCommands commands;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** The meter reading asked for when a transaction's booked energy is due, by transaction (one at a time). */
    private final Map<Long, Future<?>> dueReadings = new ConcurrentHashMap<>();

    /** One meter sample: energy (Wh, the register), state of charge, power (W); any may be missing. */
    public record Sample(Instant at, Long energyWh, Integer socPercent, Double powerW) {
    }

    /** The transaction id to give the charger and whether its idTag is accepted. */
    public record StartAnswer(long transactionId, boolean accepted) {
    }

    /** Is this idTag one of ours for a transaction the charger may start now? */
    @Transactional
    public boolean authorize(String chargePointId, Stations.Link link, String idTag) {
        stations.touch(chargePointId, link);
        ChargingTransaction t = ofIdTag(chargePointId, idTag);
        return t != null && (t.state() == TransactionState.REQUESTED || t.state() == TransactionState.CHARGING);
    }

    @Transactional
    public StartAnswer started(String chargePointId, Stations.Link link, int evseId, int connectorId, String idTag,
            String chargerTransactionId, Integer remoteStartId, Long meterStartWh, Instant at) {
        stations.touch(chargePointId, link);
        ChargingTransaction t = null;
        if (chargerTransactionId != null) {
            t = ofCharger(chargePointId, chargerTransactionId);
        }
        if (t == null && remoteStartId != null) {
            ChargingTransaction byId = em.find(ChargingTransaction.class, remoteStartId.longValue());
            t = byId != null && byId.chargePointId().equals(chargePointId) ? byId : null;
        }
        if (t == null && idTag != null) {
            t = ofIdTag(chargePointId, idTag);
        }
        if (t == null && chargerTransactionId == null) {
            // a 1.6 charger resending a start we refused (it did not get our answer) names no transaction and its
            // idTag is none of ours: the same connector and start time is the same transaction, not a second one
            t = em.createQuery("SELECT t FROM ChargingTransaction t WHERE t.chargePointId = :cp AND t.orderId IS NULL"
                    + " AND t.evseId = :evse AND t.connectorId = :c AND t.startedAt = :at", ChargingTransaction.class)
                    .setParameter("cp", chargePointId).setParameter("evse", evseId).setParameter("c", connectorId)
                    .setParameter("at", at).getResultStream().findFirst().orElse(null);
        }
        if (t == null) {
            t = ChargingTransaction.unsolicited(chargePointId, evseId, connectorId, Instant.now());
            em.persist(t);
            em.flush();
            LOG.log(Level.WARNING, "cp={0} evse={1} connector={2} ocpp-txn={3}: a transaction started with an idTag we"
                    + " did not issue: recorded as {4} and refused",
                    new Object[] {chargePointId, String.valueOf(evseId), String.valueOf(connectorId),
                            chargerTransactionId != null ? chargerTransactionId : String.valueOf(t.id()),
                            String.valueOf(t.id())});
        } else {
            em.refresh(t, LockModeType.PESSIMISTIC_WRITE);
        }
        boolean accepted = t.started(chargerTransactionId, meterStartWh, at);
        LOG.log(Level.INFO, "charge point {0}: transaction {1} of order {2} started at {3} Wh ({4})", new Object[] {
                chargePointId, String.valueOf(t.id()), t.orderId(), meterStartWh, accepted ? "accepted" : "refused"});
        return new StartAnswer(t.id(), accepted);
    }

    /** Meter samples of a transaction; false for a transaction we do not know. */
    @Transactional
    public boolean metered(String chargePointId, Stations.Link link, Protocol protocol, String transactionKey,
            List<Sample> samples) {
        ChargePoint cp = stations.touch(chargePointId, link);
        ChargingTransaction t = byKey(chargePointId, protocol, transactionKey);
        if (t == null) {
            return false;
        }
        meter(cp, t, samples);
        return true;
    }

    /**
     * Meter samples a 1.6 charger sent for a connector without naming a transaction (as some do when asked for a reading
     * by TriggerMessage): the connector's charging transaction's, if it has one; else nothing to bill.
     */
    @Transactional
    public void meteredOnConnector(String chargePointId, Stations.Link link, int connectorId, List<Sample> samples) {
        ChargePoint cp = stations.touch(chargePointId, link);
        ChargingTransaction t = em.createQuery("SELECT t FROM ChargingTransaction t WHERE t.chargePointId = :cp"
                + " AND t.connectorId = :c AND t.state = :charging ORDER BY t.id DESC", ChargingTransaction.class)
                .setParameter("cp", chargePointId).setParameter("c", connectorId)
                .setParameter("charging", TransactionState.CHARGING).setMaxResults(1).getResultStream().findFirst()
                .orElse(null);
        if (t != null) {
            em.refresh(t, LockModeType.PESSIMISTIC_WRITE);
            meter(cp, t, samples);
        }
    }

    private void meter(ChargePoint cp, ChargingTransaction t, List<Sample> samples) {
        Long previousWh = t.lastMeterWh();
        Instant previousAt = t.lastMeterAt();
        apply(t, samples);
        if (t.state() == TransactionState.CHARGING && t.targetReached() && t.stopRequest() == null) {
            t.stopRequested(StopRequest.TARGET);
            LOG.log(Level.INFO, "transaction {0} of order {1}: the booked energy is delivered; stopping it",
                    new Object[] {String.valueOf(t.id()), t.orderId()});
            stopAfterCommit(cp, t);
            dropDueReading(t.id());
        } else {
            t.targetDueIn(previousWh, previousAt).ifPresent(due -> readMeterWhenDue(cp, t, due));
        }
    }

    /** The end of a transaction; false for one we do not know. A repeated end is answered and changes nothing. */
    @Transactional
    public boolean ended(String chargePointId, Stations.Link link, Protocol protocol, String transactionKey,
            Long meterStopWh, Instant at, String reason, List<Sample> samples) {
        stations.touch(chargePointId, link);
        ChargingTransaction t = byKey(chargePointId, protocol, transactionKey);
        if (t == null) {
            return false;
        }
        apply(t, samples);
        dropDueReading(t.id());
        if (t.ended(meterStopWh, reason, at)) {
            LOG.log(Level.INFO, "charge point {0}: transaction {1} of order {2} ended ({3}, {4}): {5} kWh",
                    new Object[] {chargePointId, String.valueOf(t.id()), t.orderId(), reason, t.end(),
                            t.deliveredKwh()});
        }
        return true;
    }

    private void apply(ChargingTransaction t, List<Sample> samples) {
        Instant now = Instant.now();
        for (Sample s : samples.stream().sorted(Comparator.comparing(Sample::at)).toList()) {
            long known = em
                    .createQuery("SELECT COUNT(m) FROM MeterSample m WHERE m.transactionRef = :t AND m.sampledAt = :at",
                            Long.class)
                    .setParameter("t", t.id()).setParameter("at", s.at()).getSingleResult();
            if (known > 0) {
                continue;
            }
            em.persist(new MeterSample(t.id(), s.at(), s.energyWh(), s.socPercent(), s.powerW(), now));
            if (s.energyWh() != null) {
                t.metered(s.energyWh(), s.socPercent(), s.powerW(), s.at());
            }
        }
    }

    private void stopAfterCommit(ChargePoint cp, ChargingTransaction t) {
        Requests.Request stop = Requests.remoteStop(Versions.of(cp.protocol()), t);
        String chargePointId = cp.id();
        String ocppTxn = t.ocppTransactionId();
        String orderId = t.orderId();
        AfterCommit.run(transactions, () -> executor.execute(() -> {
            try {
                commands.call(chargePointId, stop.action(), stop.payload());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cp={0} ocpp-txn={1} order={2}: the stop at the booked energy was not taken:"
                        + " {3}", new Object[] {chargePointId, ocppTxn, orderId, e.getMessage()});
            }
        }));
    }

    /**
     * Asks the charger for a meter reading when the booked energy is due (TriggerMessage MeterValues), so the stop is
     * taken on a reading at the target rather than on the next regular one, up to a reading interval of energy later.
     * Every reading of the transaction replaces the one pending with a new prediction (or none); the stop and the end
     * cancel it. The reading that comes back is handled as any other: it stops the transaction, or predicts again.
     */
    private void readMeterWhenDue(ChargePoint cp, ChargingTransaction t, Duration due) {
        Requests.Request read = Requests.readMeterNow(Versions.of(cp.protocol()), t);
        String chargePointId = cp.id();
        long id = t.id();
        String orderId = t.orderId();
        AfterCommit.run(transactions, () -> {
            CompletableFuture<Future<?>> self = new CompletableFuture<>();
            Future<?> check = scheduler.schedule(() -> {
                try {
                    commands.call(chargePointId, read.action(), read.payload());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "cp={0} txn={1} order={2}: no meter reading at the booked energy, the stop"
                            + " waits for the next regular one: {3}",
                            new Object[] {chargePointId, String.valueOf(id), orderId, e.getMessage()});
                } finally {
                    self.thenAccept(f -> dueReadings.remove(id, f));
                }
            }, due.toMillis(), TimeUnit.MILLISECONDS);
            Future<?> replaced = dueReadings.put(id, check);
            self.complete(check);
            if (replaced != null) {
                replaced.cancel(false);
            }
        });
    }

    /** The transaction is stopping or has ended: no reading is asked for any more. */
    private void dropDueReading(long id) {
        AfterCommit.run(transactions, () -> {
            Future<?> pending = dueReadings.remove(id);
            if (pending != null) {
                pending.cancel(false);
            }
        });
    }

    /** The transaction the charger names: 1.6 by our id, 2.0.1 by its own. */
    ChargingTransaction byKey(String chargePointId, Protocol protocol, String key) {
        if (key == null) {
            return null;
        }
        if (protocol == Protocol.OCPP16) {
            long id;
            try {
                id = Long.parseLong(key);
            } catch (NumberFormatException e) {
                return null;
            }
            ChargingTransaction t = em.find(ChargingTransaction.class, id, LockModeType.PESSIMISTIC_WRITE);
            return t != null && t.chargePointId().equals(chargePointId) ? t : null;
        }
        ChargingTransaction t = ofCharger(chargePointId, key);
        if (t != null) {
            em.refresh(t, LockModeType.PESSIMISTIC_WRITE);
        }
        return t;
    }

    private ChargingTransaction ofCharger(String chargePointId, String chargerTransactionId) {
        return em.createNamedQuery("ChargingTransaction.ofCharger", ChargingTransaction.class)
                .setParameter("cp", chargePointId).setParameter("tx", chargerTransactionId).getResultStream()
                .findFirst().orElse(null);
    }

    private ChargingTransaction ofIdTag(String chargePointId, String idTag) {
        return em.createNamedQuery("ChargingTransaction.ofIdTag", ChargingTransaction.class)
                .setParameter("cp", chargePointId).setParameter("tag", idTag).getResultStream().findFirst()
                .orElse(null);
    }
}
