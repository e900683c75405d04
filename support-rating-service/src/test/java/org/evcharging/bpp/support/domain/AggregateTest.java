package org.evcharging.bpp.support.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AggregateTest {

    @Test
    void the_mean_rounded_half_up_to_two_decimals() {
        assertEquals(new Aggregate(new BigDecimal("5.00"), 1), Aggregate.of(5, 1));
        assertEquals(new Aggregate(new BigDecimal("4.33"), 3), Aggregate.of(13, 3));
        assertEquals(new Aggregate(new BigDecimal("4.67"), 3), Aggregate.of(14, 3));
        assertEquals(new Aggregate(new BigDecimal("2.50"), 2), Aggregate.of(5, 2));
        assertEquals(new Aggregate(new BigDecimal("1.01"), 200), Aggregate.of(202, 200)); // 1.01 exactly
        assertEquals(new Aggregate(new BigDecimal("1.00"), 401), Aggregate.of(402, 401)); // 1.0025 → 1.00
        assertEquals(new Aggregate(new BigDecimal("1.01"), 400), Aggregate.of(402, 400)); // 1.005 → 1.01 (half up)
    }

    @Test
    void none_is_no_aggregate_and_impossible_sums_are_refused() {
        assertNull(Aggregate.of(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Aggregate.of(3, 4));
        assertThrows(IllegalArgumentException.class, () -> Aggregate.of(21, 4));
    }

    @Test
    void a_replaced_rating_changes_the_sum_not_the_count() {
        // 4, 5, 3 then the BAP that gave 3 gives 5 instead: what the pusher reads from the table.
        assertEquals(new BigDecimal("4.00"), Aggregate.of(4 + 5 + 3, 3).value());
        assertEquals(new BigDecimal("4.67"), Aggregate.of(4 + 5 + 5, 3).value());
    }

    @Test
    void pushes_back_off_up_to_five_minutes() {
        assertEquals(5_000, AggregatePush.backoffMillis(1));
        assertEquals(10_000, AggregatePush.backoffMillis(2));
        assertEquals(40_000, AggregatePush.backoffMillis(4));
        assertEquals(300_000, AggregatePush.backoffMillis(7));
        assertEquals(300_000, AggregatePush.backoffMillis(1000));
    }
}
