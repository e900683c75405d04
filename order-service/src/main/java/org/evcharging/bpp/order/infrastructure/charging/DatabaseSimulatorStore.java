package org.evcharging.bpp.order.infrastructure.charging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The simulated chargers' sessions and faults in order-service's database: in the caller's transaction when there is
 * one (a start rolled back leaves no session behind), in one of their own otherwise.
 */
@ApplicationScoped
@Transactional
public class DatabaseSimulatorStore implements SimulatedChargePoints.Store {

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Override
    public void add(SimulatedChargePoints.Session s) {
        em.persist(new SimulatedSessionRow(s));
    }

    @Override
    public Optional<SimulatedChargePoints.Session> get(String id) {
        return Optional.ofNullable(em.find(SimulatedSessionRow.class, id)).map(SimulatedSessionRow::session);
    }

    @Override
    public List<SimulatedChargePoints.Session> openOf(String orderId) {
        return em.createNamedQuery("SimulatedSessionRow.openOf", SimulatedSessionRow.class)
                .setParameter("order", orderId)
                .getResultStream().map(SimulatedSessionRow::session).toList();
    }

    @Override
    public List<SimulatedChargePoints.Session> openOn(String connectorId) {
        return em.createNamedQuery("SimulatedSessionRow.openOn", SimulatedSessionRow.class)
                .setParameter("connector", connectorId)
                .getResultStream().map(SimulatedSessionRow::session).toList();
    }

    @Override
    public void end(String id, Instant at, ChargePoints.State state) {
        SimulatedSessionRow row = em.find(SimulatedSessionRow.class, id);
        if (row != null) {
            row.end(at, state);
        }
    }

    @Override
    public void fault(String connectorId, boolean faulted) {
        SimulatedConnectorFault f = em.find(SimulatedConnectorFault.class, connectorId);
        if (faulted && f == null) {
            em.persist(new SimulatedConnectorFault(connectorId, Instant.now()));
        } else if (!faulted && f != null) {
            em.remove(f);
        }
    }

    @Override
    public boolean faulted(String connectorId) {
        return em.find(SimulatedConnectorFault.class, connectorId) != null;
    }
}
