package org.evcharging.bpp.catalog.application.onboarding;

import static org.evcharging.bpp.catalog.application.onboarding.OnboardingMapper.orEmpty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.evcharging.bpp.catalog.application.onboarding.Specs.CategorySpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ItemSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.LocationSpec;
import org.evcharging.bpp.catalog.application.onboarding.Specs.Network;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ProviderSpec;
import org.evcharging.bpp.catalog.domain.Availability;
import org.evcharging.bpp.catalog.domain.Item;
import org.evcharging.bpp.core.rest.ProblemException;

/** A provider's whole network at once: the bulk import that replaces it in one transaction, and its export. */
@ApplicationScoped
public class Networks {

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    OnboardingRows rows;

    @Inject
    Providers providers;

    @Inject
    Categories categories;

    @Inject
    Locations locations;

    @Inject
    Items items;

    /**
     * The rules a network must meet, checked before any write (outside a transaction, so a refusal costs no
     * rollback): ids unique, items referring to existing categories and locations, chargers with connectors.
     */
    public void check(String id, Network network) {
        OnboardingValidator.network(id, network);
    }

    @Transactional
    public Network importNetwork(String id, Network network) {
        rows.offersChange();
        check(id, network);
        List<CategorySpec> categorySpecs = orEmpty(network.categories());
        List<LocationSpec> locationSpecs = orEmpty(network.locations());
        List<ItemSpec> itemSpecs = orEmpty(network.items());
        providers.put(network.provider(), false);
        // Each locked by its key: an aggregate rating set meanwhile waits for this import and lands on the new rows.
        Map<String, Item> previousItems = new HashMap<>();
        em.createQuery("SELECT i FROM Item i WHERE i.providerId = :p", Item.class).setParameter("p", id).getResultList()
                .forEach(i -> {
                    Item locked = rows.locked(i);
                    if (locked != null) {
                        previousItems.put(locked.ref(), locked);
                    }
                });
        Map<String, ItemSpec> previousSpecs = new HashMap<>();
        previousItems.forEach((ref, i) -> previousSpecs.put(ref, OnboardingMapper.view(i)));
        Map<String, Availability> previousAvailability = rows.availabilityByRef(id, null);
        removeNetwork(id);
        categorySpecs.forEach(c -> em.persist(OnboardingMapper.newCategory(id, c)));
        locationSpecs.forEach(l -> em.persist(OnboardingMapper.newLocation(id, l, previousAvailability)));
        Set<String> imported = new HashSet<>();
        for (ItemSpec spec : itemSpecs) {
            imported.add(spec.id());
            em.persist(OnboardingMapper.newItem(id, spec).keepHistoryOf(previousItems.get(spec.id())));
        }
        // Items left out of the import are retired, not deleted: orders and quotes refer to them.
        previousItems.values().stream().filter(old -> !imported.contains(old.ref())).forEach(old -> {
            Item kept = OnboardingMapper.newItem(id, previousSpecs.get(old.ref())).keepHistoryOf(old);
            kept.retire();
            em.persist(kept);
        });
        em.flush();
        return export(id);
    }

    public Network export(String id) {
        ProviderSpec provider = providers.provider(id)
                .orElseThrow(() -> ProblemException.notFound("provider '" + id + "'"));
        return new Network(provider, categories.categories(id), locations.locations(id), items.items(id));
    }

    private void removeNetwork(String id) {
        em.flush();
        em.createQuery("DELETE FROM AddOn a WHERE a.item.providerId = :p").setParameter("p", id).executeUpdate();
        em.createQuery("DELETE FROM Item i WHERE i.providerId = :p").setParameter("p", id).executeUpdate();
        em.createQuery("DELETE FROM Connector c WHERE c.providerId = :p").setParameter("p", id).executeUpdate();
        em.createQuery("DELETE FROM Evse e WHERE e.providerId = :p").setParameter("p", id).executeUpdate();
        em.createQuery("DELETE FROM Location l WHERE l.providerId = :p").setParameter("p", id).executeUpdate();
        em.createQuery("DELETE FROM Category c WHERE c.providerId = :p").setParameter("p", id).executeUpdate();
        em.clear();
    }
}
