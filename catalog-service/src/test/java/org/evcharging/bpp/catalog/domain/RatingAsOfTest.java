package org.evcharging.bpp.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The catalog keeps the latest aggregate rating the rating service computed, whatever order they arrive in. */
class RatingAsOfTest {

    @Test
    void an_aggregate_older_than_the_one_set_is_left_out() {
        Provider p = new Provider("p1");
        assertTrue(p.rate(4.5, 10, 2_000L));
        assertFalse(p.rate(3.0, 9, 1_000L), "computed before the one set: a push that arrived late");
        assertEquals(4.5, p.rating());
        assertEquals(10, p.ratingCount());
        assertTrue(p.rate(4.0, 11, 2_000L), "the same aggregate again (a retried push) is taken");
        assertTrue(p.rate(3.5, 12, 3_000L));
        assertEquals(3.5, p.rating());
    }

    @Test
    void an_unversioned_aggregate_is_taken_and_keeps_the_last_version() {
        Item i = new Item("p1", "i1");
        assertTrue(i.rate(4.0, 3, 5_000L));
        assertTrue(i.rate(2.0, 1, null), "the operator may set a rating by hand");
        assertEquals(2.0, i.rating());
        assertFalse(i.rate(5.0, 4, 4_000L), "still older than the last versioned one");
    }

    @Test
    void a_re_onboarded_item_keeps_the_rating_and_its_version() {
        Item old = new Item("p1", "i1");
        old.rate(4.2, 7, 9_000L);
        Item fresh = new Item("p1", "i1").keepHistoryOf(old);
        assertEquals(4.2, fresh.rating());
        assertEquals(7, fresh.ratingCount());
        assertFalse(fresh.rate(1.0, 1, 8_000L), "a push computed before the one the old row had is still late");
        assertTrue(fresh.rate(4.3, 8, 9_500L));
    }
}
