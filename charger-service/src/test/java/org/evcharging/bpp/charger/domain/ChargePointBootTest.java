package org.evcharging.bpp.charger.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Found by the fuzzer (issue 21): OCPP 1.6 allows a firmwareVersion of 255 characters, the column holds 50, and a
 * BootNotification with a longer one was answered InternalError ("Data too long for column 'FIRMWARE'"). What a
 * charger says at boot is kept to the columns' length, never cutting a surrogate pair in two.
 */
class ChargePointBootTest {

    @Test
    void a_boot_with_a_long_firmware_version_is_kept_to_the_column() {
        ChargePoint cp = new ChargePoint("cp-1", "chargezone.in", "hash", Protocol.OCPP16, true, Instant.now());
        cp.booted("Vendor", "Model", "f".repeat(255), "s".repeat(50), "Accepted", Instant.now());
        assertEquals("f".repeat(50), cp.firmware());
        String emoji = "\uD83D\uDD0C";
        assertEquals("x".repeat(49), ChargePoint.fit("x".repeat(49) + emoji, 50), "no half of a surrogate pair");
        assertEquals("short", ChargePoint.fit("short", 50));
        assertNull(ChargePoint.fit(null, 50));
    }
}
