package org.evcharging.bpp.order.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final Instant START = Instant.parse("2026-12-01T04:30:00Z");

    @Test
    void the_state_of_charge_is_the_percentage_when_the_vehicle_reports_it() {
        Progress p = Progress.of(new BigDecimal("1.000"), 65, new BigDecimal("4"), START, START.plusSeconds(600), null,
                7.4, null);
        assertEquals(65, p.percent());
        assertEquals("vehicle 65% charged", p.label());
        assertEquals(Duration.ofMinutes(10), p.elapsed());
        assertEquals(Duration.ofMinutes(30), p.remaining(), "3 kWh left at the 1 kWh per 10 minutes observed");
        assertNull(p.amountSoFar());
    }

    @Test
    void without_a_state_of_charge_it_is_the_share_of_the_booked_energy() {
        Progress p = Progress.of(new BigDecimal("2.990"), null, new BigDecimal("4"), START, START.plusSeconds(60), null,
                60.0,
                new BigDecimal("40.10"));
        assertEquals(74, p.percent(), "floored: 74.75 %");
        assertEquals("74% of the booked energy delivered", p.label());
    }

    @Test
    void before_any_energy_the_remaining_time_comes_from_the_power_and_never_passes_the_slot() {
        Progress p = Progress.of(BigDecimal.ZERO, null, new BigDecimal("4"), START, START, null, 8.0, null);
        assertEquals(Duration.ofMinutes(30), p.remaining(), "4 kWh at 8 kW");
        Progress capped = Progress.of(BigDecimal.ZERO, null, new BigDecimal("4"), START, START, START.plusSeconds(300),
                8.0, null);
        assertEquals(Duration.ofMinutes(5), capped.remaining(), "the slot ends in 5 minutes");
    }

    @Test
    void milestones_are_the_quarters_crossed_below_the_end() {
        assertEquals(0, Progress.milestone(24));
        assertEquals(25, Progress.milestone(25));
        assertEquals(50, Progress.milestone(74));
        assertEquals(75, Progress.milestone(100));
    }
}
