package org.evcharging.bpp.order.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * How far a charging session is: energy delivered, the vehicle's state of charge when the charger reports it,
 * the percentage charged (the state of charge, or the share of the booked energy when it is unknown), time elapsed
 * and an estimate of the time remaining, and what the energy so far costs (null when it could not be priced now).
 */
public record Progress(BigDecimal deliveredKwh, Integer socPercent, int percent, Duration elapsed, Duration remaining,
        BigDecimal amountSoFar) {

    /** "vehicle 65% charged", as the workflow document's on_status shows it. */
    public String label() {
        return socPercent != null ? "vehicle " + percent + "% charged"
                : percent + "% of the booked energy delivered";
    }

    /**
     * Progress from a reading: the remaining time at the rate observed so far (the charger's power before any
     * energy flowed, {@code powerKw} real kW over the session's real time), and never past the slot's end.
     */
    public static Progress of(BigDecimal delivered, Integer soc, BigDecimal target, Instant startedAt, Instant now,
            Instant slotEnd, Double powerKw, BigDecimal amountSoFar) {
        int percent = soc != null ? soc
                : target.signum() == 0 ? 100
                        : delivered.multiply(BigDecimal.valueOf(100)).divide(target, 0, RoundingMode.FLOOR).intValue();
        Duration elapsed = Duration.between(startedAt, now).isNegative() ? Duration.ZERO
                : Duration.between(startedAt, now);
        BigDecimal left = target.subtract(delivered).max(BigDecimal.ZERO);
        Duration remaining;
        if (left.signum() == 0) {
            remaining = Duration.ZERO;
        } else if (delivered.signum() > 0 && elapsed.toMillis() > 0) {
            remaining = Duration.ofMillis(left.multiply(BigDecimal.valueOf(elapsed.toMillis()))
                    .divide(delivered, 0, RoundingMode.CEILING).longValue());
        } else if (powerKw != null && powerKw > 0) {
            remaining = Duration.ofMillis((long) Math.ceil(left.doubleValue() / powerKw * 3_600_000));
        } else {
            remaining = null;
        }
        if (slotEnd != null && remaining != null) {
            Duration toEnd = Duration.between(now, slotEnd);
            remaining = toEnd.isNegative() ? Duration.ZERO : (remaining.compareTo(toEnd) > 0 ? toEnd : remaining);
        }
        return new Progress(delivered, soc, Math.min(100, Math.max(0, percent)), truncate(elapsed),
                remaining == null ? null : truncate(remaining), amountSoFar);
    }

    /** 25, 50 or 75 once crossed (100 is the end, told by on_update). */
    public static int milestone(int percent) {
        return Math.min(75, percent / 25 * 25);
    }

    private static Duration truncate(Duration d) {
        return Duration.ofSeconds(d.getSeconds());
    }
}
