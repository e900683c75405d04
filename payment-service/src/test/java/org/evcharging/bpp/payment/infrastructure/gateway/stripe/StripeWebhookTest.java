package org.evcharging.bpp.payment.infrastructure.gateway.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.Stripe;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.evcharging.bpp.payment.infrastructure.gateway.WebhookEvent;
import org.evcharging.bpp.payment.infrastructure.gateway.WebhookRejectedException;
import org.junit.jupiter.api.Test;

/**
 * {@link StripeWebhook} on bodies shaped like Stripe's documented events, signed as Stripe signs them
 * ({@code t=<ts>,v1=<hex HMAC-SHA256(secret, ts + "." + body)>}). No mock: the signature is computed here.
 */
class StripeWebhookTest {

    private static final String SECRET = "whsec_test_secret";
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final long T = NOW.getEpochSecond();

    private final StripeWebhook webhook = new StripeWebhook(SECRET, Duration.ofSeconds(300),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void a_signed_completed_and_paid_session_is_a_capture_of_our_link() {
        String body = event("evt_1", "checkout.session.completed", "paid", Stripe.API_VERSION, true);
        WebhookEvent e = webhook.verify(Map.of("stripe-signature", sign(T, body)), bytes(body));

        assertEquals(new WebhookEvent("evt_1", WebhookEvent.Type.CAPTURED, "link-1", "pi_3Q", new BigDecimal("47.20"),
                "INR", Instant.ofEpochSecond(T - 5)), e);
    }

    @Test
    void an_event_of_another_api_version_is_read_all_the_same() {
        String body = event("evt_2", "checkout.session.async_payment_succeeded", "paid", "2020-08-27", true);
        WebhookEvent e = webhook.verify(Map.of("Stripe-Signature", sign(T, body)), bytes(body));
        assertEquals(WebhookEvent.Type.CAPTURED, e.type());
        assertEquals("link-1", e.paymentId());
        assertEquals(0, new BigDecimal("47.20").compareTo(e.amount()));
    }

    @Test
    void async_failure_and_expiry_are_failures() {
        for (String type : new String[] {"checkout.session.async_payment_failed", "checkout.session.expired"}) {
            String body = event("evt_f", type, "unpaid", Stripe.API_VERSION, true);
            WebhookEvent e = webhook.verify(Map.of("Stripe-Signature", sign(T, body)), bytes(body));
            assertEquals(WebhookEvent.Type.FAILED, e.type(), type);
            assertEquals("link-1", e.paymentId());
        }
    }

    @Test
    void a_completed_session_not_yet_paid_other_types_and_foreign_sessions_are_ignored() {
        String unpaid = event("evt_3", "checkout.session.completed", "unpaid", Stripe.API_VERSION, true);
        assertEquals(WebhookEvent.Type.OTHER, webhook.verify(Map.of("Stripe-Signature", sign(T, unpaid)),
                bytes(unpaid)).type());
        String foreign = event("evt_4", "checkout.session.completed", "paid", Stripe.API_VERSION, false);
        assertEquals(WebhookEvent.Type.OTHER, webhook.verify(Map.of("Stripe-Signature", sign(T, foreign)),
                bytes(foreign)).type());
        String charge = "{\"id\":\"evt_5\",\"object\":\"event\",\"api_version\":\"" + Stripe.API_VERSION + "\","
                + "\"created\":" + T + ",\"type\":\"charge.succeeded\",\"data\":{\"object\":{\"id\":\"ch_1\","
                + "\"object\":\"charge\",\"amount\":4720}}}";
        WebhookEvent other = webhook.verify(Map.of("Stripe-Signature", sign(T, charge)), bytes(charge));
        assertEquals(WebhookEvent.Type.OTHER, other.type());
        assertEquals("evt_5", other.eventId());
        assertNull(other.paymentId());
    }

    @Test
    void a_wrong_signature_is_rejected() {
        String body = event("evt_1", "checkout.session.completed", "paid", Stripe.API_VERSION, true);
        String header = sign(T, body);
        assertThrows(WebhookRejectedException.class,
                () -> webhook.verify(Map.of("Stripe-Signature", header), bytes(body.replace("4720", "1"))));
        StripeWebhook otherSecret = new StripeWebhook("whsec_other", Duration.ofSeconds(300),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThrows(WebhookRejectedException.class,
                () -> otherSecret.verify(Map.of("Stripe-Signature", header), bytes(body)));
        assertThrows(WebhookRejectedException.class,
                () -> webhook.verify(Map.of("Stripe-Signature", "t=" + T + ",v1=zz"), bytes(body)));
        assertThrows(WebhookRejectedException.class,
                () -> webhook.verify(Map.of("Stripe-Signature", "garbage"), bytes(body)));
    }

    @Test
    void a_signature_older_than_the_tolerance_is_rejected() {
        String body = event("evt_1", "checkout.session.completed", "paid", Stripe.API_VERSION, true);
        assertTrue(webhook.verify(Map.of("Stripe-Signature", sign(T - 300, body)), bytes(body)) != null);
        WebhookRejectedException e = assertThrows(WebhookRejectedException.class,
                () -> webhook.verify(Map.of("Stripe-Signature", sign(T - 301, body)), bytes(body)));
        assertTrue(e.getMessage().contains("tolerance"), e.getMessage());
    }

    @Test
    void a_missing_signature_is_rejected() {
        String body = event("evt_1", "checkout.session.completed", "paid", Stripe.API_VERSION, true);
        WebhookRejectedException e = assertThrows(WebhookRejectedException.class,
                () -> webhook.verify(Map.of("Content-Type", "application/json"), bytes(body)));
        assertTrue(e.getMessage().contains("missing Stripe-Signature"), e.getMessage());
        assertThrows(WebhookRejectedException.class,
                () -> webhook.verify(Map.of("Stripe-Signature", " "), bytes(body)));
    }

    @Test
    void an_authentic_body_that_is_not_an_event_is_malformed() {
        String notJson = "this is not json";
        assertThrows(IllegalArgumentException.class,
                () -> webhook.verify(Map.of("Stripe-Signature", sign(T, notJson)), bytes(notJson)));
        String noId = "{\"object\":\"event\",\"type\":\"checkout.session.completed\"}";
        assertThrows(IllegalArgumentException.class,
                () -> webhook.verify(Map.of("Stripe-Signature", sign(T, noId)), bytes(noId)));
    }

    @Test
    void a_tolerance_of_zero_which_would_disable_the_age_check_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new StripeWebhook(SECRET, Duration.ZERO, Clock.systemUTC()));
    }

    /** A Checkout Session event as Stripe documents it (trimmed to the fields that matter here). */
    private static String event(String id, String type, String paymentStatus, String apiVersion, boolean ours) {
        return "{\"id\":\"" + id + "\",\"object\":\"event\",\"api_version\":\"" + apiVersion + "\",\"created\":"
                + (T - 5) + ",\"livemode\":false,\"pending_webhooks\":1,\"type\":\"" + type
                + "\",\"data\":{\"object\":{"
                + "\"id\":\"cs_test_a1\",\"object\":\"checkout.session\",\"mode\":\"payment\","
                + "\"client_reference_id\":\"link-1\",\"payment_intent\":\"pi_3Q\",\"amount_total\":4720,"
                + "\"currency\":\"inr\",\"payment_status\":\"" + paymentStatus + "\",\"status\":\"complete\","
                + "\"metadata\":{" + (ours ? "\"payment_link_id\":\"link-1\"" : "") + "}}}}";
    }

    private static String sign(long t, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal(bytes(t + "." + body)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
