package org.evcharging.bpp.charger.application.onboarding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;

import org.evcharging.bpp.charger.application.availability.AvailabilityPublisher;
import org.evcharging.bpp.charger.domain.ChargePoint;
import org.evcharging.bpp.charger.domain.ChargingTransaction;
import org.evcharging.bpp.charger.domain.TransactionState;
import org.evcharging.bpp.charger.domain.ConnectorBinding;
import org.evcharging.bpp.charger.domain.Passwords;
import org.evcharging.bpp.charger.domain.Protocol;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.rest.ProblemException;

/**
 * Registering charge points: create or replace one (its connectors bound to catalog connectors, each catalog
 * connector to one charger only), a new password, and the operator's list. A new connector is out of service in search
 * until its charger connects and reports it.
 */
@ApplicationScoped
public class ChargePointRegistry {

    private static final SafeLog LOG = SafeLog.of(ChargePointRegistry.class);

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    AvailabilityPublisher publisher;

    /** Creates or replaces the charge point; the answer carries the password when one was generated. */
    @Transactional
    public ChargePointView register(ChargePointSpec spec) {
        Protocol protocol = Protocol.parse(spec.protocol());
        Set<String> seen = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        for (ChargePointSpec.Connector c : spec.connectors()) {
            int evse = evse(protocol, c);
            if (!seen.add(c.catalogConnector())) {
                throw new ProblemException(400, "a catalog connector is named twice", "connectors",
                        "'" + c.catalogConnector() + "' appears twice");
            }
            if (!numbers.add(evse + "/" + c.connectorId())) {
                throw new ProblemException(400, "a connector is numbered twice", "connectors",
                        "EVSE " + evse + " connector " + c.connectorId() + " appears twice");
            }
            for (ConnectorBinding other : em.createNamedQuery("ConnectorBinding.byCatalog", ConnectorBinding.class)
                    .setParameter("ref", c.catalogConnector()).getResultList()) {
                if (!other.chargePointId().equals(spec.id()) && other.providerId().equals(spec.providerId())) {
                    throw new ProblemException(409, "catalog connector '" + c.catalogConnector()
                            + "' is already charge point '" + other.chargePointId() + "''s");
                }
            }
        }
        Instant now = Instant.now();
        String generated = spec.password() == null ? Passwords.generate() : null;
        String password = spec.password() == null ? generated : spec.password();
        if (!Passwords.acceptable(password)) {
            throw new ProblemException(400, "the password is not acceptable", "password",
                    "16 to 40 printable ASCII characters, no spaces");
        }
        boolean enabled = spec.enabled() == null || spec.enabled();
        ChargePoint cp = em.find(ChargePoint.class, spec.id(), LockModeType.PESSIMISTIC_WRITE);
        if (cp == null) {
            cp = new ChargePoint(spec.id(), spec.providerId(), Passwords.hash(password), protocol, enabled, now);
            em.persist(cp);
        } else {
            cp.update(spec.providerId(), protocol, enabled);
            cp.password(Passwords.hash(password));
            for (ConnectorBinding old : connectors(spec.id())) {
                em.remove(old);
            }
            em.flush();
        }
        for (ChargePointSpec.Connector c : spec.connectors()) {
            em.persist(new ConnectorBinding(spec.id(), evse(protocol, c), c.connectorId(), spec.providerId(),
                    c.catalogConnector(), now));
        }
        em.flush();
        publisher.afterCommit();
        LOG.log(Level.INFO, "charge point {0} of provider {1} registered ({2}, {3} connectors)",
                new Object[] {spec.id(), spec.providerId(), protocol.label(), spec.connectors().size()});
        return ChargePointView.of(cp, connectors(spec.id()), generated);
    }

    /** A new generated password (shown once); the charger's next connection must use it. */
    @Transactional
    public ChargePointView newPassword(String id) {
        ChargePoint cp = require(id);
        String password = Passwords.generate();
        cp.password(Passwords.hash(password));
        return ChargePointView.of(cp, connectors(id), password);
    }

    @Transactional
    public ChargePoint require(String id) {
        ChargePoint cp = em.find(ChargePoint.class, id);
        if (cp == null) {
            throw ProblemException.notFound("charge point '" + id + "'");
        }
        return cp;
    }

    /** The charge point, if registered. */
    @Transactional
    public java.util.Optional<ChargePoint> find(String id) {
        return java.util.Optional.ofNullable(em.find(ChargePoint.class, id));
    }

    @Transactional
    public ChargePointView view(String id) {
        return ChargePointView.of(require(id), connectors(id), null, charging(id).getOrDefault(id, java.util.Map.of()));
    }

    /** The orders charging now, by charger ({@code chargePointId} null: every charger), then evse/connector. */
    private java.util.Map<String, java.util.Map<String, String>> charging(String chargePointId) {
        java.util.Map<String, java.util.Map<String, String>> byCharger = new java.util.HashMap<>();
        jakarta.persistence.TypedQuery<ChargingTransaction> q = em.createQuery(
                "SELECT t FROM ChargingTransaction t WHERE t.state = :charging"
                        + (chargePointId == null ? "" : " AND t.chargePointId = :cp"),
                ChargingTransaction.class).setParameter("charging", TransactionState.CHARGING)
                .setFlushMode(jakarta.persistence.FlushModeType.COMMIT);
        if (chargePointId != null) {
            q.setParameter("cp", chargePointId);
        }
        q.getResultList().stream().filter(t -> t.orderId() != null)
                .forEach(t -> byCharger.computeIfAbsent(t.chargePointId(), k -> new java.util.HashMap<>())
                        .put(t.evseId() + "/" + t.connectorId(), t.orderId()));
        return byCharger;
    }

    /** Every charge point (providerId null) or one provider's. */
    @Transactional
    public List<ChargePointView> list(String providerId) {
        List<ChargePoint> all = providerId == null
                ? em.createNamedQuery("ChargePoint.all", ChargePoint.class).getResultList()
                : em.createNamedQuery("ChargePoint.ofProvider", ChargePoint.class).setParameter("p", providerId)
                        .getResultList();
        // every connector in one query, not one per charger
        java.util.Map<String, List<ConnectorBinding>> byCharger = new java.util.HashMap<>();
        em.createQuery("SELECT b FROM ConnectorBinding b ORDER BY b.chargePointId, b.evseId, b.connectorId",
                ConnectorBinding.class).setFlushMode(jakarta.persistence.FlushModeType.COMMIT).getResultList()
                .forEach(b -> byCharger.computeIfAbsent(b.chargePointId(), k -> new java.util.ArrayList<>()).add(b));
        java.util.Map<String, java.util.Map<String, String>> charging = charging(null);
        return all.stream().map(cp -> ChargePointView.of(cp, byCharger.getOrDefault(cp.id(), List.of()), null,
                charging.getOrDefault(cp.id(), java.util.Map.of()))).toList();
    }

    private List<ConnectorBinding> connectors(String id) {
        return em.createNamedQuery("ConnectorBinding.ofChargePoint", ConnectorBinding.class).setParameter("cp", id)
                .getResultList();
    }

    private static int evse(Protocol protocol, ChargePointSpec.Connector c) {
        if (protocol == Protocol.OCPP16) {
            return c.connectorId();
        }
        if (c.evseId() == null) {
            throw new ProblemException(400, "a 2.0.1 connector needs its EVSE", "connectors", "evseId is required");
        }
        return c.evseId();
    }
}
