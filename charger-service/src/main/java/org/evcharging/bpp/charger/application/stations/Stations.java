package org.evcharging.bpp.charger.application.stations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.charger.application.availability.AvailabilityPublisher;
import org.evcharging.bpp.charger.domain.Availability;
import org.evcharging.bpp.charger.domain.ChargePoint;
import org.evcharging.bpp.charger.domain.ChargingTransaction;
import org.evcharging.bpp.charger.domain.ConnectorBinding;
import org.evcharging.bpp.charger.domain.Passwords;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.tasks.Sweep;

/**
 * A charger's life on the central system: who may connect (the handshake), its connection on a replica (the routing
 * table), boot, heartbeats, connector statuses and what search shows of them. The heartbeat watchdog ({@link #sweep})
 * takes a charger that has been silent for two heartbeat intervals (plus a grace) out of service until it is back.
 */
@ApplicationScoped
public class Stations implements Sweep {

    private static final SafeLog LOG = SafeLog.of(Stations.class);

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    AvailabilityPublisher publisher;

    @Inject
    @ConfigProperty(name = "charger.heartbeat-interval", defaultValue = "PT5M")
    Duration heartbeat;

    @Inject
    @ConfigProperty(name = "charger.heartbeat-grace", defaultValue = "PT30S")
    Duration grace;

    @Inject
    @ConfigProperty(name = "charger.watchdog-sweep", defaultValue = "PT5S")
    Duration watchdogEvery;

    /** What a handshake found: the registered charger, or why it is refused (our words). */
    public record Admission(ChargePoint chargePoint, String refusal) {
    }

    /** HTTP Basic of a charger's handshake: the id in the URL, the user and password of the header. */
    @Transactional
    public Admission admit(String chargePointId, String user, String password) {
        ChargePoint cp = em.find(ChargePoint.class, chargePointId);
        if (cp == null) {
            return new Admission(null, "unknown charge point");
        }
        if (user == null || !user.equals(chargePointId) || !Passwords.matches(password, cp.passwordHash())) {
            return new Admission(null, "wrong charge point id or password");
        }
        return new Admission(cp, null);
    }

    @Transactional
    public ChargePoint find(String chargePointId) {
        return em.find(ChargePoint.class, chargePointId);
    }

    /** The socket is open on this replica: it now routes the charger's commands. */
    @Transactional
    public void connected(String chargePointId, String replicaUrl, String connectionId) {
        ChargePoint cp = em.find(ChargePoint.class, chargePointId, LockModeType.PESSIMISTIC_WRITE);
        if (cp != null) {
            cp.connected(replicaUrl, connectionId, Instant.now());
        }
    }

    /** The socket closed; unless a newer connection replaced it, the charger is offline and out of service. */
    @Transactional
    public void disconnected(String chargePointId, String connectionId) {
        ChargePoint cp = em.find(ChargePoint.class, chargePointId, LockModeType.PESSIMISTIC_WRITE);
        if (cp != null && cp.disconnected(connectionId, Instant.now())) {
            republish(cp);
        }
    }

    /** What the charger is told at boot: Accepted (with the heartbeat interval) or Pending when not enabled yet. */
    public record BootAnswer(String status, int intervalSeconds) {
    }

    @Transactional
    public BootAnswer boot(String chargePointId, Link link, String vendor, String model, String firmware,
            String serial) {
        ChargePoint cp = touch(chargePointId, link);
        String status = cp.enabled() ? "Accepted" : "Pending";
        cp.booted(vendor, model, firmware, serial, status, Instant.now());
        LOG.log(Level.INFO, "charge point {0} booted ({1} {2}, firmware {3}): {4}",
                new Object[] {chargePointId, vendor, model, firmware, status});
        republish(cp);
        return new BootAnswer(status,
                (int) (cp.enabled() ? heartbeat.toSeconds() : Math.min(60, heartbeat.toSeconds())));
    }

    /** Where a message came from: the replica and the socket (to restore the routing after a watchdog's offline). */
    public record Link(String replicaUrl, String connectionId) {
    }

