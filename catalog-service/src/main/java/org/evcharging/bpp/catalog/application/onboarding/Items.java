package org.evcharging.bpp.catalog.application.onboarding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ItemSpec;
import org.evcharging.bpp.catalog.domain.Item;
import org.evcharging.bpp.core.rest.ProblemException;

/**
 * Onboards a provider's items (what is sold, with its add-ons), each replaced whole; a retired item is kept for the
 * orders and quotes that refer to it. The aggregate rating an item is given survives its replacement.
 */
@ApplicationScoped
public class Items {

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    OnboardingRows rows;

    public List<ItemSpec> items(String providerId) {
        return em.createQuery("SELECT i FROM Item i WHERE i.providerId = :p ORDER BY i.ref", Item.class)
                .setParameter("p", providerId).getResultList().stream().map(OnboardingMapper::view).toList();
    }

    public Optional<ItemSpec> item(String providerId, String ref) {
        return Optional.ofNullable(rows.item(providerId, ref)).map(OnboardingMapper::view);
    }

    /** The rules for one item: the provider exists, ids match, its categories and locations exist. */
    public void check(String providerId, String ref, ItemSpec spec) {
        rows.existing(providerId);
        OnboardingValidator.samePathAndBody(ref, spec.id());
        Set<String> categoryIds = new HashSet<>(
                em.createQuery("SELECT c.ref FROM Category c WHERE c.providerId = :p", String.class)
                        .setParameter("p", providerId).getResultList());
        Set<String> locationIds = new HashSet<>(
                em.createQuery("SELECT l.ref FROM Location l WHERE l.providerId = :p", String.class)
                        .setParameter("p", providerId).getResultList());
        OnboardingValidator.item(spec, categoryIds, locationIds);
    }

    @Transactional
    public ItemSpec put(String providerId, String ref, ItemSpec spec) {
        rows.offersChange();
        check(providerId, ref, spec);
        Item old = rows.locked(rows.item(providerId, ref));
        Item i = OnboardingMapper.newItem(providerId, spec);
        if (old != null) {
            // a PUT of an item brings it back if it was retired, but its ratings stay the rating service's
            i.keepRatingOf(old);
            em.remove(old);
            em.flush();
        }
        em.persist(i);
        return OnboardingMapper.view(i);
    }

    @Transactional
    public void retire(String providerId, String ref) {
        rows.offersChange();
        Item i = rows.item(providerId, ref);
        if (i == null) {
            throw ProblemException.notFound("item '" + ref + "' of provider '" + providerId + "'");
        }
        i.retire();
    }

    /** As {@link Providers#rate}, for an item; an item being re-onboarded is rated once its new row is in. */
    @Transactional
    public boolean rate(String providerId, String ref, double value, int count, Long asOf) {
        rows.offersChange();
        Item i = rows.locked(rows.item(providerId, ref));
        if (i == null) {
            // The row waited on may have been replaced by a re-onboarding that committed meanwhile: look again.
            i = rows.locked(rows.item(providerId, ref));
        }
        if (i == null) {
            throw ProblemException.notFound("item '" + ref + "' of provider '" + providerId + "'");
        }
        return i.rate(value, count, asOf);
    }
}
