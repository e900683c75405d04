package org.evcharging.bpp.charger.application.availability;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.List;

import org.evcharging.bpp.charger.domain.Availability;
import org.evcharging.bpp.charger.domain.ConnectorBinding;

/** The connectors whose availability the catalog does not have yet, and marking one published; each its own transaction. */
@ApplicationScoped
public class PendingAvailability {

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Transactional(TxType.REQUIRES_NEW)
    public List<ConnectorBinding> due() {
        return em.createNamedQuery("ConnectorBinding.unpublished", ConnectorBinding.class).setMaxResults(500)
                .getResultList();
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void published(Long id, Availability availability, Instant asOf) {
        ConnectorBinding b = em.find(ConnectorBinding.class, id);
        if (b != null) {
            b.published(availability, asOf);
        }
    }
}
