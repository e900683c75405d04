package org.evcharging.bpp.core.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProtocolRetentionTest {

    @Test
    void rowsAreKeptAsConfigured() {
        assertEquals(Duration.ofDays(7), ProtocolRetention.keep(Duration.ofDays(7), Duration.ofHours(1)));
    }

    @Test
    void neverLessThanTwiceTheLongestCallbackWindowSoARetryIsStillRecognised() {
        assertEquals(Duration.ofHours(2), ProtocolRetention.keep(Duration.ofMinutes(5), Duration.ofHours(1)));
        assertEquals(Duration.ofHours(12), ProtocolRetention.keep(Duration.ZERO, Duration.ofHours(6)));
        assertEquals(Duration.ofMinutes(6), ProtocolRetention.keep(Duration.ofMinutes(6), Duration.ofMinutes(3)));
    }
}
