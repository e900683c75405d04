package org.evcharging.bpp.support.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An aggregate rating: the arithmetic mean of the ratings counted (whole numbers 1 to 5), rounded half-up to two
 * decimals, and how many there are. Computed from the exact sum, so it never drifts however often it is updated.
 */
public record Aggregate(BigDecimal value, int count) {

    /** The aggregate of {@code count} ratings adding up to {@code sum}; null when there are none. */
    public static Aggregate of(long sum, long count) {
        if (count <= 0) {
            return null;
        }
        if (sum < count || sum > 5 * count) {
            throw new IllegalArgumentException(
                    "ratings are 1 to 5: a sum of " + sum + " over " + count + " is impossible");
        }
        return new Aggregate(BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP),
                Math.toIntExact(count));
    }
}
