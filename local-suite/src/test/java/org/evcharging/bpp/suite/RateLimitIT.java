package org.evcharging.bpp.suite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.evcharging.bpp.core.signing.Ed25519Keys;
import org.evcharging.bpp.suite.bap.BapCli;
import org.evcharging.bpp.suite.bap.BapClient;
import org.evcharging.bpp.suite.registry.RegistryEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The door's per-BAP rate limit (docs/rate-limits.md) on a catalog service of its own, set low (5/s, burst 5): one BAP
 * floods searches and gets 429s with a NACK and Retry-After past its limit, while another BAP's searches are all
 * taken; a refused search is never stored and never answered. Its own suite: the limits are off in the shared one.
 */
class RateLimitIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RATE = 5;
    private static final int BURST = 5;
    private static final int FLOOD = 40;
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Small enough that a body can be over it and still be read whole by the early refusal (64 KiB). */
    private static final int MAX_BODY = 8192;

    private static LocalSuite suite;
    private static BapClient flooder;
    private static BapClient calm;
    private static BapClient drained;
    private static final List<Runnable> unregister = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        suite = LocalSuite.start(SuiteOptions.defaults()
                .workDir(Path.of("target/it-ratelimit"))
                .wipeWorkDir(true)
                .ingressPort(0)
                .dbPort(0)
                .freeServicePorts(true)
                .demoChargers(false)
                .services(Set.of("catalog"))
                .environment("catalog", "BECKN_RATE_LIMIT_PER_BAP", Integer.toString(RATE))
                .environment("catalog", "BECKN_RATE_LIMIT_PER_BAP_BURST", Integer.toString(BURST))
                .environment("catalog", "BECKN_RATE_LIMIT_GLOBAL", "1000")
                .environment("catalog", "BECKN_RATE_LIMIT_GLOBAL_BURST", "2000")
                .environment("catalog", "BECKN_MAX_BODY_BYTES", Integer.toString(MAX_BODY)));
        flooder = bap("flood-app.rate-test.example");
        calm = bap("calm-app.rate-test.example");
        drained = bap("drained-app.rate-test.example");
    }

    /** A BAP of its own organisation, registered in the suite's registry while the test runs. */
    private static BapClient bap(String id) throws Exception {
        KeyPair keys = Ed25519Keys.generate();
        String keyId = id + ".k1";
        BapClient client = BapClient.start(id, keyId, keys.getPrivate(), 0, suite.ingressUrl(), suite.registryUrl());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        suite.registry().put(RegistryEntry.subscribed(id, keyId, "BAP", client.bapUri(),
                Ed25519Keys.rawPublicBase64(keys.getPublic()), now.minusMinutes(1), now.plusDays(1)));
        unregister.add(() -> suite.registry().remove(id, keyId));
        return client;
    }

    @AfterAll
    static void stop() {
        for (BapClient c : new BapClient[] {flooder, calm, drained}) {
            if (c != null) {
                c.close();
            }
        }
        unregister.forEach(Runnable::run);
        if (suite != null) {
            suite.close();
        }
    }

    /** One search as sent and answered, with the answer's Retry-After (null when there is none). */
    record Answer(String messageId, int status, JsonNode body, String retryAfter) {

        boolean acked() {
            return status == 200 && "ACK".equals(body.at("/message/ack/status").asText());
        }
    }

    /** A signed search through the ingress; the BAP client is used for its context and signature only. */
    private static Answer search(BapClient bap) throws Exception {
        String messageId = UUID.randomUUID().toString();
        ObjectNode request = JSON.createObjectNode();
        request.set("context", bap.context("search", UUID.randomUUID().toString(), messageId));
        request.set("message", BapCli.searchMessage("12.9716,77.5946", "5"));
        byte[] body = JSON.writeValueAsBytes(request);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(suite.ingressUrl() + "/search"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", bap.authorizationFor(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode answer;
        try {
            answer = JSON.readTree(r.body());
        } catch (java.io.IOException notJson) {
            answer = JSON.nullNode();
        }
        return new Answer(messageId, r.statusCode(), answer == null ? JSON.nullNode() : answer,
                r.headers().firstValue("Retry-After").orElse(null));
    }

    @Test
    void a_flooding_bap_gets_429_past_its_limit_and_nothing_of_it_is_stored_while_another_bap_is_served()
            throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(5);
        List<Future<Answer>> flood = new ArrayList<>();
        List<Future<Answer>> others = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < FLOOD; i++) {
                flood.add(senders.submit(() -> search(flooder)));
                if (i % 10 == 5) {
                    others.add(senders.submit(() -> search(calm)));
                }
            }
            List<Answer> floodAnswers = new ArrayList<>();
            for (Future<Answer> f : flood) {
                floodAnswers.add(f.get(60, TimeUnit.SECONDS));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<Answer> calmAnswers = new ArrayList<>();
            for (Future<Answer> f : others) {
                calmAnswers.add(f.get(60, TimeUnit.SECONDS));
            }

            // The flooder: its burst and what came back meanwhile taken, the rest 429 with a NACK and Retry-After.
            Set<String> acked = floodAnswers.stream().filter(Answer::acked).map(Answer::messageId)
                    .collect(Collectors.toCollection(HashSet::new));
            assertTrue(acked.size() >= BURST, "at least the burst is taken: " + acked.size());
            assertTrue(acked.size() <= BURST + Math.ceil(RATE * seconds) + 1,
                    acked.size() + " taken in " + seconds + " s: more than the burst and the rate allow");
            assertTrue(acked.size() < FLOOD, "some were refused");
            for (Answer a : floodAnswers) {
                if (a.acked()) {
                    continue;
                }
                assertEquals(429, a.status(), a.body().toString());
                assertEquals("NACK", a.body().at("/message/ack/status").asText(), a.body().toString());
                assertEquals("40000", a.body().at("/error/code").asText(), a.body().toString());
                assertTrue(a.body().at("/error/message").asText().contains("too many requests"),
                        a.body().toString());
                assertNotNull(a.retryAfter(), "a 429 says when to come back");
                assertTrue(Integer.parseInt(a.retryAfter()) >= 1, a.retryAfter());
            }

            // The other BAP was not slowed by the flood.
            for (Answer a : calmAnswers) {
                assertTrue(a.acked(), "another BAP's search is taken: " + a.status() + " " + a.body());
            }

            // Refused means nothing kept: once a token is back, the flooder is taken again.
            long retryAfter = floodAnswers.stream().filter(a -> !a.acked())
                    .mapToLong(a -> Long.parseLong(a.retryAfter())).max().orElse(1);
            await().pollDelay(Duration.ofSeconds(retryAfter)).atMost(Duration.ofSeconds(retryAfter + 5))
                    .until(() -> true);
            Answer again = search(flooder);
            assertTrue(again.acked(), "after Retry-After: " + again.status() + " " + again.body());
            acked.add(again.messageId());

            // Exactly the ACKed searches were answered, and no refused one ever is.
            await().atMost(WAIT).until(() -> onSearchIds(flooder).size() >= acked.size());
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> onSearchIds(flooder).equals(acked));
            assertEquals(acked.size(), flooder.callbacks().stream().filter(c -> "on_search".equals(c.action()))
                    .count(), "one on_search per ACKed search");
            Set<String> calmAcked = calmAnswers.stream().map(Answer::messageId).collect(Collectors.toSet());
            await().atMost(WAIT).until(() -> onSearchIds(calm).equals(calmAcked));

            // The catalog's inbox holds exactly the ACKed searches of each.
            assertEquals(acked, inboxIds(flooder.subscriberId()), "nothing stored for a 429");
            assertEquals(calmAcked, inboxIds(calm.subscriberId()));
        } finally {
            senders.shutdownNow();
        }
    }

    /**
     * Once a BAP's bucket is empty, its next request is refused before its body is read (EarlyRefusalFilter): a body
     * over the size limit, which the door would answer 413, gets the 429 instead. Draining and asking again are a few
     * milliseconds apart while a token comes back every 200 ms; a token back in between gives 413, so a few tries.
     */
    @Test
    void a_bap_over_its_limit_is_refused_before_its_body_is_read() throws Exception {
        byte[] oversize = ("{\"pad\":\"" + "x".repeat(MAX_BODY * 2) + "\"}").getBytes(StandardCharsets.UTF_8);
        ExecutorService senders = Executors.newFixedThreadPool(BURST + 3);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (int attempt = 0; attempt < 5 && !statuses.contains(429); attempt++) {
                List<Future<Answer>> drain = new ArrayList<>();
                for (int i = 0; i < BURST + 3; i++) {
                    drain.add(senders.submit(() -> search(drained)));
                }
                for (Future<Answer> f : drain) {
                    f.get(60, TimeUnit.SECONDS);
                }
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(suite.ingressUrl() + "/search"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .header("Authorization", drained.authorizationFor(oversize))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(oversize)).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                statuses.add(r.statusCode());
                if (r.statusCode() == 429) {
                    JsonNode body = JSON.readTree(r.body());
                    assertEquals("NACK", body.at("/message/ack/status").asText(), r.body());
                    assertTrue(body.at("/error/message").asText().contains("too many requests"), r.body());
                    assertTrue(r.headers().firstValue("Retry-After").isPresent(), "a 429 says when to come back");
                } else {
                    assertEquals(413, r.statusCode(), "a token came back in between: the door's size limit");
                }
            }
        } finally {
            senders.shutdownNow();
        }
        assertTrue(statuses.contains(429), "refused early, before the body was read, in one of the tries: " + statuses);
    }

    private static Set<String> onSearchIds(BapClient bap) {
        return bap.callbacks().stream().filter(c -> "on_search".equals(c.action())).map(BapClient.Callback::messageId)
                .collect(Collectors.toSet());
    }

    private static Set<String> inboxIds(String bapId) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = suite.openDb("catalog");
                PreparedStatement ps = c.prepareStatement("SELECT message_id FROM beckn_inbox WHERE bap_id = ?")) {
            ps.setString(1, bapId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }
}
