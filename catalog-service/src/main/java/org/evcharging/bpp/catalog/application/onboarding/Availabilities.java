package org.evcharging.bpp.catalog.application.onboarding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import org.evcharging.bpp.catalog.domain.Availability;
import org.evcharging.bpp.catalog.domain.Connector;
import org.evcharging.bpp.catalog.domain.Evse;
import org.evcharging.bpp.catalog.domain.EvseKind;
import org.evcharging.bpp.core.rest.ProblemException;

/**
 * The live availability of a location's equipment: a charger's connectors one by one, a swap station as a whole.
 * Visible in the next search, which reads it each time.
 */
@ApplicationScoped
public class Availabilities {

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Transactional
    public void setConnector(String providerId, String ref, Availability availability) {
        List<Connector> found = em
                .createQuery("SELECT c FROM Connector c WHERE c.providerId = :p AND c.ref = :r", Connector.class)
                .setParameter("p", providerId).setParameter("r", ref).getResultList();
        if (found.isEmpty()) {
            throw ProblemException.notFound("connector '" + ref + "' of provider '" + providerId + "'");
        }
        found.get(0).setAvailability(availability);
    }

    /** A charger's report (charger-service): the latest by {@code asOf} wins; false when a newer one is kept. */
    @Transactional
    public boolean reportConnector(String providerId, String ref, Availability availability, java.time.Instant asOf) {
        List<Connector> found = em
                .createQuery("SELECT c FROM Connector c WHERE c.providerId = :p AND c.ref = :r", Connector.class)
                .setParameter("p", providerId).setParameter("r", ref).getResultList();
        if (found.isEmpty()) {
            throw ProblemException.notFound("connector '" + ref + "' of provider '" + providerId + "'");
        }
        return found.get(0).report(availability, asOf);
    }

    @Transactional
    public void setSwapStation(String providerId, String ref, Availability availability) {
        List<Evse> found = em.createQuery("SELECT e FROM Evse e WHERE e.providerId = :p AND e.ref = :r", Evse.class)
                .setParameter("p", providerId).setParameter("r", ref).getResultList();
        if (found.isEmpty()) {
            throw ProblemException.notFound("EVSE '" + ref + "' of provider '" + providerId + "'");
        }
        if (found.get(0).kind() != EvseKind.SWAP_STATION) {
            throw new ProblemException(409, "EVSE '" + ref + "' is a charger: set the availability of its connectors");
        }
        found.get(0).setAvailability(availability);
    }
}
