package org.evcharging.bpp.catalog.application.onboarding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import org.evcharging.bpp.catalog.application.onboarding.Specs.CategorySpec;
import org.evcharging.bpp.catalog.domain.Category;
import org.evcharging.bpp.catalog.domain.Item;
import org.evcharging.bpp.core.rest.ProblemException;

/** Onboards a provider's categories of items (e.g. green-tariff); one in use by an item stays. */
@ApplicationScoped
public class Categories {

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    OnboardingRows rows;

    public List<CategorySpec> categories(String providerId) {
        return em.createQuery("SELECT c FROM Category c WHERE c.providerId = :p ORDER BY c.ref", Category.class)
                .setParameter("p", providerId).getResultList().stream().map(OnboardingMapper::view).toList();
    }

    /** The rules for one category: the provider exists, ids match. */
    public void check(String providerId, String ref, CategorySpec spec) {
        rows.existing(providerId);
        OnboardingValidator.samePathAndBody(ref, spec.id());
    }

    @Transactional
    public CategorySpec put(String providerId, String ref, CategorySpec spec) {
        rows.offersChange();
        check(providerId, ref, spec);
        Category c = rows.category(providerId, ref);
        if (c == null) {
            em.persist(OnboardingMapper.newCategory(providerId, spec));
        } else {
            c.update(spec.code(), spec.name());
        }
        return spec;
    }

    @Transactional
    public void delete(String providerId, String ref) {
        rows.offersChange();
        Category c = rows.category(providerId, ref);
        if (c == null) {
            throw ProblemException.notFound("category '" + ref + "' of provider '" + providerId + "'");
        }
        for (Item i : rows.items(providerId)) {
            if (i.categoryRefs().contains(ref)) {
                throw new ProblemException(409,
                        "item '" + i.ref() + "' is in category '" + ref + "'; change the item first");
            }
        }
        em.remove(c);
    }
}
