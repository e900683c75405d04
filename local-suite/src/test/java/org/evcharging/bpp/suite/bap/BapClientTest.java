package org.evcharging.bpp.suite.bap;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.evcharging.bpp.core.signing.Ed25519Keys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which callbacks answer a request and which the BPP sent of its own accord, against a stand-in ingress that ACKs
 * everything; the callbacks are posted straight to the receiver (unsigned: recorded, but not verified).
 */
class BapClientTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HttpServer ingress;
    private BapClient bap;

    @BeforeEach
    void start() throws Exception {
        ingress = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        ingress.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                byte[] ack = "{\"message\":{\"ack\":{\"status\":\"ACK\"}}}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, ack.length);
                exchange.getResponseBody().write(ack);
            }
        });
        ingress.start();
        String url = "http://localhost:" + ingress.getAddress().getPort();
        bap = BapClient.start("bap.test", "k1", Ed25519Keys.generate().getPrivate(), 0, url, url + "/registry");
    }

    @AfterEach
    void stop() {
        bap.close();
        ingress.stop(0);
    }

    @Test
    void a_callback_with_a_message_id_we_never_sent_is_unsolicited() throws Exception {
        BapClient.Sent sent = bap.send("status", "t1", JsonNodeFactory.instance.objectNode().put("order_id", "o1"));
        assertTrue(sent.acked());
        callback("on_status", "t1", sent.messageId());
        callback("on_status", "t1", "m-milestone");
        callback("on_update", "t1", "m-ended");
        callback("on_status", "t2", "m-other");

        List<BapClient.Callback> ofT1 = bap.callbacksOf("t1");
        assertEquals(List.of(sent.messageId(), "m-milestone", "m-ended"),
                ofT1.stream().map(BapClient.Callback::messageId).toList());
        assertTrue(bap.solicited(ofT1.get(0)));
        assertFalse(bap.solicited(ofT1.get(1)));
        assertEquals(List.of("m-milestone", "m-ended"),
                bap.unsolicited("t1").stream().map(BapClient.Callback::messageId).toList());
        assertEquals(sent.messageId(),
                bap.awaitCallback(sent.messageId(), "on_status", Duration.ofSeconds(1)).messageId());
        assertEquals("m-milestone", bap.awaitUnsolicited("t1", "on_status", Duration.ofSeconds(1)).messageId());
        assertEquals("m-ended", bap.awaitUnsolicited("t1", "on_update", Duration.ofSeconds(1)).messageId());
    }

    @Test
    void a_waiter_is_woken_by_the_next_unsolicited_callback_it_has_not_seen() throws Exception {
        callback("on_status", "t1", "m25");
        Set<String> seen = Set.of("m25");
        CompletableFuture<BapClient.Callback> next = CompletableFuture.supplyAsync(
                () -> bap.awaitUnsolicited("t1", "on_status", c -> !seen.contains(c.messageId()),
                        Duration.ofSeconds(10)));
        await("must wait for a callback not seen yet").during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1))
                .until(() -> !next.isDone());
        callback("on_status", "t1", "m50");
        assertEquals("m50", next.get(5, TimeUnit.SECONDS).messageId());
    }

    @Test
    void none_in_time_fails_naming_what_arrived_and_poll_is_empty() throws Exception {
        callback("on_status", "t1", "m25");
        AssertionError none = assertThrows(AssertionError.class,
                () -> bap.awaitUnsolicited("t1", "on_cancel", Duration.ofMillis(100)));
        assertTrue(none.getMessage().contains("on_status/m25 (unsolicited, transaction t1)"), none.getMessage());
        assertTrue(bap.poll(c -> "on_cancel".equals(c.action()), Duration.ZERO).isEmpty());
    }

    private void callback(String action, String transactionId, String messageId) throws Exception {
        String body = "{\"context\":{\"action\":\"" + action + "\",\"transaction_id\":\"" + transactionId
                + "\",\"message_id\":\"" + messageId + "\",\"bpp_id\":\"bpp.test\"},\"message\":{}}";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(bap.bapUri() + "/" + action))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode(), "unsigned, so recorded but refused: " + r.body());
    }
}
