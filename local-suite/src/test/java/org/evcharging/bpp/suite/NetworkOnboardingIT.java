package org.evcharging.bpp.suite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.evcharging.bpp.core.network.ChallengeCipher;
import org.evcharging.bpp.core.network.X25519Keys;
import org.evcharging.bpp.core.registry.RegistryLookup;
import org.evcharging.bpp.core.registry.SubscriberKeyCache;
import org.evcharging.bpp.core.signing.Ed25519Keys;
import org.evcharging.bpp.core.signing.HttpSigner;
import org.evcharging.bpp.suite.bap.BapCli;
import org.evcharging.bpp.suite.bap.BapClient;
import org.evcharging.bpp.suite.registry.RegistryEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Joining the network and rotating our signing key, end to end through the ingress and the local registry (which
 * plays the registry's side of subscribe / on_subscribe with keys of its own): the BPP's hand-made registry entry is
 * removed, the operator subscribes, the registry challenges {@code /on_subscribe}, and both keys of the ring become
 * SUBSCRIBED in both domains; bad challenges are refused and change nothing; four BAPs (in both domains) search without
 * pause across the switch to the next key and past the old key's retirement: every request is ACKed and every callback
 * verifies, signed by the old key and then by the new.
 */
@TestMethodOrder(OrderAnnotation.class)
class NetworkOnboardingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Long enough for a catalog-only suite to start on a busy 2-core machine, with room to search before it. */
    private static final Duration SWITCH_AFTER = Duration.ofSeconds(120);
    private static final Duration OVERLAP = Duration.ofSeconds(20);
    private static final int SEARCHERS = 4;
    /** How long after subscribing a challenge is answered; the rotation test outlasts it. */
    private static final Duration CHALLENGE_WINDOW = Duration.ofSeconds(30);

    private static final String BPP_ID = "bpp.ev.localhost";

    private static LocalSuite suite;
    private static Instant switchAt;
    private static String k1;
    private static String k2;

    @BeforeAll
    static void start() {
        KeyPair next = Ed25519Keys.generate();
        switchAt = Instant.now().plus(SWITCH_AFTER);
        SuiteOptions options = SuiteOptions.defaults()
                .workDir(Path.of("target/it-network"))
                .wipeWorkDir(true)
                .ingressPort(0)
                .dbPort(0)
                .freeServicePorts(true)
                .demoChargers(false)
                .services(Set.of("catalog"))
                .bppSubscriberId(BPP_ID);
        k2 = BPP_ID + ".k2";
        options.environment("catalog", "BECKN_NEXT_KEY_ID", k2)
                .environment("catalog", "BECKN_NEXT_SIGNING_PRIVATE_KEY", Ed25519Keys.seedBase64(next.getPrivate()))
                .environment("catalog", "BECKN_NEXT_KEY_ACTIVE_FROM", switchAt.toString())
                .environment("catalog", "BECKN_ROTATION_OVERLAP", OVERLAP.toString())
                .environment("catalog", "BECKN_REGISTRY_CHALLENGE_WINDOW", CHALLENGE_WINDOW.toString());
        suite = LocalSuite.start(options);
        k1 = suite.bpp().keyId();
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    @Order(1)
    void subscribe_then_the_registry_challenge_makes_every_key_and_domain_subscribed() throws Exception {
        assertTrue(Instant.now().isBefore(switchAt.minusSeconds(20)), "the suite took longer than "
                + SWITCH_AFTER.minusSeconds(20) + " to start: the rotation cannot be watched from before its switch");
        String bppId = suite.bppSubscriberId();
        suite.registry().remove(bppId, null);
        assertTrue(suite.registry().lookup(JSON.createObjectNode().put("subscriber_id", bppId)).isEmpty());

        HttpResponse<String> subscribed = operator("POST", "/catalog/v1/network/subscriptions");
        assertEquals(200, subscribed.statusCode(), subscribed.body());
        JsonNode outcomes = JSON.readTree(subscribed.body()).path("subscriptions");
        assertEquals(4, outcomes.size(), subscribed.body()); // 2 keys x 2 domains
        for (JsonNode o : outcomes) {
            assertEquals("UNDER_SUBSCRIPTION", o.path("status").asText(), subscribed.body());
        }

        await("the registry's challenge answered for every key and domain").atMost(Duration.ofSeconds(30))
                .until(() -> entries().stream().filter(e -> "SUBSCRIBED".equals(e.status())).count() == 4);
        Set<String> subscriptions = entries().stream().map(e -> e.keyId() + " " + e.domain())
                .collect(Collectors.toSet());
        assertEquals(Set.of(k1 + " dent:0.1.0", k1 + " dent:ev-charging:0.1.0", k2 + " dent:0.1.0",
                k2 + " dent:ev-charging:0.1.0"), subscriptions);
        for (RegistryEntry e : entries()) {
            assertEquals("BPP", e.type());
            assertEquals(suite.ingressUrl(), e.url());
            assertEquals(X25519Keys.spkiBase64(X25519Keys.publicOf(X25519Keys.privateKey(
                    suite.network().bppEncryptionKey()))), e.encrPublicKey());
        }
        RegistryEntry old = entries().stream().filter(e -> e.keyId().equals(k1)).findFirst().orElseThrow();
        assertEquals(RegistryEntry.rfc3339(switchAt.plus(OVERLAP).atOffset(java.time.ZoneOffset.UTC)),
                old.validUntil(), "the old key is published until the switch plus the overlap");

        HttpResponse<String> view = operator("GET", "/catalog/v1/network/subscriptions");
        assertEquals(200, view.statusCode(), view.body());
        JsonNode v = JSON.readTree(view.body());
        assertEquals(k1, v.path("signing_key_id").asText());
        assertEquals(k2, v.path("next_key_id").asText());
        assertEquals(4, v.path("registered").size());
        assertEquals(0, v.path("warnings").size(), "nothing to act on: " + v.path("warnings"));

        // Again: the registry holds every one as it would be, so nothing is sent (a new replica subscribing on start).
        HttpResponse<String> again = operator("POST", "/catalog/v1/network/subscriptions");
        assertEquals(200, again.statusCode(), again.body());
        for (JsonNode o : JSON.readTree(again.body()).path("subscriptions")) {
            assertFalse(o.path("sent").asBoolean(), again.body());
            assertEquals("SUBSCRIBED", o.path("status").asText(), again.body());
        }
    }

    @Test
    @Order(2)
    void an_on_subscribe_not_signed_by_the_registry_or_with_a_bad_challenge_is_refused_and_changes_nothing()
            throws Exception {
        List<RegistryEntry> before = entries();
        DemoNetwork net = suite.network();
        ChallengeCipher registryCipher = new ChallengeCipher(ChallengeCipher.Mechanism.AES_256_ECB,
                X25519Keys.privateKey(net.registryEncryptionKey()),
                X25519Keys.publicOf(X25519Keys.privateKey(net.bppEncryptionKey())));
        byte[] good = ("{\"subscriber_id\":\"" + suite.bppSubscriberId() + "\",\"challenge\":\""
                + registryCipher.encrypt("the registry's nonce") + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpSigner registry = new HttpSigner(net.registry().subscriberId(), net.registry().keyId(),
                net.registry().privateKey(), Clock.systemUTC());
        HttpSigner impostor = new HttpSigner(net.registry().subscriberId(), net.registry().keyId(),
                Ed25519Keys.generate().getPrivate(), Clock.systemUTC());

        HttpResponse<String> answered = onSubscribe(good, registry.authorization(good, 30));
        assertEquals(200, answered.statusCode(), answered.body());
        assertEquals("the registry's nonce", JSON.readTree(answered.body()).path("answer").asText());

        HttpResponse<String> unsigned = onSubscribe(good, null);
        assertEquals(401, unsigned.statusCode(), unsigned.body());
        assertEquals("30000", JSON.readTree(unsigned.body()).path("error").path("code").asText());
        HttpResponse<String> forged = onSubscribe(good, impostor.authorization(good, 30));
        assertEquals(401, forged.statusCode(), forged.body());
        assertFalse(forged.body().contains("the registry's nonce"));

        ChallengeCipher strangerCipher = new ChallengeCipher(ChallengeCipher.Mechanism.AES_256_ECB,
                X25519Keys.generatePrivate(), X25519Keys.publicOf(X25519Keys.privateKey(net.bppEncryptionKey())));
        for (String challenge : new String[] {"%%% not base64", "AAAA", strangerCipher.encrypt("x".repeat(64))}) {
            byte[] bad = ("{\"challenge\":\"" + challenge + "\"}").getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> r = onSubscribe(bad, registry.authorization(bad, 30));
            if (r.statusCode() == 200) {
                // ECB has no integrity: a challenge for another key may decrypt to noise, never to its plain text.
                assertFalse(r.body().contains("x".repeat(64)), r.body());
            } else {
                assertEquals(400, r.statusCode(), r.body());
                JsonNode error = JSON.readTree(r.body()).path("error");
                assertEquals("$.challenge", error.path("paths").asText(), r.body());
                assertFalse(error.path("message").asText().isBlank());
            }
        }
        // Someone else asks the registry to publish their key in our name, with our url and our (public) encryption
        // key: the registry holds us as SUBSCRIBED, so only a key it holds for us may ask; and k1 stays our k1.
        KeyPair theirs = Ed25519Keys.generate();
        String encryption = before.get(0).encrPublicKey();
        for (String keyId : new String[] {BPP_ID + ".k9", k1}) {
            byte[] subscription = JSON.createObjectNode().put("subscriber_id", BPP_ID).put("url", suite.ingressUrl())
                    .put("type", "BPP").put("domain", "dent:0.1.0").put("key_id", keyId)
                    .put("signing_public_key", Ed25519Keys.rawPublicBase64(theirs.getPublic()))
                    .put("encr_public_key", encryption).put("valid_from", "2026-01-01T00:00:00Z")
                    .put("valid_until", "2030-01-01T00:00:00Z").toString().getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> hijack = HTTP.send(
                    HttpRequest.newBuilder(URI.create(suite.registryUrl() + "/subscribe"))
                            .header("Content-Type", "application/json")
                            .header("Authorization",
                                    new HttpSigner(BPP_ID, keyId, theirs.getPrivate(), Clock.systemUTC())
                                            .authorization(subscription, 30))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(subscription)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(keyId.equals(k1) ? 409 : 401, hijack.statusCode(), keyId + ": " + hijack.body());
        }
        assertEquals(before, entries(), "a refused on_subscribe changes nothing in the registry");
    }

    @Test
    @Order(3)
    void baps_searching_across_the_key_switch_and_the_old_keys_retirement_never_fail_to_verify() throws Exception {
        Instant until = switchAt.plus(OVERLAP).plusSeconds(10);
        List<BapClient> baps = new ArrayList<>();
        ExecutorService searchers = Executors.newFixedThreadPool(SEARCHERS);
        try {
            List<Future<List<String>>> sent = new ArrayList<>();
            for (int i = 0; i < SEARCHERS; i++) {
                BapClient bap = BapClient.demo(suite, 0);
                if (i % 2 == 1) {
                    bap.domain("dent:ev-charging:0.1.0");
                }
                baps.add(bap);
                sent.add(searchers.submit(() -> searchUntil(bap, until)));
            }
            Map<String, Integer> byKey = new TreeMap<>();
            int searches = 0;
            for (int i = 0; i < SEARCHERS; i++) {
                List<String> messageIds = sent.get(i).get();
                searches += messageIds.size();
                for (String messageId : messageIds) {
                    BapClient.Callback cb = baps.get(i).awaitCallback(messageId, "on_search", Duration.ofSeconds(30));
                    assertTrue(cb.verified(), "on_search " + messageId + ": " + cb.verificationError());
                    byKey.merge(cb.signerKeyId(), 1, Integer::sum);
                }
                assertTrue(baps.get(i).callbacks().stream().allMatch(BapClient.Callback::verified),
                        "every callback verified");
            }
            System.out.println("rotation under " + SEARCHERS + " searching BAPs: " + searches
                    + " searches, on_search signed by " + byKey);
            assertTrue(searches > 200, "searched " + searches + " times across the switch");
            assertEquals(Set.of(k1, k2), byKey.keySet(), "signed with the old key, then the new: " + byKey);
        } finally {
            searchers.shutdownNow();
            baps.forEach(BapClient::close);
        }

        // After the retirement the old key is no key: a fresh verifier that knows only the registry still verifies
        // the BPP, so it signs with the new one.
        SubscriberKeyCache fresh = new SubscriberKeyCache(
                new RegistryLookup(suite.registryUrl(), Duration.ofSeconds(3))::lookup, Clock.systemUTC(),
                Duration.ofMinutes(1), Duration.ofSeconds(1));
        assertTrue(fresh.signingKey(suite.bppSubscriberId(), k1).isEmpty(), "the old key is retired");
        assertTrue(fresh.signingKey(suite.bppSubscriberId(), k2).isPresent());
        try (BapClient late = BapClient.demo(suite, 0)) {
            BapClient.Sent s = late.send("search", UUID.randomUUID().toString(),
                    BapCli.searchMessage("12.9716,77.5946", "5"));
            assertTrue(s.acked(), s.body());
            BapClient.Callback cb = late.awaitCallback(s.messageId(), "on_search", Duration.ofSeconds(30));
            assertTrue(cb.verified(), cb.verificationError());
            assertEquals(k2, cb.signerKeyId());
        }
        HttpResponse<String> view = operator("GET", "/catalog/v1/network/subscriptions");
        assertEquals(k2, JSON.readTree(view.body()).path("signing_key_id").asText());

        // Long after we subscribed, a challenge the registry relays (for a subscription someone else asked for in our
        // name, say) is not answered.
        DemoNetwork net = suite.network();
        byte[] late = ("{\"subscriber_id\":\"" + BPP_ID + "\",\"challenge\":\""
                + new ChallengeCipher(ChallengeCipher.Mechanism.AES_256_ECB,
                        X25519Keys.privateKey(net.registryEncryptionKey()),
                        X25519Keys.publicOf(X25519Keys.privateKey(net.bppEncryptionKey()))).encrypt("relayed")
                + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> unasked = onSubscribe(late, new HttpSigner(net.registry().subscriberId(),
                net.registry().keyId(), net.registry().privateKey(), Clock.systemUTC()).authorization(late, 30));
        assertEquals(409, unasked.statusCode(), unasked.body());
        assertFalse(unasked.body().contains("relayed"));
    }

    /** Searches back to back until {@code until}; every request must be ACKed. The message ids sent. */
    private static List<String> searchUntil(BapClient bap, Instant until) throws Exception {
        List<String> sent = new ArrayList<>();
        while (Instant.now().isBefore(until)) {
            BapClient.Sent s = bap.send("search", UUID.randomUUID().toString(),
                    BapCli.searchMessage("12.9716,77.5946", "5"));
            assertTrue(s.acked(), () -> "refused: " + s.refusal());
            sent.add(s.messageId());
            Thread.sleep(50);
        }
        return sent;
    }

    private static List<RegistryEntry> entries() {
        return suite.registry().lookup(JSON.createObjectNode().put("subscriber_id", suite.bppSubscriberId()));
    }

    private static HttpResponse<String> operator(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(suite.ingressUrl() + path))
                .header("Authorization", "Bearer " + suite.tokens().operator())
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> onSubscribe(byte[] body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(suite.ingressUrl() + "/on_subscribe"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
