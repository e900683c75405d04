package org.evcharging.bpp.order.infrastructure.charging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryChargePointsTest {

    /** A clock the test moves. */
    static final class Moving extends Clock {

        Instant now = Instant.parse("2026-12-01T04:30:00Z");

        void pass(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void energy_flows_at_the_power_rating_scaled_in_time_and_stops_at_the_target() {
        Moving clock = new Moving();
        InMemoryChargePoints cp = new InMemoryChargePoints(clock, 60); // one real second is one minute
        String s = cp.start(new ChargePoints.Start("o1", "cz-mg-1-ccs2", new BigDecimal("4"), 60, null, null));
        clock.pass(Duration.ofSeconds(2)); // two simulated minutes at 60 kW = 2 kWh
        ChargePoints.Reading r = cp.read(s).orElseThrow();
        assertEquals(new BigDecimal("2.000"), r.deliveredKwh());
        assertEquals(ChargePoints.State.CHARGING, r.state());
        assertNull(r.socPercent(), "no battery known, no state of charge");
        clock.pass(Duration.ofSeconds(10));
        r = cp.read(s).orElseThrow();
        assertEquals(new BigDecimal("4.000"), r.deliveredKwh(), "never more than the target");
        assertEquals(ChargePoints.State.FINISHED, r.state());
        assertEquals(ChargePoints.State.FINISHED, cp.stop(s).orElseThrow().state(),
                "stopping a finished session changes nothing");
    }

    @Test
    void a_known_battery_gives_the_state_of_charge_and_a_full_battery_ends_the_session() {
        Moving clock = new Moving();
        InMemoryChargePoints cp = new InMemoryChargePoints(clock, 60);
        String s = cp.start(new ChargePoints.Start("o2", "c1", new BigDecimal("30"), 30, 40.0, 50.0));
        clock.pass(Duration.ofSeconds(16)); // 16 simulated minutes at 30 kW = 8 kWh of a 40 kWh battery: 50 % -> 70 %
        assertEquals(70, cp.read(s).orElseThrow().socPercent());
        clock.pass(Duration.ofMinutes(5));
        ChargePoints.Reading full = cp.read(s).orElseThrow();
        assertEquals(new BigDecimal("20.000"), full.deliveredKwh(), "only the room the battery had");
        assertEquals(100, full.socPercent());
        assertEquals(ChargePoints.State.FINISHED, full.state());
    }

    @Test
    void a_stop_keeps_what_was_delivered_and_a_failure_ends_the_session_faulted() {
        Moving clock = new Moving();
        InMemoryChargePoints cp = new InMemoryChargePoints(clock, 60);
        String s = cp.start(new ChargePoints.Start("o3", "c2", new BigDecimal("10"), 6, null, null));
        clock.pass(Duration.ofSeconds(30)); // 30 simulated minutes at 6 kW = 3 kWh
        ChargePoints.Reading stopped = cp.stop(s).orElseThrow();
        assertEquals(new BigDecimal("3.000"), stopped.deliveredKwh());
        assertEquals(ChargePoints.State.STOPPED, stopped.state());
        clock.pass(Duration.ofSeconds(30));
        assertEquals(new BigDecimal("3.000"), cp.read(s).orElseThrow().deliveredKwh(), "nothing flows after a stop");

        String f = cp.start(new ChargePoints.Start("o4", "c3", new BigDecimal("10"), 6, null, null));
        clock.pass(Duration.ofSeconds(10));
        cp.fail("c3");
        clock.pass(Duration.ofSeconds(10));
        ChargePoints.Reading faulted = cp.read(f).orElseThrow();
        assertEquals(ChargePoints.State.FAULTED, faulted.state());
        assertEquals(new BigDecimal("1.000"), faulted.deliveredKwh(), "what flowed until the failure");
        assertTrue(faulted.error().contains("c3"));
        assertThrows(IllegalStateException.class,
                () -> cp.start(new ChargePoints.Start("o5", "c3", BigDecimal.ONE, 6, null, null)),
                "a faulted connector does not start");
        cp.repair("c3");
        cp.start(new ChargePoints.Start("o5", "c3", BigDecimal.ONE, 6, null, null));
        assertTrue(cp.read("no-such-session").isEmpty());
    }

    @Test
    void a_repeated_start_of_an_order_that_is_charging_is_the_same_session() {
        Moving clock = new Moving();
        InMemoryChargePoints chargers = new InMemoryChargePoints(clock, 1);
        ChargePoints.Start start = new ChargePoints.Start("o-9", "c-9", new BigDecimal("4"), 60, null, null);
        String first = chargers.start(start);
        clock.pass(Duration.ofMinutes(1));
        assertEquals(first, chargers.start(start), "no second session");
        chargers.stop(first);
        assertTrue(!first.equals(chargers.start(start)), "once stopped, a new start is a new session");
    }
}
