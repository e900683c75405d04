package org.evcharging.bpp.core.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.evcharging.bpp.core.signing.Ed25519Keys;
import org.evcharging.bpp.core.signing.HttpSigner;
import org.junit.jupiter.api.Test;

/** The registry's answers to subscribe, from a stand-in registry (it lies outside the project). */
class RegistrySubscriberTest {

    private static final SubscriptionEntry ENTRY = new SubscriptionEntry("bpp.example", "https://bpp.example",
            "dent:0.1.0", "std:080", "k1", "cHVi", "ZW5j", Instant.parse("2026-12-05T00:00:00Z"),
            Instant.parse("2027-12-05T00:00:00Z"));

    @Test
    void the_subscription_carries_every_field_registry_yaml_names() {
        ObjectNode json = ENTRY.toJson();
        for (String f : new String[] {"subscriber_id", "url", "type", "domain", "key_id", "signing_public_key",
                "encr_public_key", "valid_from", "valid_until", "nonce"}) {
            assertTrue(json.hasNonNull(f), f);
        }
        assertEquals("BPP", json.get("type").asText());
        assertEquals("std:080", json.path("location").path("city").path("code").asText());
        assertEquals("2027-12-05T00:00:00Z", json.get("valid_until").asText());
    }

    @Test
    void reads_the_spec_answer_and_the_ack_form_and_refuses_garbage() {
        assertEquals("UNDER_SUBSCRIPTION",
                RegistrySubscriber.outcome(ENTRY, 200, "{\"status\":\"UNDER_SUBSCRIPTION\"}").status());
        assertEquals("UNDER_SUBSCRIPTION", RegistrySubscriber
                .outcome(ENTRY, 200, "{\"message\":{\"ack\":{\"status\":\"ACK\"}}}").status());
        assertFalse(RegistrySubscriber.outcome(ENTRY, 200, "<html>oops</html>").accepted());
        assertFalse(RegistrySubscriber.outcome(ENTRY, 200, "{\"status\":\"MAYBE\"}").accepted());
        assertFalse(RegistrySubscriber.outcome(ENTRY, 200, "{}").accepted());
        assertFalse(RegistrySubscriber.outcome(ENTRY, 200, "").accepted());
        SubscribeOutcome refused = RegistrySubscriber.outcome(ENTRY, 401,
                "{\"error\":{\"message\":\"bad signature\"}}");
        assertFalse(refused.accepted());
        assertTrue(refused.error().contains("HTTP 401") && refused.error().contains("bad signature"),
                refused.error());
    }

    @Test
    void a_registry_that_does_not_answer_in_time_is_an_outcome_not_a_hang() throws Exception {
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.createContext("/subscribe", exchange -> {
            try {
                Thread.sleep(3000);
                byte[] b = "{\"status\":\"UNDER_SUBSCRIPTION\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, b.length);
                exchange.getResponseBody().write(b);
            } catch (Exception e) {
                // the client gave up
            } finally {
                exchange.close();
            }
        });
        slow.start();
        try {
            RegistrySubscriber subscriber = new RegistrySubscriber(
                    URI.create("http://127.0.0.1:" + slow.getAddress().getPort() + "/subscribe"),
                    Duration.ofMillis(300));
            HttpSigner signer = new HttpSigner("bpp.example", "k1", Ed25519Keys.generate().getPrivate(),
                    Clock.systemUTC());
            SubscribeOutcome outcome = subscriber.subscribe(ENTRY, signer, 60);
            assertFalse(outcome.accepted());
            assertTrue(outcome.error().contains("did not answer"), outcome.error());
        } finally {
            slow.stop(0);
        }
    }
}
