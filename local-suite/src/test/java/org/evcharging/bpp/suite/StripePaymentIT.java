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
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.evcharging.bpp.payment.infrastructure.gateway.stripe.StripeStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * payment-service with {@code payment.gateway=stripe}, on Liberty and MariaDB behind the local ingress, against
 * {@link StripeStub}: a local stand-in serving Stripe's documented API, the one mock here (Stripe is outside the
 * project). A link opens one Checkout Session however often it is shown; a signed {@code checkout.session.completed}
 * through the ingress pays it, once; a refund reaches Stripe once under our refund id as its idempotency key.
 */
class StripePaymentIT {

    private static final String WEBHOOK_SECRET = "whsec_it_" + UUID.randomUUID().toString().replace("-", "");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static StripeStub stripe;
    private static LocalSuite suite;

    @BeforeAll
    static void start() throws Exception {
        stripe = new StripeStub();
        suite = LocalSuite.start(SuiteOptions.defaults()
                .workDir(Path.of("target/it-stripe"))
                .wipeWorkDir(true)
                .ingressPort(0)
                .dbPort(0)
                .freeServicePorts(true)
                .services(Set.of("payment"))
                .environment("payment", "PAYMENT_GATEWAY", "stripe")
                .environment("payment", "PAYMENT_STRIPE_SECRET_KEY", StripeStub.KEY)
                .environment("payment", "PAYMENT_STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET)
                .environment("payment", "PAYMENT_STRIPE_API_BASE", stripe.base()));
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
        if (stripe != null) {
            stripe.close();
        }
    }

    private static JsonNode internal(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> r = CatalogFixtures.internal(suite, "payment", method, path, suite.tokens().operator(),
                body);
        assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
        return CatalogFixtures.json(r);
    }

    /** What order-service asks for an order: a payment link for this amount in INR. */
    private static JsonNode link(String order, String amount) throws Exception {
        return internal("POST", "/internal/payments/v1/links",
                "{\"orderRef\":\"" + order + "\",\"amount\":\"" + amount + "\",\"currency\":\"INR\"}", 201);
    }

    /** A Checkout Session event as Stripe documents it, for our link. */
    private static String completed(String eventId, String paymentId, String intent, long amountPaise) {
        return "{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"2024-06-20\",\"created\":"
                + Instant.now().getEpochSecond() + ",\"livemode\":false,\"pending_webhooks\":1,"
                + "\"type\":\"checkout.session.completed\",\"data\":{\"object\":{\"id\":\"cs_test_it\","
                + "\"object\":\"checkout.session\",\"mode\":\"payment\",\"client_reference_id\":\"" + paymentId + "\","
                + "\"payment_intent\":\"" + intent + "\",\"amount_total\":" + amountPaise + ",\"currency\":\"inr\","
                + "\"payment_status\":\"paid\",\"status\":\"complete\",\"metadata\":{\"payment_link_id\":\""
                + paymentId + "\"}}}}";
    }

    private static HttpResponse<String> deliver(String path, String body, String secret) throws Exception {
        long t = Instant.now().getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "t=" + t + ",v1=" + HexFormat.of().formatHex(
                mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        return HTTP.send(HttpRequest.newBuilder(URI.create(suite.ingressUrl() + path))
                .header("Content-Type", "application/json").header("Stripe-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_link_is_paid_at_stripe_once_and_refunded_under_our_refund_id() throws Exception {
        String order = "it-stripe-" + UUID.randomUUID();
        JsonNode link = link(order, "150.00");
        String paymentId = link.path("paymentId").asText();
        String url = link.path("url").asText();
        assertTrue(url.startsWith("https://checkout.stripe.com/"), "the person pays on Stripe's page: " + link);

        // shown again (a reload, another device): the same session, none made twice
        assertEquals(url, internal("GET", "/internal/payments/v1/links/" + paymentId, null, 200).path("url").asText());
        List<StripeStub.Request> sessions = stripe.posts("/v1/checkout/sessions");
        assertEquals(1, stripe.sessionsMade.get(), sessions.toString());
        StripeStub.Request made = sessions.get(0);
        assertEquals(paymentId, made.form().get("client_reference_id"));
        assertEquals(paymentId, made.form().get("metadata[payment_link_id]"));
        assertEquals("15000", made.form().get("line_items[0][price_data][unit_amount]"), "paise");
        assertEquals("inr", made.form().get("line_items[0][price_data][currency]"));
        assertTrue(made.idempotencyKey() != null && made.idempotencyKey().contains(paymentId), made.toString());

        // Stripe reports the payment through the ingress: a forged signature changes nothing, the real one pays once
        String intent = "pi_it_" + UUID.randomUUID().toString().replace("-", "");
        String event = completed("evt_it_" + UUID.randomUUID().toString().replace("-", ""), paymentId, intent, 15000);
        assertEquals(401, deliver("/payments/v1/webhooks/stripe", event, "whsec_forged").statusCode());
        assertEquals(404, deliver("/payments/v1/webhooks/sandbox", event, WEBHOOK_SECRET).statusCode(),
                "the sandbox's endpoint is off with Stripe");
        HttpResponse<String> paid = deliver("/payments/v1/webhooks/stripe", event, WEBHOOK_SECRET);
        assertEquals(200, paid.statusCode(), paid.body());
        assertEquals("processed", CatalogFixtures.json(paid).path("status").asText());
        assertEquals("duplicate", CatalogFixtures.json(deliver("/payments/v1/webhooks/stripe", event, WEBHOOK_SECRET))
                .path("status").asText(), "Stripe retries a delivery: acted on once");
        JsonNode ledger = internal("GET", "/internal/payments/v1/orders/" + order, null, 200);
        assertEquals("PAID", ledger.path("status").asText(), ledger.toString());
        assertEquals("150.00", ledger.path("paid").asText());
        assertEquals(intent, ledger.at("/entries/0/gatewayRef").asText(), ledger.toString());

        // a refund reaches Stripe once, keyed by our refund id; asked again, the stored refund answers
        String refund = "{\"refundId\":\"r-" + order + "\",\"amount\":\"50.00\",\"reason\":\"slot not used\"}";
        internal("POST", "/internal/payments/v1/orders/" + order + "/refunds", refund, 201);
        internal("POST", "/internal/payments/v1/orders/" + order + "/refunds", refund, 200);
        List<StripeStub.Request> refunds = stripe.posts("/v1/refunds");
        assertEquals(1, refunds.size(), refunds.toString());
        assertEquals("r-" + order, refunds.get(0).idempotencyKey());
        assertEquals(intent, refunds.get(0).form().get("payment_intent"));
        assertEquals("5000", refunds.get(0).form().get("amount"));
        ledger = internal("GET", "/internal/payments/v1/orders/" + order, null, 200);
        assertEquals("50.00", ledger.path("refunded").asText(), ledger.toString());
        assertEquals("100.00", ledger.path("balance").asText(), ledger.toString());
    }

    @Test
    void a_replaced_link_s_checkout_is_closed_at_stripe() throws Exception {
        String order = "it-stripe-replaced-" + UUID.randomUUID();
        JsonNode first = link(order, "100.00");
        String firstId = first.path("paymentId").asText();
        String sessionId = first.path("url").asText().replaceAll("^https://checkout.stripe.com/c/pay/([^#]+).*$", "$1");
        assertEquals("open", stripe.sessionStatus(sessionId));

        // the user changed the booking: another amount replaces the link, and its Stripe page can no longer be paid
        JsonNode second = link(order, "120.00");
        assertTrue(!firstId.equals(second.path("paymentId").asText()), second.toString());
        await("the replaced link's session closed at Stripe after the replacement committed")
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> stripe.sessionStatus(sessionId), "expired"::equals);
        assertEquals(1, stripe.posts("/v1/checkout/sessions/" + sessionId + "/expire").size());
        assertEquals("CANCELLED", internal("GET", "/internal/payments/v1/links/" + firstId, null, 200)
                .path("status").asText());
    }
}