    /**
     * A message from the charger: a sign of life for the watchdog. A charger the watchdog had declared offline whose
     * socket is still open here is back online.
     */
    @Transactional
    public ChargePoint touch(String chargePointId, Link link) {
        ChargePoint cp = em.find(ChargePoint.class, chargePointId);
        if (cp == null) {
            return null;
        }
        Instant now = Instant.now();
        cp.seen(now);
        if (!cp.connected() && link != null) {
            cp.connected(link.replicaUrl(), link.connectionId(), now);
            LOG.log(Level.INFO, "charge point {0} is heard from again: online", chargePointId);
            republish(cp);
        }
        return cp;
    }

    @Transactional
    public Instant heartbeat(String chargePointId, Link link) {
        ChargePoint cp = touch(chargePointId, link);
        Instant now = Instant.now();
        if (cp != null) {
            cp.heartbeat(now);
        }
        return now;
    }

    /**
     * A StatusNotification: connector 0 (1.6) is the whole charger. A Faulted connector marks its running transaction
     * (order-service then cancels it for a charger error). Returns false for a connector that is not registered.
     */
    @Transactional
    public boolean status(String chargePointId, Link link, int evseId, int connectorId, String status,
            String errorCode, Instant at) {
        ChargePoint cp = touch(chargePointId, link);
        if (evseId == 0 && connectorId == 0) {
            cp.stationStatus(status, errorCode);
            republish(cp);
            return true;
        }
        ConnectorBinding c = connector(chargePointId, evseId, connectorId);
        if (c == null) {
            return false;
        }
        if (c.status(status, errorCode, at) && "Faulted".equals(status)) {
            for (ChargingTransaction t : em.createNamedQuery("ChargingTransaction.runningAt", ChargingTransaction.class)
                    .setParameter("cp", chargePointId).getResultList()) {
                if (t.evseId() == evseId && (t.connectorId() == connectorId || connectorId == 0)) {
                    t.fault(errorCode);
                    LOG.log(Level.WARNING, "cp={0} evse={1} connector={2} ocpp-txn={3} order={4}: Faulted ({5})"
                            + " during the transaction",
                            new Object[] {chargePointId, String.valueOf(t.evseId()),
                                    String.valueOf(t.connectorId()), t.ocppTransactionId(), t.orderId(), errorCode});
                }
            }
        }
        republish(cp);
        return true;
    }

    /** The connector of a charger, 1.6 by connector id (its EVSE id is the same), 2.0.1 by EVSE and connector. */
    public ConnectorBinding connector(String chargePointId, int evseId, int connectorId) {
        for (ConnectorBinding c : connectors(chargePointId)) {
            if (c.evseId() == evseId && (c.connectorId() == connectorId || connectorId == 0)) {
                return c;
            }
        }
        return null;
    }

    public List<ConnectorBinding> connectors(String chargePointId) {
        return em.createNamedQuery("ConnectorBinding.ofChargePoint", ConnectorBinding.class)
                .setParameter("cp", chargePointId).getResultList();
    }

    /** Recomputes what search should show of each connector of the charger; publishes what changed. */
    void republish(ChargePoint cp) {
        Instant now = Instant.now();
        boolean changed = false;
        for (ConnectorBinding c : connectors(cp.id())) {
            Availability a = !cp.connected() || !"Accepted".equals(cp.bootStatus()) || cp.stationDown()
                    ? Availability.OUT_OF_SERVICE : Availability.of(c.status());
            changed |= c.want(a, now);
        }
        if (changed) {
            publisher.afterCommit();
        }
    }

    @Override
    public String name() {
        return "charger heartbeat watchdog";
    }

    @Override
    public Duration every() {
        return watchdogEvery;
    }

    /** Chargers silent for two heartbeat intervals and the grace are offline. */
    @Override
    @Transactional
    public void sweep() {
        Instant before = Instant.now().minus(heartbeat.multipliedBy(2)).minus(grace);
        for (ChargePoint cp : em.createNamedQuery("ChargePoint.silentSince", ChargePoint.class)
                .setParameter("before", before).getResultList()) {
            LOG.log(Level.WARNING, "cp={0}: silent since {1} (two heartbeats missed): offline",
                    new Object[] {cp.id(), cp.lastSeenAt()});
            cp.disconnected(null, Instant.now());
            republish(cp);
        }
    }
}
