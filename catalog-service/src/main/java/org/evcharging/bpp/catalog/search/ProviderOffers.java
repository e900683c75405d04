package org.evcharging.bpp.catalog.search;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.catalog.domain.Category;
import org.evcharging.bpp.catalog.domain.Item;
import org.evcharging.bpp.catalog.domain.Provider;
import org.evcharging.bpp.catalog.domain.Status;

/**
 * What a search needs of each provider it finds (the provider, its active items with their add-ons, its categories),
 * kept in memory for a short while: every search near the same providers would otherwise read the same three
 * tables again. The locations, connectors and their availability are never kept here; a search reads them each time.
 *
 * <p>A change made through this replica ({@link #changed()}, called once the change commits) is seen by the next
 * search; a change made through another replica, within {@code catalog.search.provider-cache} (default 5 s; {@code
 * PT0S} reads every time). A load that raced with a change is used once and not kept, so an older state is never
 * kept over a newer one. The entities are read-only snapshots shared by the searches that use them.
 */
@ApplicationScoped
public class ProviderOffers {

    /** EclipseLink: results are not registered in the transaction, so its commit has nothing to compare. */
    private static final String READ_ONLY = "eclipselink.read-only";

    /** A provider's offers: the provider, its active items by ref (add-ons loaded), its categories by ref. */
    public record Offers(Provider provider, List<Item> items, List<Category> categories) {
    }

    private record Kept(Offers offers, long loadedAt) {
    }

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "catalog.search.provider-cache", defaultValue = "PT5S")
    String keepFor;

    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private LongSupplier clock = System::nanoTime;
    private long keepNanos;

    @PostConstruct
    void init() {
        keepNanos = Duration.parse(keepFor).toNanos();
    }

    /** For tests: keep offers for {@code keep}, on the given clock (nanoseconds). */
    ProviderOffers keeping(Duration keep, LongSupplier nanoClock) {
        keepNanos = keep.toNanos();
        clock = nanoClock;
        return this;
    }

    /** The offers of those of {@code ids} that are active, by provider id; read from the database where not kept. */
    public Map<String, Offers> of(Collection<String> ids) {
        Map<String, Offers> out = new HashMap<>();
        List<String> missing = new ArrayList<>();
        long now = clock.getAsLong();
        for (String id : ids) {
            Kept k = kept.get(id);
            if (k != null && now - k.loadedAt() < keepNanos) {
                out.put(id, k.offers());
            } else if (!out.containsKey(id) && !missing.contains(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            long before = generation.get();
            Map<String, Offers> loaded = load(missing);
            out.putAll(loaded);
            if (keepNanos > 0) {
                loaded.forEach((id, offers) -> kept.put(id, new Kept(offers, now)));
                if (generation.get() != before) {
                    // a change committed while this was read: the next search reads again
                    loaded.keySet().forEach(kept::remove);
                }
            }
        }
        return out;
    }

    /** A change to providers, items or categories committed through this replica: nothing kept is used again. */
    public void changed() {
        generation.incrementAndGet();
        kept.clear();
    }

    /** Three queries for all the missing providers at once. */
    Map<String, Offers> load(List<String> ids) {
        List<Provider> providers = em.createQuery("SELECT p FROM Provider p WHERE p.id IN :ids AND p.status = :s",
                        Provider.class)
                .setHint(READ_ONLY, "true").setParameter("ids", ids).setParameter("s", Status.ACTIVE).getResultList();
        if (providers.isEmpty()) {
            return Map.of();
        }
        // No DISTINCT: over an item's text columns it made MariaDB build an on-disk temporary table for every
        // search. The join repeats an item once per add-on; the repeats are dropped here, by key.
        Map<String, List<Item>> items = em.createQuery(
                        "SELECT i FROM Item i LEFT JOIN FETCH i.addOns WHERE i.providerId IN :ids AND i.status = :s", Item.class)
                .setHint(READ_ONLY, "true").setParameter("ids", ids).setParameter("s", Status.ACTIVE).getResultList().stream()
                .collect(Collectors.toMap(Item::key, i -> i, (a, b) -> a)).values().stream()
                .sorted(Comparator.comparing(Item::ref))
                .collect(Collectors.groupingBy(Item::providerId));
        Map<String, List<Category>> categories = em.createQuery(
                        "SELECT c FROM Category c WHERE c.providerId IN :ids ORDER BY c.ref", Category.class)
                .setHint(READ_ONLY, "true").setParameter("ids", ids).getResultList().stream()
                .collect(Collectors.groupingBy(Category::providerId));
        Map<String, Offers> out = new HashMap<>();
        for (Provider p : providers) {
            out.put(p.id(), new Offers(p, List.copyOf(items.getOrDefault(p.id(), List.of())),
                    List.copyOf(categories.getOrDefault(p.id(), List.of()))));
        }
        return out;
    }
}
