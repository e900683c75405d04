package org.evcharging.bpp.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.evcharging.bpp.core.validation.BecknSchemas;
import org.evcharging.bpp.core.validation.SchemaViolation;
import org.evcharging.bpp.suite.bap.BapCli;
import org.evcharging.bpp.suite.bap.BapClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole path a real BAP takes: a signed search through the ingress to the catalog service on Liberty with
 * MariaDB, and a signed on_search back to the BAP's callback receiver, strictly valid against Beckn 1.1.0.
 */
class SearchEndToEndIT {

    @RegisterExtension
    static final DemoBap DEMO = new DemoBap();

    @Test
    void search_is_acked_and_answered_with_a_signed_schema_valid_on_search() throws Exception {
        BapClient.Sent sent = DEMO.bap().send("search", BapCli.searchMessage("12.9716,77.5946", "5"));
        assertEquals(200, sent.status(), sent.body());
        assertTrue(sent.acked(), sent.body());

        BapClient.Callback onSearch = DEMO.bap().awaitCallback(sent.messageId(), "on_search", Duration.ofSeconds(30));
        assertTrue(onSearch.verified(), "on_search signature: " + onSearch.verificationError());
        assertEquals(DEMO.suite().bppSubscriberId(), onSearch.signer());
        JsonNode ctx = onSearch.body().path("context");
        assertEquals("on_search", ctx.path("action").asText());
        assertEquals(sent.transactionId(), ctx.path("transaction_id").asText());
        assertEquals(sent.messageId(), ctx.path("message_id").asText());
        assertEquals(DEMO.suite().bppSubscriberId(), ctx.path("bpp_id").asText());
        assertEquals(DEMO.bap().bapUri(), ctx.path("bap_uri").asText());

        List<SchemaViolation> violations = BecknSchemas.shared().validateStrict("on_search", onSearch.body());
        assertEquals(List.of(), violations, () -> "on_search is not strictly valid: " + onSearch.body());

        // The demo network of the workflow document: Chargezone's chargers and Log9's battery swaps nearby.
        JsonNode providers = onSearch.body().at("/message/catalog/providers");
        java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
        providers.forEach(p -> byId.put(p.path("id").asText(), p));
        assertTrue(byId.keySet().containsAll(List.of("chargezone.in", "log9.in")), providers.toString());
        JsonNode chargezone = byId.get("chargezone.in");
        assertEquals("Chargezone", chargezone.at("/descriptor/name").asText());
        assertEquals("green-tariff", chargezone.at("/categories/0/descriptor/code").asText());
        assertEquals("cz-mg-road", chargezone.at("/locations/0/id").asText());
        assertEquals("CHARGING", chargezone.at("/fulfillments/0/type").asText());
        assertEquals("Free car wash", chargezone.at("/items/0/add_ons/0/descriptor/name").asText());
        assertEquals("BATTERY-SWAP", byId.get("log9.in").at("/fulfillments/0/type").asText());
    }

    @Test
    void on_search_is_retried_while_the_bap_is_down_and_delivered_once_it_is_back() throws Exception {
        try (BapClient flaky = BapClient.demo(DEMO.suite(), 0)) {
            flaky.setAvailable(false);
            BapClient.Sent sent = flaky.send("search", BapCli.searchMessage("12.9716,77.5946", "5"));
            assertTrue(sent.acked(), sent.body());
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                    .until(() -> flaky.refusedWhileUnavailable() >= 2);
            flaky.setAvailable(true);
            BapClient.Callback onSearch = flaky.awaitCallback(sent.messageId(), "on_search", Duration.ofSeconds(25));
            assertTrue(onSearch.verified(), onSearch.verificationError());
            // The answer delivered on a retry was searched again from the stored request (the outbox keeps no copy
            // of a search's answer): the same message and transaction, the whole catalog, strictly valid.
            assertEquals(sent.transactionId(), onSearch.transactionId());
            assertEquals(List.of(), BecknSchemas.shared().validateStrict("on_search", onSearch.body()));
            java.util.Set<String> providers = new java.util.HashSet<>();
            onSearch.body().at("/message/catalog/providers").forEach(p -> providers.add(p.path("id").asText()));
            assertTrue(providers.containsAll(List.of("chargezone.in", "log9.in")), providers.toString());

            // The outbox of the catalog service tells the same story.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (java.sql.Connection db = DEMO.suite().openDb("catalog");
                        java.sql.PreparedStatement q = db.prepareStatement(
                                "SELECT attempts, delivered_at, LENGTH(body) FROM beckn_outbox WHERE message_id = ?"
                                        + " AND action = 'on_search'")) {
                    q.setString(1, sent.messageId());
                    try (java.sql.ResultSet rs = q.executeQuery()) {
                        assertTrue(rs.next(), "no outbox row for " + sent.messageId());
                        assertTrue(rs.getInt("attempts") >= 3, "attempts " + rs.getInt("attempts"));
                        rs.getLong("delivered_at");
                        assertTrue(!rs.wasNull(), "not marked delivered");
                        assertEquals(0, rs.getInt(3), "a search's answer is not stored, it is rebuilt for a retry");
                    }
                }
            });
        }
    }

    @Test
    void an_unsigned_search_is_refused() throws Exception {
        BapClient.Sent sent = DEMO.bap().postRaw("/search",
                ("{\"context\":" + DEMO.bap().context("search", "t-unsigned", "m-unsigned") + ",\"message\":"
                        + BapCli.searchMessage("12.9716,77.5946", "5") + "}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.util.Map.of("Content-Type", "application/json"));
        assertEquals(401, sent.status(), sent.body());
        assertEquals("NACK", sent.response().at("/message/ack/status").asText(), sent.body());
    }

    @Test
    void a_bap_whose_key_has_expired_in_the_registry_is_refused() throws Exception {
        java.security.KeyPair keys = org.evcharging.bpp.core.signing.Ed25519Keys.generate();
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        DEMO.suite().registry().put(org.evcharging.bpp.suite.registry.RegistryEntry.subscribed("expired-bap.localhost",
                "expired-bap.localhost.k1", "BAP", "http://localhost:1/bap",
                org.evcharging.bpp.core.signing.Ed25519Keys.rawPublicBase64(keys.getPublic()),
                now.minusYears(1), now.minusDays(1)));
        try (BapClient expired = BapClient.start("expired-bap.localhost", "expired-bap.localhost.k1",
                keys.getPrivate(), 0, DEMO.suite().ingressUrl(), DEMO.suite().registryUrl())) {
            BapClient.Sent sent = expired.send("search", BapCli.searchMessage("12.9716,77.5946", "5"));
            assertEquals(401, sent.status(), sent.body());
            assertEquals("NACK", sent.response().at("/message/ack/status").asText(), sent.body());
        } finally {
            DEMO.suite().registry().remove("expired-bap.localhost", null);
        }
    }
}
