package org.evcharging.bpp.core.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.evcharging.bpp.core.signing.Ed25519Keys;
import org.evcharging.bpp.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The registry is mocked here (it lies outside the project): parsing of real-world variants and cache rules. */
class SubscriberKeyCacheTest {

    private static final String KEY = Ed25519Keys.rawPublicBase64(Ed25519Keys.generate().getPublic());
    /** y = 2 has no x on the curve. */
    private static final String NOT_A_POINT = java.util.Base64.getEncoder().encodeToString(new byte[] {2, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});

    @Test
    void parsesSpecAndCommonVariantFieldNames() throws Exception {
        List<Subscriber> s = RegistryLookup
                .parse(new ObjectMapper().readTree("[{\"subscriber_id\":\"bap.x\",\"ukId\":\"k1\","
                        + "\"subscriber_url\":\"https://bap.x\",\"signing_public_key\":\"" + KEY
                        + "\",\"status\":\"SUBSCRIBED\","
                        + "\"valid_until\":\"2030-01-01T00:00:00.000Z\"},{\"subscriber_id\":\"bap.y\",\"key_id\":\"k2\",\"url\":\"https://bap.y\"}]"));
        assertEquals("k1", s.get(0).keyId());
        assertEquals("https://bap.x", s.get(0).url());
        assertEquals("k2", s.get(1).keyId());
        assertEquals("https://bap.y", s.get(1).url());
    }

    @Test
    void cachesUntilValidUntilAndRefusesExpiredOrUnsubscribedKeys() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        AtomicInteger lookups = new AtomicInteger();
        SubscriberKeyCache cache = new SubscriberKeyCache((sub, key) -> {
            lookups.incrementAndGet();
            return switch (sub) {
                case "good" -> List.of(new Subscriber("good", "k", "BAP", null, KEY, "SUBSCRIBED", null,
                        clock.instant().plusSeconds(60).atOffset(ZoneOffset.UTC)));
                case "expired" -> List.of(new Subscriber("expired", "k", "BAP", null, KEY, null, null,
                        clock.instant().minusSeconds(1).atOffset(ZoneOffset.UTC)));
                case "unsubscribed" ->
                    List.of(new Subscriber("unsubscribed", "k", "BAP", null, KEY, "UNSUBSCRIBED", null, null));
                case "off-curve" ->
                    List.of(new Subscriber("off-curve", "k", "BAP", null, NOT_A_POINT, "SUBSCRIBED", null, null));
                default -> List.of();
            };
        }, clock, Duration.ofMinutes(10), Duration.ofSeconds(10));

        assertTrue(cache.signingKey("good", "k").isPresent());
        assertTrue(cache.signingKey("good", "k").isPresent());
        assertEquals(1, lookups.get());
        clock.now = clock.now.plusSeconds(61);
        cache.signingKey("good", "k");
        assertEquals(2, lookups.get(), "valid_until bounds the cache");
        assertTrue(cache.signingKey("expired", "k").isEmpty());
        assertTrue(cache.signingKey("unsubscribed", "k").isEmpty());
        assertTrue(cache.signingKey("off-curve", "k").isEmpty(), "32 bytes that are no point of Ed25519 are no key");
        assertTrue(cache.signingKey("nobody", "k").isEmpty());
        int before = lookups.get();
        cache.signingKey("nobody", "k");
        assertEquals(before, lookups.get(), "unknown keys are remembered briefly");
    }

    @Test
    void aKnownKeyOutlivesARegistryOutageBrieflyAndTheCacheStaysBounded() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
        SubscriberKeyCache cache = new SubscriberKeyCache((sub, key) -> {
            if (down.get()) {
                throw new java.io.IOException("registry down");
            }
            return sub.startsWith("good") ? List.of(new Subscriber(sub, "k", "BAP", null, KEY, "SUBSCRIBED", null,
                    clock.instant().plusSeconds(3600).atOffset(ZoneOffset.UTC))) : List.of();
        }, clock, Duration.ofMinutes(10), Duration.ofSeconds(10));

        assertTrue(cache.signingKey("good", "k").isPresent());
        down.set(true);
        clock.now = clock.now.plusSeconds(11 * 60);
        assertTrue(cache.signingKey("good", "k").isPresent(), "known key served while the registry is down");
        org.junit.jupiter.api.Assertions.assertThrows(java.io.UncheckedIOException.class,
                () -> cache.signingKey("good-but-unknown", "k"),
                "an unknown key cannot be verified without the registry");

        down.set(false);
        for (int i = 0; i < SubscriberKeyCache.MAX_ENTRIES + 50; i++) {
            cache.signingKey("forged-" + i, "k");
        }
        assertTrue(cache.size() <= SubscriberKeyCache.MAX_ENTRIES, "bounded: " + cache.size());
    }

    @Test
    void takesASubscriptionInAnyDomainServedAndNoneOfAnotherNetwork() {
        SubscriberKeyCache cache = new SubscriberKeyCache((sub, key) -> switch (sub) {
            case "example-files" -> List.of(new Subscriber(sub, "k", "BAP", null, KEY, "SUBSCRIBED", null, null,
                    "dent:ev-charging:0.1.0"));
            case "guide" -> List.of(new Subscriber(sub, "k", "BAP", null, KEY, "SUBSCRIBED", null, null,
                    "dent:0.1.0"));
            case "mobility-only" -> List.of(new Subscriber(sub, "k", "BAP", null, KEY, "SUBSCRIBED", null, null,
                    "ONDC:TRV10"));
            case "mobility-and-dent" -> List.of(
                    new Subscriber(sub, "k", "BAP", null, KEY, "SUBSCRIBED", null, null, "ONDC:TRV10"),
                    new Subscriber(sub, "k", "BAP", null, KEY, "SUBSCRIBED", null, null, "dent:0.1.0"));
            default -> List.of(new Subscriber(sub, "k", "BAP", null, KEY, "SUBSCRIBED", null, null));
        }, Clock.systemUTC(), Duration.ofMinutes(1), Duration.ofSeconds(10),
                java.util.Set.of("dent:0.1.0", "dent:ev-charging:0.1.0"));
        assertTrue(cache.signingKey("example-files", "k").isPresent());
        assertTrue(cache.signingKey("guide", "k").isPresent());
        assertTrue(cache.signingKey("no-domain-given", "k").isPresent());
        assertTrue(cache.signingKey("mobility-and-dent", "k").isPresent());
        assertTrue(cache.signingKey("mobility-only", "k").isEmpty());
    }
}
