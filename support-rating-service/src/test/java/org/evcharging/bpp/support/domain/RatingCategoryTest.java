package org.evcharging.bpp.support.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RatingCategoryTest {

    @Test
    void core_names_in_any_case_and_the_documents_charger() {
        assertEquals(Optional.of(RatingCategory.ORDER), RatingCategory.of("order"));
        assertEquals(Optional.of(RatingCategory.FULFILLMENT), RatingCategory.of("Fulfillment"));
        assertEquals(Optional.of(RatingCategory.FULFILLMENT), RatingCategory.of("charger"));
        assertEquals(Optional.of(RatingCategory.FULFILLMENT), RatingCategory.of("CHARGER"));
        assertEquals(Optional.empty(), RatingCategory.of("station"));
        assertEquals(Optional.of(RatingCategory.SUPPORT), RatingCategory.parse("SUPPORT"));
        assertEquals(Optional.of(RatingCategory.ITEM), RatingCategory.parse("Item"));
        assertFalse(RatingCategory.AGENT.supported());
    }

    @Test
    void which_ratings_count_for_which_aggregate() {
        assertEquals(
                EnumSet.of(RatingCategory.ORDER, RatingCategory.FULFILLMENT, RatingCategory.ITEM,
                        RatingCategory.PROVIDER),
                EnumSet.copyOf(RatingCategory.forProvider()));
        assertEquals(EnumSet.of(RatingCategory.FULFILLMENT, RatingCategory.ITEM),
                EnumSet.copyOf(RatingCategory.forItem()));
        assertEquals(Set.of(AggregateKey.provider("cz"), AggregateKey.item("cz", "pe-01")),
                RatingCategory.FULFILLMENT.aggregates("cz", "pe-01"));
        assertEquals(Set.of(AggregateKey.provider("cz")), RatingCategory.FULFILLMENT.aggregates("cz", null));
        assertEquals(Set.of(AggregateKey.provider("cz")), RatingCategory.ORDER.aggregates("cz", "pe-01"));
        assertEquals(Set.of(AggregateKey.provider("cz")), RatingCategory.PROVIDER.aggregates("cz", null));
        assertTrue(RatingCategory.SUPPORT.aggregates("cz", null).isEmpty());
        assertTrue(RatingCategory.ITEM.aggregates(null, "pe-01").isEmpty());
    }

    @Test
    void aggregate_subjects_are_distinct_and_ordered() {
        assertEquals("provider:cz", AggregateKey.provider("cz").subject());
        assertEquals("item:cz/pe-01", AggregateKey.item("cz", "pe-01").subject());
        assertTrue(AggregateKey.item("cz", "a").compareTo(AggregateKey.provider("cz")) < 0);
    }
}
