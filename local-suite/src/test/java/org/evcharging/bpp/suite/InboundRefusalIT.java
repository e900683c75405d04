package org.evcharging.bpp.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.evcharging.bpp.core.signing.Ed25519Keys;
import org.evcharging.bpp.core.signing.HttpSigner;
import org.evcharging.bpp.suite.bap.BapClient;
import org.evcharging.bpp.suite.registry.RegistryEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input at the door, through the real ingress to catalog-service on Liberty with MariaDB: every refusal is a
 * clean Beckn NACK with the right HTTP status, code and paths, and nothing refused is stored or processed.
 * The network registry is the suite's local one (a stand-in for the real registry, which lies outside the project).
 */
class InboundRefusalIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @RegisterExtension
    static final DemoBap DEMO = new DemoBap();

    private static byte[] bytes(ObjectNode request) throws Exception {
        return JSON.writeValueAsBytes(request);
    }

    private static HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(DEMO.suite().ingressUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertUnauthorized(HttpResponse<String> r, String challengeHeader) {
        assertEquals(401, r.statusCode(), r.body());
        assertEquals("{\"message\":{\"ack\":{\"status\":\"NACK\"}}}", r.body());
        assertEquals(
                "Signature realm=\"" + DEMO.suite().bppSubscriberId() + "\",headers=\"(created) (expires) digest\"",
                r.headers().firstValue(challengeHeader).orElse("missing " + challengeHeader));
    }

    private static JsonNode assertNack(HttpResponse<String> r, int status, String code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("NACK", body.at("/message/ack/status").asText(), r.body());
        assertEquals(code, body.at("/error/code").asText(), r.body());
        assertTrue(!r.body().contains("Exception") && !r.body().contains("\tat "), "no stack trace: " + r.body());
        return body;
    }

    /** A signed search with {@code context.<field> = value} is refused with 400 / 30000 naming {@code path}. */
    private static void assertContextRefused(String field, String value, String path) throws Exception {
        ObjectNode request = DEMO.search();
        ((ObjectNode) request.get("context")).put(field, value);
        byte[] body = bytes(request);
        JsonNode nack = assertNack(post("/search", body, Map.of("Authorization", DEMO.bap().authorizationFor(body))),
                400, "30000");
        assertEquals(path, nack.at("/error/paths").asText());
        assertEquals(0, inboxRows(request.at("/context/message_id").asText()));
    }

    private static int inboxRows(String messageId) throws Exception {
        try (Connection c = DEMO.suite().openDb("catalog");
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM beckn_inbox WHERE message_id = ?")) {
            ps.setString(1, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void unsignedIsRefusedWithAChallengeAndNothingIsStored() throws Exception {
        ObjectNode request = DEMO.search();
        assertUnauthorized(post("/search", bytes(request), Map.of()), "WWW-Authenticate");
        assertEquals(0, inboxRows(request.at("/context/message_id").asText()));
    }

    @Test
    void wronglySignedIsRefused() throws Exception {
        ObjectNode request = DEMO.search();
        byte[] body = bytes(request);
        HttpSigner impostor = new HttpSigner(DEMO.bap().subscriberId(), DEMO.suite().demoBap().keyId(),
                Ed25519Keys.generate().getPrivate(), java.time.Clock.systemUTC());
        assertUnauthorized(post("/search", body, Map.of("Authorization", impostor.authorization(body, 30))),
                "WWW-Authenticate");
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("12.9716", "12.9717")
                .getBytes(StandardCharsets.UTF_8);
        assertUnauthorized(post("/search", tampered, Map.of("Authorization", DEMO.bap().authorizationFor(body))),
                "WWW-Authenticate");
        assertEquals(0, inboxRows(request.at("/context/message_id").asText()));
    }

    @Test
    void expiredAndFutureDatedSignaturesAreRefused() throws Exception {
        byte[] body = bytes(DEMO.search());
        long now = Instant.now().getEpochSecond();
        assertUnauthorized(
                post("/search", body, Map.of("Authorization", DEMO.bap().sign(body, now - 600, now - 300).format())),
                "WWW-Authenticate");
        assertUnauthorized(
                post("/search", body, Map.of("Authorization", DEMO.bap().sign(body, now + 300, now + 600).format())),
                "WWW-Authenticate");
    }

    @Test
    void aSignerOtherThanTheBapIsRefused() throws Exception {
        KeyPair other = Ed25519Keys.generate();
        DEMO.suite().registry()
                .put(RegistryEntry.subscribed("other-bap.localhost", "other-key", "BAP", "http://localhost:1/bap",
                        Ed25519Keys.rawPublicBase64(other.getPublic()),
                        OffsetDateTime.now(ZoneOffset.UTC).minusDays(1),
                        OffsetDateTime.now(ZoneOffset.UTC).plusDays(1)));
        byte[] body = bytes(DEMO.search());
        HttpSigner otherSigner = new HttpSigner("other-bap.localhost", "other-key", other.getPrivate(),
                java.time.Clock.systemUTC());
        assertUnauthorized(post("/search", body, Map.of("Authorization", otherSigner.authorization(body, 30))),
                "WWW-Authenticate");
    }

    @Test
    void aBadGatewaySignatureIsRefusedWithProxyAuthenticate() throws Exception {
        byte[] body = bytes(DEMO.search());
        HttpSigner fakeGateway = new HttpSigner("gateway.localhost", "g1", Ed25519Keys.generate().getPrivate(),
                java.time.Clock.systemUTC());
        assertUnauthorized(post("/search", body, Map.of("Authorization", DEMO.bap().authorizationFor(body),
                "X-Gateway-Authorization", fakeGateway.authorization(body, 30))), "Proxy-Authenticate");
        // The JDK client drops Proxy-Authorization when it talks to no proxy: this one goes over a plain socket.
        URI ingress = URI.create(DEMO.suite().ingressUrl());
        try (java.net.Socket socket = new java.net.Socket(ingress.getHost(), ingress.getPort())) {
            String head = "POST /search HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: " + DEMO.bap().authorizationFor(body) + "\r\n"
                    + "Proxy-Authorization: " + fakeGateway.authorization(body, 30) + "\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 401"), response);
            assertTrue(response.contains("Proxy-Authenticate: Signature realm=\"" + DEMO.suite().bppSubscriberId()
                    + "\",headers=\"(created) (expires) digest\""), response);
        }
    }

    @Test
    void aRegisteredGatewaySignatureIsAccepted() throws Exception {
        KeyPair gw = Ed25519Keys.generate();
        DEMO.suite().registry()
                .put(RegistryEntry.subscribed("gateway.localhost", "gw-key", "BG", "http://localhost:1/bg",
                        Ed25519Keys.rawPublicBase64(gw.getPublic()),
                        OffsetDateTime.now(ZoneOffset.UTC).minusDays(1),
                        OffsetDateTime.now(ZoneOffset.UTC).plusDays(1)));
        byte[] body = bytes(DEMO.search());
        HttpSigner gateway = new HttpSigner("gateway.localhost", "gw-key", gw.getPrivate(),
                java.time.Clock.systemUTC());
        HttpResponse<String> r = post("/search", body, Map.of("Authorization", DEMO.bap().authorizationFor(body),
                "X-Gateway-Authorization", gateway.authorization(body, 30)));
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void notJsonIsRefused() throws Exception {
        byte[] body = "this is not json".getBytes(StandardCharsets.UTF_8);
        JsonNode nack = assertNack(post("/search", body, Map.of("Authorization", DEMO.bap().authorizationFor(body))),
                400, "30000");
        assertEquals("$", nack.at("/error/paths").asText());
    }

    @Test
    void schemaInvalidNamesThePathsAtFault() throws Exception {
        ObjectNode request = DEMO.search();
        ((ObjectNode) request.get("context")).put("timestamp", "yesterday");
        ((ObjectNode) request.at("/message/intent/fulfillment/stops/0/location")).put("gps", "north pole");
        byte[] body = bytes(request);
        JsonNode nack = assertNack(post("/search", body, Map.of("Authorization", DEMO.bap().authorizationFor(body))),
                400, "30000");
        String paths = nack.at("/error/paths").asText();
        assertTrue(paths.contains("$.context.timestamp"), paths);
        assertTrue(paths.contains("$.message.intent.fulfillment.stops[0].location.gps"), paths);
        assertEquals(0, inboxRows(request.at("/context/message_id").asText()));
    }

    @Test
    void anUnknownActionIsRefused() throws Exception {
        ObjectNode request = DEMO.search();
        ((ObjectNode) request.get("context")).put("action", "teleport");
        byte[] body = bytes(request);
        JsonNode nack = assertNack(post("/teleport", body, Map.of("Authorization", DEMO.bap().authorizationFor(body))),
                404, "30000");
        assertEquals("$.context.action", nack.at("/error/paths").asText());
        // And at the service itself, behind the ingress:
        HttpResponse<String> direct = HTTP.send(
                HttpRequest.newBuilder(URI.create(DEMO.suite().serviceUrl("catalog") + "/teleport"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .header("Authorization", DEMO.bap().authorizationFor(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertNack(direct, 400, "30000");
    }

    @Test
    void anActionThatDoesNotMatchThePathIsRefused() throws Exception {
        assertContextRefused("action", "select", "$.context.action");
    }

    @Test
    void aWrongDomainIsRefused() throws Exception {
        assertContextRefused("domain", "ONDC:RET10", "$.context.domain");
    }

    @Test
    void aBppIdOfSomeoneElseIsRefused() throws Exception {
        assertContextRefused("bpp_id", "another-bpp.example", "$.context.bpp_id");
    }

    @Test
    void anExpiredTtlIsRefused() throws Exception {
        ObjectNode request = DEMO.search();
        ((ObjectNode) request.get("context"))
                .put("timestamp", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(2).toString())
                .put("ttl", "PT30S");
        byte[] body = bytes(request);
        JsonNode nack = assertNack(post("/search", body, Map.of("Authorization", DEMO.bap().authorizationFor(body))),
                400, "30000");
        assertEquals("$.context.ttl", nack.at("/error/paths").asText());
    }

    @Test
    void aMessageIdReusedForAnotherTransactionIsRefusedNotSilentlyDropped() throws Exception {
        ObjectNode first = DEMO.search();
        assertTrue(DEMO.bap().sendRequest("search", first).acked());
        ObjectNode second = DEMO.search();
        ((ObjectNode) second.get("context")).put("message_id", first.at("/context/message_id").asText());
        byte[] body = bytes(second);
        JsonNode nack = assertNack(post("/search", body, Map.of("Authorization", DEMO.bap().authorizationFor(body))),
                400, "30000");
        assertEquals("$.context.message_id", nack.at("/error/paths").asText());
    }

    @Test
    void anOversizedBodyIsRefusedWith413() throws Exception {
        ObjectNode request = DEMO.search();
        ((ObjectNode) request.at("/message/intent")).putObject("tags").put("padding", "x".repeat(300_000));
        byte[] body = bytes(request);
        assertNack(post("/search", body, Map.of("Authorization", DEMO.bap().authorizationFor(body))), 413, "30000");
    }

    @Test
    void theWorkflowDocumentsOwnSearchExampleIsAcked() throws Exception {
        ObjectNode example = (ObjectNode) JSON.readTree(Files.readString(
                Path.of("../beckn-core/src/test/resources/workflow-examples/01-search.json")));
        String id = UUID.randomUUID().toString();
        ((ObjectNode) example.get("context")).put("bap_id", DEMO.bap().subscriberId())
                .put("bap_uri", DEMO.bap().bapUri())
                .put("transaction_id", id).put("message_id", id).put("timestamp", Instant.now().toString());
        BapClient.Sent sent = DEMO.bap().sendRequest("search", example);
        assertTrue(sent.acked(), sent.body());
        assertTrue(DEMO.bap().awaitCallback(id, "on_search", java.time.Duration.ofSeconds(20)).verified());
    }
}
