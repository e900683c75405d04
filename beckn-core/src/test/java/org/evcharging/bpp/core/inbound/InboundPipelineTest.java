package org.evcharging.bpp.core.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.evcharging.bpp.core.config.BppConfig;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.core.ops.BecknMetrics;
import org.evcharging.bpp.core.outbound.CallbackTargets;
import org.evcharging.bpp.core.registry.RegistryKeys;
import org.evcharging.bpp.core.registry.Subscriber;
import org.evcharging.bpp.core.signing.Ed25519Keys;
import org.evcharging.bpp.core.signing.HttpSigner;
import org.evcharging.bpp.core.signing.VerificationKey;
import org.evcharging.bpp.core.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The door's decisions, one per way a request can be refused, without a server: the registry and the inbox are
 * hand-written fakes (the registry lies outside the project; the inbox is tested against MariaDB in the suite).
 * The requests are the workflow document's own, signed here by a BAP key the fake registry publishes.
 */
class InboundPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BAP = "example-bap.com";
    private static final String BAP_URL = "https://api.example-bap.com/pilot/bap/energy/v1";
    private static final KeyPair BAP_KEYS = Ed25519Keys.generate();
    private static final KeyPair GATEWAY_KEYS = Ed25519Keys.generate();

    private final HttpSigner bap = new HttpSigner(BAP, "k1", BAP_KEYS.getPrivate(), Clock.systemUTC());
    private final HttpSigner gateway = new HttpSigner("gateway.example", "g1", GATEWAY_KEYS.getPrivate(),
            Clock.systemUTC());
    private final Map<String, Subscriber> registered = new java.util.HashMap<>();
    private final List<InboxWriter.Accepted> stored = new ArrayList<>();
    private final List<Integer> measured = new ArrayList<>();
    private final List<String> limited = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T10:00:00Z"));
    private boolean registryDown;
    private boolean repeat;
    private String storedTransaction;
    private BecknActionHandler handler = handler(r -> {
    });
    private InboundPipeline pipeline;

    interface Check {

        void check(InboundRequest request);
    }

    private static BecknActionHandler handler(Check check) {
        return new BecknActionHandler() {

            public String action() {
                return "search";
            }

            public void check(InboundRequest request) {
                check.check(request);
            }

            public ObjectNode handle(InboundRequest request) {
                throw new AssertionError("the door never handles: it stores and ACKs");
            }
        };
    }

    @BeforeEach
    void door() {
        register(BAP, "k1", "BAP", BAP_URL, BAP_KEYS);
        register("gateway.example", "g1", "BG", "https://gateway.example/", GATEWAY_KEYS);
        pipeline = new InboundPipeline();
        pipeline.config = new BppConfig() {

            public String subscriberId() {
                return "bpp.us";
            }
            public Set<String> domains() {
                return Set.of("dent:0.1.0");
            }
            public long clockSkewSeconds() {
                return 5;
            }
            public Duration signatureMaxAge() {
                return Duration.ofMinutes(5);
            }
            public Duration signatureMaxValidity() {
                return Duration.ofHours(1);
            }
            public Duration maxRequestTtl() {
                return Duration.ofHours(1);
            }
            public Duration maxCallbackWindow() {
                return Duration.ofHours(1);
            }
            public Duration defaultCallbackTtl() {
                return Duration.ofSeconds(30);
            }
            public int maxBodyBytes() {
                return 16_384;
            }
            public CallbackTargets.Policy callbackBapUriPolicy() {
                return CallbackTargets.Policy.UNDER_REGISTERED;
            }
            public RateLimits.Settings rateLimits() {
                return RateLimits.Settings.OFF;
            }
        };
        pipeline.registry = new RegistryKeys() {

            public Optional<VerificationKey> signingKey(String subscriberId, String keyId) {
                return subscriber(subscriberId, keyId)
                        .map(s -> VerificationKey.of(Ed25519Keys.publicKey(s.signingPublicKey())));
            }

            public Optional<Subscriber> subscriber(String subscriberId, String keyId) {
                if (registryDown) {
                    throw new UncheckedIOException(new java.io.IOException("registry timed out"));
                }
                return Optional.ofNullable(registered.get(subscriberId + "|" + keyId));
            }
        };
        pipeline.writer = new InboxWriter() {

            public boolean store(Accepted row) {
                stored.add(row);
                return !repeat;
            }
        };
        pipeline.inbox = new InboxStore() {

            public String transactionOf(String bapId, String messageId, String action) {
                return storedTransaction;
            }
        };
        pipeline.processor = new InboundProcessor() {

            public Optional<BecknActionHandler> handler(String action) {
                return Optional.ofNullable(handler).filter(h -> h.action().equals(action));
            }
        };
        pipeline.metrics = new BecknMetrics() {

            public void inbound(String requestedAction, int status, long nanos) {
                measured.add(status);
            }

            public void rateLimited(String limit) {
                limited.add(limit);
            }
        };
        pipeline.init();
    }

    private void register(String id, String keyId, String type, String url, KeyPair keys) {
        registered.put(id + "|" + keyId,
                new Subscriber(id, keyId, type, url, Ed25519Keys.rawPublicBase64(keys.getPublic()),
                        "SUBSCRIBED", null, null));
    }

    private static ObjectNode search() throws Exception {
        ObjectNode body;
        try (InputStream in = InboundPipelineTest.class.getResourceAsStream("/workflow-examples/01-search.json")) {
            body = (ObjectNode) JSON.readTree(in);
        }
        ((ObjectNode) body.get("context")).put("timestamp", Instant.now().toString()).put("ttl", "PT30S");
        return body;
    }

    private DoorAnswer send(String action, byte[] raw, String authorization, String gatewayAuthorization) {
        return pipeline.answer(action, new ByteArrayInputStream(raw), authorization, gatewayAuthorization);
    }

    private DoorAnswer sendSigned(ObjectNode body) {
        byte[] raw = body.toString().getBytes(StandardCharsets.UTF_8);
        return send(body.path("context").path("action").asText(), raw, bap.authorization(raw, 60), null);
    }

    private static JsonNode error(DoorAnswer answer) throws Exception {
        JsonNode body = JSON.readTree(answer.body());
        assertEquals("NACK", body.at("/message/ack/status").asText(), answer.bodyText());
        return body.get("error");
    }

    @Test
    void stores_then_acks_a_signed_valid_request() throws Exception {
        DoorAnswer answer = sendSigned(search());

        assertTrue(answer.acked(), answer.bodyText());
        assertEquals("ACK", JSON.readTree(answer.body()).at("/message/ack/status").asText());
        assertEquals(1, stored.size(), "stored before the ACK left");
        InboxWriter.Accepted row = stored.get(0);
        assertEquals(BAP, row.bapId());
        assertEquals("6743e9e2-4fb5-487c-92b7-13ba8018f176", row.transactionId());
        assertEquals("search", row.request().action());
        assertEquals(List.of(200), measured);
    }

    @Test
    void a_repeat_is_acked_again_but_not_a_message_id_reused_for_another_transaction() throws Exception {
        repeat = true;
        storedTransaction = "6743e9e2-4fb5-487c-92b7-13ba8018f176";
        assertTrue(sendSigned(search()).acked(), "a retry of the same request is ACKed (and not processed again)");

        storedTransaction = "another-transaction";
        DoorAnswer answer = sendSigned(search());
        assertEquals(400, answer.status());
        assertEquals("$.context.message_id", error(answer).get("paths").asText());
    }

    @Test
    void refuses_a_body_over_the_limit_before_reading_it_as_json() throws Exception {
        DoorAnswer answer = send("search", new byte[16_385], "Signature x", null);
        assertEquals(413, answer.status());
        assertEquals("30000", error(answer).get("code").asText());
        assertTrue(stored.isEmpty());
    }

    @Test
    void refuses_an_unknown_action_at_the_action_path() throws Exception {
        DoorAnswer answer = send("on_search", "{}".getBytes(StandardCharsets.UTF_8), "Signature x", null);
        assertEquals(400, answer.status());
        assertEquals("$.context.action", error(answer).get("paths").asText());
    }

    @Test
    void challenges_an_unsigned_request_and_one_signed_by_a_key_the_registry_does_not_know() throws Exception {
        byte[] raw = search().toString().getBytes(StandardCharsets.UTF_8);
        DoorAnswer unsigned = send("search", raw, null, null);
        assertEquals(401, unsigned.status());
        assertTrue(unsigned.headers().get("WWW-Authenticate").contains("realm=\"bpp.us\""));
        assertNull(JSON.readTree(unsigned.body()).get("error"), "a 401 tells nothing more than NACK");

        HttpSigner stranger = new HttpSigner(BAP, "k2", Ed25519Keys.generate().getPrivate(), Clock.systemUTC());
        assertEquals(401, send("search", raw, stranger.authorization(raw, 60), null).status());

        HttpSigner forger = new HttpSigner(BAP, "k1", Ed25519Keys.generate().getPrivate(), Clock.systemUTC());
        assertEquals(401, send("search", raw, forger.authorization(raw, 60), null).status(), "right key id, wrong key");
        assertTrue(stored.isEmpty());
    }

    @Test
    void a_body_changed_after_signing_is_refused() throws Exception {
        byte[] raw = search().toString().getBytes(StandardCharsets.UTF_8);
        String signature = bap.authorization(raw, 60);
        byte[] changed = new String(raw, StandardCharsets.UTF_8).replace("std:080", "std:011")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(401, send("search", changed, signature, null).status());
    }

    @Test
    void answers_503_with_retry_after_when_the_registry_is_down() throws Exception {
        registryDown = true;
        DoorAnswer answer = sendSigned(search());
        assertEquals(503, answer.status());
        assertEquals("5", answer.headers().get("Retry-After"));
        assertEquals("40000", error(answer).get("code").asText());
        assertTrue(stored.isEmpty());
    }

    @Test
    void refuses_what_is_not_json_or_gives_a_key_twice() throws Exception {
        byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
        DoorAnswer answer = send("search", notJson, bap.authorization(notJson, 60), null);
        assertEquals(400, answer.status());
        assertEquals("$", error(answer).get("paths").asText());

        byte[] twice = "{\"context\":{},\"context\":{}}".getBytes(StandardCharsets.UTF_8);
        DoorAnswer duplicate = send("search", twice, bap.authorization(twice, 60), null);
        assertEquals(400, duplicate.status());
        assertTrue(error(duplicate).get("message").asText().contains("twice"));
    }

    @Test
    void names_the_schema_path_at_fault() throws Exception {
        ObjectNode body = search();
        ((ObjectNode) body.get("context")).put("ttl", 30);
        DoorAnswer answer = sendSigned(body);
        assertEquals(400, answer.status());
        assertEquals("30000", error(answer).get("code").asText());
        assertTrue(error(answer).get("paths").asText().contains("$.context.ttl"), answer.bodyText());
    }

    @Test
    void refuses_a_bap_uri_outside_the_address_the_registry_gives_the_signer() throws Exception {
        ObjectNode body = search();
        ((ObjectNode) body.get("context")).put("bap_uri", "https://attacker.example/cb");
        DoorAnswer answer = sendSigned(body);
        assertEquals(400, answer.status());
        assertEquals("$.context.bap_uri", error(answer).get("paths").asText());
        assertTrue(stored.isEmpty(), "nothing to call back at an address that is not the BAP's");
    }

    @Test
    void an_action_this_service_does_not_own_is_not_applicable() throws Exception {
        handler = null;
        DoorAnswer answer = sendSigned(search());
        assertEquals(501, answer.status());
        assertEquals(ErrorCode.ACTION_NOT_APPLICABLE.code(), error(answer).get("code").asText());
    }

    @Test
    void the_handlers_own_check_answers_with_its_code_and_path() throws Exception {
        handler = handler(r -> {
            throw new BecknException(ErrorCode.INVALID_REQUEST, "$.message.intent.fulfillment.stops[0].location.gps",
                    "not a coordinate");
        });
        DoorAnswer answer = sendSigned(search());
        assertEquals(400, answer.status());
        assertEquals("$.message.intent.fulfillment.stops[0].location.gps", error(answer).get("paths").asText());
        assertTrue(stored.isEmpty());
    }

    @Test
    void a_gateway_signature_counts_only_from_a_registered_gateway() throws Exception {
        byte[] raw = search().toString().getBytes(StandardCharsets.UTF_8);
        assertTrue(send("search", raw, bap.authorization(raw, 60), gateway.authorization(raw, 60)).acked());

        HttpSigner bapAsGateway = new HttpSigner(BAP, "k1", BAP_KEYS.getPrivate(), Clock.systemUTC());
        DoorAnswer answer = send("search", raw, bap.authorization(raw, 60), bapAsGateway.authorization(raw, 60));
        assertEquals(401, answer.status());
        assertTrue(answer.headers().containsKey("Proxy-Authenticate"));
        assertFalse(answer.acked());
    }

    /** The door with these limits, on the test's clock. */
    private void limits(RateLimits.Limit perBap, RateLimits.Limit global) {
        pipeline.limits = new RateLimits(new RateLimits.Settings(perBap, Map.of(), global, 100),
                () -> clock.now.getEpochSecond() * 1_000_000_000L + clock.now.getNano());
    }

    @Test
    void over_its_limit_a_bap_gets_429_a_nack_and_retry_after_and_nothing_is_stored() throws Exception {
        limits(new RateLimits.Limit(0.5, 2), RateLimits.Limit.OFF);
        assertTrue(sendSigned(search()).acked());
        assertTrue(sendSigned(search()).acked());

        DoorAnswer answer = sendSigned(search());

        assertEquals(429, answer.status());
        assertEquals(ErrorCode.BUSINESS_ERROR.code(), error(answer).get("code").asText());
        assertTrue(error(answer).get("message").asText().contains("too many requests"), answer.bodyText());
        assertEquals("2", answer.headers().get("Retry-After"), "one token comes back every 2 s");
        assertEquals(2, stored.size(), "nothing stored for the 429");
        assertEquals(List.of(200, 200, 429), measured);
        assertEquals(List.of("bap"), limited);

        clock.now = clock.now.plusSeconds(2);
        assertTrue(sendSigned(search()).acked(), "taken again once a token is back");
    }

    @Test
    void a_bap_already_over_its_limit_is_refused_before_its_signature_is_checked() throws Exception {
        limits(new RateLimits.Limit(1, 1), RateLimits.Limit.OFF);
        assertTrue(sendSigned(search()).acked());
        byte[] raw = search().toString().getBytes(StandardCharsets.UTF_8);
        HttpSigner forger = new HttpSigner(BAP, "k1", Ed25519Keys.generate().getPrivate(), Clock.systemUTC());

        DoorAnswer answer = send("search", raw, forger.authorization(raw, 60), null);

        assertEquals(429, answer.status(), "the bucket is empty: no signature is checked, whoever sent it");
        assertEquals("1", answer.headers().get("Retry-After"));
        clock.now = clock.now.plusSeconds(1);
        assertEquals(401, send("search", raw, forger.authorization(raw, 60), null).status(),
                "with a token back the forgery is checked, and refused");
        assertTrue(sendSigned(search()).acked(), "and spent nothing of the BAP's bucket");
    }

    @Test
    void the_early_refusal_before_the_body_is_read_is_the_doors_429_and_only_for_a_drained_bucket() throws Exception {
        limits(new RateLimits.Limit(1, 1), RateLimits.Limit.OFF);
        byte[] raw = search().toString().getBytes(StandardCharsets.UTF_8);
        HttpSigner forger = new HttpSigner(BAP, "k1", Ed25519Keys.generate().getPrivate(), Clock.systemUTC());
        assertNull(pipeline.refusedUnread("search", forger.authorization(raw, 60)),
                "a full bucket refuses nothing early, whoever names it");
        assertTrue(sendSigned(search()).acked());

        DoorAnswer early = pipeline.refusedUnread("search", forger.authorization(raw, 60));

        assertEquals(429, early.status());
        assertEquals("1", early.headers().get("Retry-After"));
        assertEquals(ErrorCode.BUSINESS_ERROR.code(), error(early).get("code").asText());
        assertEquals(sendSigned(search()).bodyText(), early.bodyText(), "the same answer the door gives");
        assertNull(pipeline.refusedUnread("on_search", bap.authorization(raw, 60)), "not a Beckn action of ours");
        assertNull(pipeline.refusedUnread("search", null), "unsigned: the door answers 401");
        assertNull(pipeline.refusedUnread("search", "Signature garbage"), "names nobody");
        assertEquals(1, stored.size());
    }

    @Test
    void a_number_too_large_for_a_double_is_a_nack_at_its_path_not_a_500() throws Exception {
        ObjectNode body = search();
        String raw = body.toString().replace("\"action\":\"search\"", "\"action\":1e400");

        DoorAnswer answer = send("search", raw.getBytes(StandardCharsets.UTF_8),
                bap.authorization(raw.getBytes(StandardCharsets.UTF_8), 60), null);

        assertEquals(400, answer.status(), answer.bodyText());
        assertEquals("$.context.action", error(answer).get("paths").asText());
        assertTrue(stored.isEmpty());
    }

    @Test
    void a_request_that_cannot_be_stored_is_not_acked_but_answered_503_to_retry() throws Exception {
        pipeline.writer = new InboxWriter() {

            public boolean store(Accepted row) {
                throw new jakarta.persistence.PersistenceException("inbox insert failed",
                        new java.sql.SQLNonTransientConnectionException("Socket error"));
            }
        };

        DoorAnswer answer = sendSigned(search());

        assertEquals(503, answer.status());
        assertEquals(ErrorCode.BUSINESS_ERROR.code(), error(answer).get("code").asText());
        assertEquals("2", answer.headers().get("Retry-After"));
        assertTrue(!answer.bodyText().contains("Exception"), answer.bodyText());
    }

    @Test
    void only_a_verified_signer_spends_a_bucket_and_other_baps_keep_theirs() throws Exception {
        limits(new RateLimits.Limit(1, 1), RateLimits.Limit.OFF);
        byte[] raw = search().toString().getBytes(StandardCharsets.UTF_8);
        HttpSigner forger = new HttpSigner(BAP, "k1", Ed25519Keys.generate().getPrivate(), Clock.systemUTC());
        for (int i = 0; i < 5; i++) {
            assertEquals(401, send("search", raw, forger.authorization(raw, 60), null).status());
        }
        assertTrue(sendSigned(search()).acked(), "forged requests in the BAP's name spent nothing of its bucket");
        assertEquals(429, sendSigned(search()).status());

        KeyPair otherKeys = Ed25519Keys.generate();
        register("other-bap.com", "o1", "BAP", "https://api.other-bap.com/bap", otherKeys);
        HttpSigner other = new HttpSigner("other-bap.com", "o1", otherKeys.getPrivate(), Clock.systemUTC());
        ObjectNode body = search();
        ((ObjectNode) body.get("context")).put("bap_id", "other-bap.com").put("bap_uri",
                "https://api.other-bap.com/bap");
        byte[] otherRaw = body.toString().getBytes(StandardCharsets.UTF_8);
        assertTrue(send("search", otherRaw, other.authorization(otherRaw, 60), null).acked(),
                "another BAP has its own bucket");
    }

    @Test
    void the_services_limit_answers_429_too_and_spends_nothing_of_the_bap() throws Exception {
        limits(new RateLimits.Limit(10, 10), new RateLimits.Limit(1, 1));
        assertTrue(sendSigned(search()).acked());
        DoorAnswer answer = sendSigned(search());
        assertEquals(429, answer.status());
        assertEquals("1", answer.headers().get("Retry-After"));
        assertTrue(error(answer).get("message").asText().contains("all BAPs together"), answer.bodyText());
        assertEquals(List.of("service"), limited);
        assertEquals(1, stored.size());
    }

    @Test
    void a_request_refused_for_its_size_or_signature_is_refused_as_before_with_the_limits_on() throws Exception {
        limits(new RateLimits.Limit(1, 1), new RateLimits.Limit(1, 1));
        assertEquals(413, send("search", new byte[16_385], "Signature x", null).status());
        assertEquals(401, send("search", search().toString().getBytes(StandardCharsets.UTF_8), null, null).status());
        assertTrue(sendSigned(search()).acked(), "neither spent a token");
    }
}
