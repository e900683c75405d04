package org.evcharging.bpp.core.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceCallerPolicyTest {

    private static final String QUOTE = "ev-charging-bpp/quote";
    private static final Duration DAY = Duration.ofHours(24);
    private static final long NOW = 1_800_000_000L;

    private static Optional<String> refusal(Set<String> groups, Set<String> aud, long lifetimeSeconds) {
        return ServiceCallerPolicy.refusal(groups, aud, NOW, NOW + lifetimeSeconds, QUOTE, DAY);
    }

    @Test
    void a_service_token_for_this_service_that_lives_an_hour_may_call() {
        assertEquals(Optional.empty(), refusal(Set.of("service"), Set.of(QUOTE), 3600));
        assertEquals(Optional.empty(), refusal(Set.of("service", "rating-service"), Set.of(QUOTE, "other"), 3600));
    }

    @Test
    void a_token_minted_for_another_service_or_the_shared_audience_is_refused() {
        assertTrue(refusal(Set.of("service"), Set.of("ev-charging-bpp/catalog"), 3600).orElseThrow().contains(QUOTE));
        assertTrue(refusal(Set.of("service"), Set.of("ev-charging-bpp"), 3600).isPresent(), "the old shared token");
        assertTrue(refusal(Set.of("rating-service"), Set.of("ev-charging-bpp"), 3600).isPresent());
        assertTrue(refusal(Set.of("service"), null, 3600).isPresent());
    }

    @Test
    void a_long_lived_service_token_is_refused_even_when_it_has_not_expired() {
        assertTrue(refusal(Set.of("service"), Set.of(QUOTE), Duration.ofDays(365).toSeconds()).orElseThrow()
                .contains("PT24H"));
        assertEquals(Optional.empty(), refusal(Set.of("service"), Set.of(QUOTE), DAY.toSeconds()));
        assertTrue(ServiceCallerPolicy.refusal(Set.of("service"), Set.of(QUOTE), 0, NOW, QUOTE, DAY).isPresent(),
                "no iat");
    }

    @Test
    void people_tokens_are_left_to_the_routes_roles() {
        assertEquals(Optional.empty(),
                refusal(Set.of("operator"), Set.of("ev-charging-bpp"), Duration.ofDays(30).toSeconds()));
        assertEquals(Optional.empty(),
                refusal(Set.of("partner"), Set.of("ev-charging-bpp"), Duration.ofDays(30).toSeconds()));
        assertEquals(Optional.empty(), refusal(null, null, 0));
    }

    @Test
    void a_service_without_its_audience_configured_takes_no_service_token() {
        assertTrue(ServiceCallerPolicy.refusal(Set.of("service"), Set.of(QUOTE), NOW, NOW + 60, null, DAY).isPresent());
    }
}
