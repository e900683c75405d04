package org.evcharging.bpp.catalog.infrastructure.offers;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.catalog.domain.Category;
import org.evcharging.bpp.catalog.domain.Item;
import org.evcharging.bpp.catalog.domain.PriceList;
import org.evcharging.bpp.catalog.domain.Provider;

/**
 * What a search needs of each provider it finds (the provider, its active items with their add-ons, its categories,
 * its unit prices), kept in memory for a short while: every search near the same providers would otherwise read the
 * same four tables again. The locations, connectors and their availability are never kept here; a search reads them each time.
 *
 * <p>A change made through this replica ({@link #changed()}, called once the change commits) is seen by the next
 * search; a change made through another replica, within {@code catalog.search.provider-cache} (default 5 s; {@code
 * PT0S} reads every time). Each kept entry carries the generation of changes it was read in, and only entries of the
 * current generation are used, so a read that raced with a change is used by its own search and never again. Rows
 * are read in a transaction of their own ({@link ProviderRows}), begun after the generation was noted, so a search
 * transaction's older snapshot can never be kept as new. The entities are read-only snapshots shared by the searches
 * that use them.
 */
@ApplicationScoped
public class ProviderOffers {

    /**
     * A provider's offers: the provider, its active items by ref (add-ons loaded), its categories by ref, and the unit
     * prices its tariff publishes (null: the items' list prices).
     */
    public record Offers(Provider provider, List<Item> items, List<Category> categories, PriceList prices) {
    }

    private record Kept(Offers offers, long loadedAt, long generation) {
    }

    @Inject
    ProviderRows rows;

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
        long current = generation.get();
        for (String id : ids) {
            Kept k = kept.get(id);
            if (k != null && k.generation() == current && now - k.loadedAt() < keepNanos) {
                out.put(id, k.offers());
            } else if (!missing.contains(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            Map<String, Offers> loaded = load(missing);
            out.putAll(loaded);
            for (String id : missing) {
                Offers o = loaded.get(id);
                if (o != null && keepNanos > 0) {
                    kept.put(id, new Kept(o, now, current));
                } else {
                    kept.remove(id); // retired (through another replica) or not kept at all
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

    /** The active ones of {@code ids}, read now. */
    Map<String, Offers> load(List<String> ids) {
        return rows.read(ids);
    }
}
