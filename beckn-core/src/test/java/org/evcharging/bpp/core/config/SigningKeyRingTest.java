package org.evcharging.bpp.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import org.evcharging.bpp.core.signing.Ed25519Keys;
import org.evcharging.bpp.core.signing.SigningKeyRing;
import org.evcharging.bpp.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The rotation settings of {@link BppConfig}: which key signs when, and a half-configured rotation refused. */
class SigningKeyRingTest {

    private static final String K1 = Ed25519Keys.seedBase64(Ed25519Keys.generate().getPrivate());
    private static final String K2 = Ed25519Keys.seedBase64(Ed25519Keys.generate().getPrivate());

    @Test
    void signs_with_the_current_key_until_the_switch_then_with_the_next() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
        SigningKeyRing ring = BppConfig.keyRing("bpp.example", "k1", K1, "k2", K2, "2026-12-05T11:00:00+00:00",
                clock);
        assertEquals("k1", ring.signer().keyId());
        clock.now = Instant.parse("2026-12-05T10:59:59Z");
        assertEquals("k1", ring.signer().keyId());
        clock.now = Instant.parse("2026-12-05T11:00:00Z");
        assertEquals("k2", ring.signer().keyId());
        assertEquals(2, ring.keys().size());
    }

    @Test
    void without_a_next_key_the_ring_is_the_current_key() {
        SigningKeyRing ring = BppConfig.keyRing("bpp.example", "k1", K1, null, "", null, Clock.systemUTC());
        assertEquals("k1", ring.signer().keyId());
        assertNull(ring.next());
    }

    @Test
    void a_half_configured_rotation_or_a_reused_key_id_is_refused() {
        assertThrows(IllegalStateException.class,
                () -> BppConfig.keyRing("bpp.example", "k1", K1, "k2", K2, null, Clock.systemUTC()));
        assertThrows(IllegalStateException.class,
                () -> BppConfig.keyRing("bpp.example", "k1", K1, "k2", null, "2026-12-05T11:00:00Z",
                        Clock.systemUTC()));
        assertThrows(IllegalStateException.class,
                () -> BppConfig.keyRing("bpp.example", "k1", K1, "k2", K2, "tomorrow", Clock.systemUTC()));
        assertThrows(IllegalArgumentException.class,
                () -> BppConfig.keyRing("bpp.example", "k1", K1, "k1", K2, "2026-12-05T11:00:00Z",
                        Clock.systemUTC()));
    }
}
