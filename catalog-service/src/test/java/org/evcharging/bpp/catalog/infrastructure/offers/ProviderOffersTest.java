package org.evcharging.bpp.catalog.infrastructure.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderOffersTest {

    private long now;

    /** Offers read from a pretend database: each read makes new objects and is counted per provider. */
    private final class Counting extends ProviderOffers {

        final List<List<String>> reads = new ArrayList<>();
        Runnable whileReading = () -> {
        };

        @Override
        Map<String, Offers> load(List<String> ids) {
            reads.add(List.copyOf(ids));
            whileReading.run();
            Map<String, Offers> out = new HashMap<>();
            ids.stream().filter(id -> !id.startsWith("retired"))
                    .forEach(id -> out.put(id, new Offers(null, List.of(), List.of(), null)));
            return out;
        }
    }

    private Counting keeping(Duration keep) {
        Counting c = new Counting();
        c.keeping(keep, () -> now);
        return c;
    }

    @Test
    void providersReadOnceAreKeptForTheConfiguredTimeThenReadAgain() {
        Counting offers = keeping(Duration.ofSeconds(5));
        Map<String, ProviderOffers.Offers> first = offers.of(List.of("a", "b"));
        now += Duration.ofSeconds(4).toNanos();
        Map<String, ProviderOffers.Offers> second = offers.of(List.of("a", "b", "c"));
        assertSame(first.get("a"), second.get("a"));
        assertEquals(List.of(List.of("a", "b"), List.of("c")), offers.reads, "only the provider not kept is read");

        now += Duration.ofSeconds(2).toNanos();
        offers.of(List.of("a"));
        assertEquals(List.of("a"), offers.reads.get(2), "a is read again after 5 s");
    }

    @Test
    void aChangeThroughThisReplicaIsSeenByTheNextSearch() {
        Counting offers = keeping(Duration.ofSeconds(5));
        offers.of(List.of("a"));
        offers.changed();
        offers.of(List.of("a"));
        assertEquals(2, offers.reads.size());
    }

    @Test
    void aReadThatRacedWithAChangeIsUsedOnceButNotKept() {
        Counting offers = keeping(Duration.ofSeconds(5));
        offers.whileReading = offers::changed;
        assertEquals(1, offers.of(List.of("a")).size(), "the search that read it still gets an answer");
        offers.whileReading = () -> {
        };
        offers.of(List.of("a"));
        offers.of(List.of("a"));
        assertEquals(2, offers.reads.size(), "read again once, then kept");
    }

    @Test
    void inactiveProvidersAreLeftOutAndNothingIsKeptWhenTheTimeIsZero() {
        Counting offers = keeping(Duration.ZERO);
        assertEquals(List.of("a"), List.copyOf(offers.of(List.of("a", "retired-x")).keySet()));
        offers.of(List.of("a"));
        assertEquals(2, offers.reads.size());
    }
}
