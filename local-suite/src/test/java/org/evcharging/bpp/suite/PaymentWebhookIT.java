package org.evcharging.bpp.suite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * payment-service's webhook through the ingress, as the sandbox gateway (or an attacker) would call it: only an
 * event signed with the shared secret, recent, for a known payment of the right amount changes anything, and a
 * repeated event is answered without paying twice. The secret is the suite's (its work dir), as a gateway holds it.
 */
class PaymentWebhookIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalSuite suite;
    private static byte[] secret;

    @BeforeAll
    static void start() throws Exception {
        suite = SharedSuite.get();
        secret = Files.readString(suite.workDir().resolve("payment-webhook-secret")).trim()
                .getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode link(String orderRef, String amount) throws Exception {
        HttpResponse<String> r = CatalogFixtures.internal(suite, "payment", "POST", "/internal/payments/v1/links",
                suite.tokens().operator(),
                "{\"orderRef\":\"" + orderRef + "\",\"amount\":\"" + amount + "\",\"currency\":\"INR\"}");
        assertEquals(201, r.statusCode(), r.body());
        return CatalogFixtures.json(r);
    }

    private static String event(String eventId, String paymentId, String amount) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"payment.captured\",\"paymentId\":\"" + paymentId
                + "\",\"gatewayRef\":\"sbx_pay_it\",\"amount\":\"" + amount + "\",\"currency\":\"INR\",\"createdAt\":"
                + System.currentTimeMillis() / 1000 + "}";
    }

    private static String signature(long t, String body, byte[] key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return "t=" + t + ",v1="
                + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> webhook(String body, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(suite.ingressUrl() + "/payments/v1/webhooks/sandbox"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            b.header("X-Sandbox-Signature", signature);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ledger(String orderRef) throws Exception {
        return CatalogFixtures.json(CatalogFixtures.internal(suite, "payment", "GET",
                "/internal/payments/v1/orders/" + orderRef, suite.tokens().operator(), null));
    }

    @Test
    void only_a_recent_event_signed_with_the_secret_pays_and_a_repeat_pays_nothing_more() throws Exception {
        String order = "it-webhook-" + UUID.randomUUID();
        String paymentId = link(order, "47.20").path("paymentId").asText();
        long now = System.currentTimeMillis() / 1000;
        String body = event(UUID.randomUUID().toString(), paymentId, "47.20");

        assertEquals(401, webhook(body, null).statusCode(), "unsigned");
        assertEquals(401,
                webhook(body, signature(now, body, "not-the-secret".getBytes(StandardCharsets.UTF_8))).statusCode(),
                "forged");
        assertEquals(401, webhook(body, signature(now - 600, body, secret)).statusCode(),
                "a capture replayed ten minutes on");
        assertEquals(401, webhook(body.replace("47.20", "4.72"), signature(now, body, secret)).statusCode(),
                "body changed after signing");
        assertEquals("NOT-PAID", ledger(order).path("status").asText(), "nothing changed");

        HttpResponse<String> paid = webhook(body, signature(now, body, secret));
        assertEquals(200, paid.statusCode(), paid.body());
        assertEquals("PAID", ledger(order).path("status").asText());
        assertEquals("47.20", ledger(order).path("paid").asText());

        HttpResponse<String> again = webhook(body, signature(now + 1, body, secret));
        assertEquals(200, again.statusCode());
        assertTrue(again.body().contains("duplicate"), again.body());
        JsonNode ledger = ledger(order);
        assertEquals("47.20", ledger.path("paid").asText(), "paid once");
        int payments = 0;
        for (JsonNode e : ledger.path("entries")) {
            payments += "PAYMENT".equals(e.path("type").asText()) ? 1 : 0;
        }
        assertEquals(1, payments, ledger.toString());
    }

    /**
     * A capture the sandbox took whose report neither got through nor could be given up (the database died in
     * between, as in the fault run) is reported again by the sandbox, as a provider retries its webhook, and booked
     * once.
     */
    @Test
    void a_capture_whose_report_was_lost_is_reported_again_and_booked_once() throws Exception {
        String order = "it-webhook-" + UUID.randomUUID();
        String paymentId = link(order, "61.30").path("paymentId").asText();
        try (java.sql.Connection c = suite.openDb("payment");
                java.sql.PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO sandbox_capture (payment_id, event_id, taken_at) VALUES (?, ?, ?)")) {
            ps.setString(1, paymentId);
            ps.setString(2, UUID.randomUUID().toString());
            ps.setObject(3, java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1));
            ps.executeUpdate();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "61.30".equals(ledger(order).path("paid").asText()));
        Thread.sleep(20_000); // another sweep or two: still booked once
        JsonNode ledger = ledger(order);
        assertEquals("61.30", ledger.path("paid").asText(), ledger.toString());
    }

    @Test
    void an_event_for_an_unknown_payment_is_404_and_a_wrong_amount_is_refused() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String unknown = event(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "10.00");
        assertEquals(404, webhook(unknown, signature(now, unknown, secret)).statusCode());

        String order = "it-webhook-" + UUID.randomUUID();
        String paymentId = link(order, "10.00").path("paymentId").asText();
        String less = event(UUID.randomUUID().toString(), paymentId, "1.00");
        assertEquals(422, webhook(less, signature(now, less, secret)).statusCode());
        assertEquals("NOT-PAID", ledger(order).path("status").asText());
    }

    @Test
    void a_refund_is_made_once_per_refund_id_and_never_beyond_what_was_paid() throws Exception {
        String order = "it-refund-" + UUID.randomUUID();
        String paymentId = link(order, "50.00").path("paymentId").asText();
        String body = event(UUID.randomUUID().toString(), paymentId, "50.00");
        assertEquals(200, webhook(body, signature(System.currentTimeMillis() / 1000, body, secret)).statusCode());
        String refund = "{\"refundId\":\"r-" + order + "\",\"amount\":\"20.00\",\"reason\":\"test\"}";
        assertEquals(201, CatalogFixtures.internal(suite, "payment", "POST",
                "/internal/payments/v1/orders/" + order + "/refunds", suite.tokens().operator(), refund).statusCode());
        assertEquals(200,
                CatalogFixtures.internal(suite, "payment", "POST", "/internal/payments/v1/orders/" + order + "/refunds",
                        suite.tokens().operator(), refund).statusCode(),
                "the same refund id again: answered, not refunded twice");
        assertEquals("30.00", ledger(order).path("balance").asText());
        assertEquals(409,
                CatalogFixtures.internal(suite, "payment", "POST", "/internal/payments/v1/orders/" + order + "/refunds",
                        suite.tokens().operator(),
                        "{\"refundId\":\"r2-" + order + "\",\"amount\":\"30.01\"}").statusCode(),
                "more than is left");
        assertEquals(401, CatalogFixtures.internal(suite, "payment", "POST", "/internal/payments/v1/links", null,
                "{\"orderRef\":\"x\",\"amount\":\"1.00\",\"currency\":\"INR\"}").statusCode(),
                "the internal API needs a token");
    }

    @Test
    void a_payment_on_a_link_that_was_replaced_is_given_back_in_full_by_itself_once() throws Exception {
        String order = "it-replaced-" + UUID.randomUUID();
        String old = link(order, "40.00").path("paymentId").asText();
        String current = link(order, "30.00").path("paymentId").asText(); // the amount changed: a new link, the old one cancelled
        long now = System.currentTimeMillis() / 1000;
        String late = event(UUID.randomUUID().toString(), old, "40.00");
        assertEquals(200, webhook(late, signature(now, late, secret)).statusCode(), "the money moved: it is booked");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> ledger(order).path("refunded").asText().equals("40.00"));
        JsonNode ledger = ledger(order);
        assertEquals("0.00", ledger.path("balance").asText(), ledger.toString());
        assertEquals("0.00", ledger.path("refundable").asText(), "none of it was the order's");
        JsonNode refund = null;
        for (JsonNode e : ledger.path("entries")) {
            if ("REFUND".equals(e.path("type").asText())) {
                refund = e;
            }
        }
        assertEquals("returned-" + old, refund.path("id").asText(), ledger.toString());
        assertEquals("REFUNDED", refund.path("status").asText());
        HttpResponse<String> again = CatalogFixtures.internal(suite, "payment", "POST", "/internal/payments/v1/links",
                suite.tokens().operator(),
                "{\"orderRef\":\"" + order + "\",\"amount\":\"30.00\",\"currency\":\"INR\"}");
        assertTrue(again.statusCode() == 200 || again.statusCode() == 201,
                "the order is not paid by the replaced link (no 409): it gets a link to pay, " + again.body());
        current = CatalogFixtures.json(again).path("paymentId").asText();

        String paid = event(UUID.randomUUID().toString(), current, "30.00");
        assertEquals(200, webhook(paid, signature(now, paid, secret)).statusCode());
        ledger = ledger(order);
        assertEquals("30.00", ledger.path("refundable").asText(), ledger.toString());
        assertEquals("30.00", ledger.path("balance").asText());
        // for more than a sweep (every 10 s), nothing more goes back
        await("given back once").during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    JsonNode atGateway = CatalogFixtures.json(CatalogFixtures.call(suite, "GET",
                            "/payments/v1/sandbox/refunds?orderRef=" + order, suite.tokens().operator(), null));
                    assertEquals(1, atGateway.size(), "given back once at the gateway: " + atGateway);
                    assertEquals("40.00", ledger(order).path("refunded").asText());
                });
    }

    @Test
    void an_expired_link_is_replaced_too_and_money_arriving_on_it_later_is_given_back() throws Exception {
        String order = "it-expired-" + UUID.randomUUID();
        Instant expires = Instant.now().plusSeconds(2);
        HttpResponse<String> shortLived = CatalogFixtures.internal(suite, "payment", "POST",
                "/internal/payments/v1/links", suite.tokens().operator(),
                "{\"orderRef\":\"" + order + "\",\"amount\":\"12.00\",\"currency\":\"INR\",\"expiresAt\":\""
                        + expires + "\"}");
        assertEquals(201, shortLived.statusCode(), shortLived.body());
        String old = CatalogFixtures.json(shortLived).path("paymentId").asText();
        await("the first link's expiry").atMost(Duration.ofSeconds(10))
                .until(() -> Instant.now().isAfter(expires.plusMillis(500)));
        String current = link(order, "15.00").path("paymentId").asText();
        JsonNode links = ledger(order).path("links");
        for (JsonNode l : links) {
            assertEquals(l.path("paymentId").asText().equals(old) ? "CANCELLED" : "NOT-PAID", l.path("status").asText(),
                    links.toString());
        }
        long now = System.currentTimeMillis() / 1000;
        String late = event(UUID.randomUUID().toString(), old, "12.00");
        assertEquals(200, webhook(late, signature(now, late, secret)).statusCode());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> ledger(order).path("refunded").asText().equals("12.00"));
        assertEquals("0.00", ledger(order).path("refundable").asText());
        String paid = event(UUID.randomUUID().toString(), current, "15.00");
        assertEquals(200, webhook(paid, signature(now, paid, secret)).statusCode());
        assertEquals("15.00", ledger(order).path("refundable").asText());
    }
}
