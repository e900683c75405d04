package org.evcharging.bpp.charger.api.ocpp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FailedHandshakesTest {

    private Instant now = Instant.parse("2026-12-05T10:00:00Z");
    private final Clock clock = new Clock() {

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void an_id_is_blocked_after_the_limit_within_the_window_and_free_again_after_it() {
        FailedHandshakes f = new FailedHandshakes(3, Duration.ofMinutes(1), clock);
        f.failed("cp-1");
        f.failed("cp-1");
        assertFalse(f.blocked("cp-1"), "two failures: still allowed");
        f.failed("cp-1");
        assertTrue(f.blocked("cp-1"), "three: blocked");
        assertFalse(f.blocked("cp-2"), "only that id");
        now = now.plusSeconds(61);
        assertFalse(f.blocked("cp-1"), "the window has passed");
        f.failed("cp-1");
        assertFalse(f.blocked("cp-1"), "a new window starts at one failure");
    }

    @Test
    void failures_spread_over_windows_never_block() {
        FailedHandshakes f = new FailedHandshakes(3, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 10; i++) {
            f.failed("cp-1");
            f.failed("cp-1");
            now = now.plusSeconds(61);
            assertFalse(f.blocked("cp-1"));
        }
    }

    @Test
    void many_ids_do_not_grow_the_map_without_bound() {
        FailedHandshakes f = new FailedHandshakes(3, Duration.ofMinutes(1), clock);
        for (int i = 0; i < FailedHandshakes.MAX_IDS + 50; i++) {
            f.failed("id-" + i);
        }
        f.failed("last");
        assertFalse(f.blocked("last"));
    }
}
