package org.evcharging.bpp.catalog.application.onboarding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.evcharging.bpp.catalog.application.onboarding.Specs.LocationSpec;
import org.evcharging.bpp.catalog.domain.Availability;
import org.evcharging.bpp.catalog.domain.EvseKind;
import org.evcharging.bpp.catalog.domain.Item;
import org.evcharging.bpp.catalog.domain.Location;
import org.evcharging.bpp.core.rest.ProblemException;

/**
 * Onboards a provider's locations, each replaced whole with its EVSEs (chargers and swap stations) and connectors.
 * Locations are read by every search, never kept ({@code ProviderOffers}), so a change here ends nothing kept.
 */
@ApplicationScoped
public class Locations {

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    OnboardingRows rows;

    public List<LocationSpec> locations(String providerId) {
        return em.createQuery("SELECT l FROM Location l WHERE l.providerId = :p ORDER BY l.ref", Location.class)
                .setParameter("p", providerId).getResultList().stream().map(OnboardingMapper::view).toList();
    }

    /** The rules for one location: the provider exists, ids match, EVSE and connector ids are unique in the provider. */
    public void check(String providerId, String ref, LocationSpec spec) {
        rows.existing(providerId);
        OnboardingValidator.samePathAndBody(ref, spec.id());
        // EVSE and connector ids are unique across the provider: collect those of its other locations.
        Set<String> otherEvses = new HashSet<>(em.createQuery(
                "SELECT e.ref FROM Evse e WHERE e.providerId = :p AND e.location.ref <> :l", String.class)
                .setParameter("p", providerId).setParameter("l", ref).getResultList());
        Set<String> otherConnectors = new HashSet<>(em.createQuery(
                "SELECT c.ref FROM Connector c WHERE c.providerId = :p AND c.evse.location.ref <> :l", String.class)
                .setParameter("p", providerId).setParameter("l", ref).getResultList());
        otherConnectors.addAll(em
                .createQuery("SELECT e.ref FROM Evse e WHERE e.providerId = :p AND e.location.ref <> :l"
                        + " AND e.kind = :k", String.class)
                .setParameter("p", providerId).setParameter("l", ref).setParameter("k", EvseKind.SWAP_STATION)
                .getResultList());
        OnboardingValidator.location(spec, otherEvses, otherConnectors);
    }

    @Transactional
    public LocationSpec put(String providerId, String ref, LocationSpec spec) {
        check(providerId, ref, spec);
        Map<String, Availability> previousAvailability = rows.availabilityByRef(providerId, ref);
        Location old = rows.location(providerId, ref);
        if (old != null) {
            em.remove(old);
            em.flush();
        }
        Location l = OnboardingMapper.newLocation(providerId, spec, previousAvailability);
        em.persist(l);
        return OnboardingMapper.view(l);
    }

    @Transactional
    public void delete(String providerId, String ref) {
        Location l = rows.location(providerId, ref);
        if (l == null) {
            throw ProblemException.notFound("location '" + ref + "' of provider '" + providerId + "'");
        }
        for (Item i : rows.items(providerId)) {
            if (i.locationRefs().contains(ref)) {
                throw new ProblemException(409,
                        "item '" + i.ref() + "' is offered at '" + ref + "'; change the item first");
            }
        }
        em.remove(l);
    }
}
