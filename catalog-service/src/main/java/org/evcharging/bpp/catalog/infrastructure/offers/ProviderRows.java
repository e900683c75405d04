package org.evcharging.bpp.catalog.infrastructure.offers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.evcharging.bpp.catalog.domain.Category;
import org.evcharging.bpp.catalog.domain.Item;
import org.evcharging.bpp.catalog.domain.PriceList;
import org.evcharging.bpp.catalog.domain.PriceListRow;
import org.evcharging.bpp.catalog.domain.Provider;
import org.evcharging.bpp.catalog.domain.Status;
import org.evcharging.bpp.catalog.infrastructure.offers.ProviderOffers.Offers;

/** Reads providers' offers for {@link ProviderOffers}: four queries for all of them, in a transaction of its own. */
@ApplicationScoped
public class ProviderRows {

    /** EclipseLink: results are not registered in the transaction, so its commit has nothing to compare. */
    private static final String READ_ONLY = "eclipselink.read-only";

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    /** The active providers among {@code ids}, with their active items (add-ons loaded) and categories, by ref. */
    @Transactional(TxType.REQUIRES_NEW)
    public Map<String, Offers> read(List<String> ids) {
        List<Provider> providers = em.createQuery("SELECT p FROM Provider p WHERE p.id IN :ids AND p.status = :s",
                Provider.class)
                .setHint(READ_ONLY, "true").setParameter("ids", ids).setParameter("s", Status.ACTIVE).getResultList();
        if (providers.isEmpty()) {
            return Map.of();
        }
        // No DISTINCT: over an item's text columns it made MariaDB build an on-disk temporary table for every
        // search. The join repeats an item once per add-on; the repeats are dropped here, by key.
        Map<String, List<Item>> items = em.createQuery(
                "SELECT i FROM Item i LEFT JOIN FETCH i.addOns WHERE i.providerId IN :ids AND i.status = :s",
                Item.class)
                .setHint(READ_ONLY, "true").setParameter("ids", ids).setParameter("s", Status.ACTIVE).getResultList()
                .stream()
                .collect(Collectors.toMap(Item::key, i -> i, (a, b) -> a)).values().stream()
                .sorted(Comparator.comparing(Item::ref))
                .collect(Collectors.groupingBy(Item::providerId));
        Map<String, List<Category>> categories = em.createQuery(
                "SELECT c FROM Category c WHERE c.providerId IN :ids ORDER BY c.ref", Category.class)
                .setHint(READ_ONLY, "true").setParameter("ids", ids).getResultList().stream()
                .collect(Collectors.groupingBy(Category::providerId));
        Map<String, PriceList> prices = em.createQuery("SELECT r FROM PriceListRow r WHERE r.providerId IN :ids",
                PriceListRow.class)
                .setHint(READ_ONLY, "true").setParameter("ids", ids).getResultList().stream()
                .collect(Collectors.toMap(PriceListRow::providerId, r -> PriceList.fromJson(r.json())));
        Map<String, Offers> out = new HashMap<>();
        for (Provider p : providers) {
            out.put(p.id(), new Offers(p, List.copyOf(items.getOrDefault(p.id(), List.of())),
                    List.copyOf(categories.getOrDefault(p.id(), List.of())), prices.get(p.id())));
        }
        return out;
    }
}
