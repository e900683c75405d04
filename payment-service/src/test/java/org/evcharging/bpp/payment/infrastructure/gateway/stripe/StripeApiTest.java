package org.evcharging.bpp.payment.infrastructure.gateway.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.evcharging.bpp.payment.infrastructure.gateway.GatewayRefund;
import org.evcharging.bpp.payment.infrastructure.gateway.GatewayUnavailableException;
import org.evcharging.bpp.payment.infrastructure.gateway.RefundKeyConflictException;
import org.evcharging.bpp.payment.infrastructure.gateway.RefundOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StripeApi} over HTTP against {@link StripeStub}, a local server answering as Stripe's API documents. The
 * stub is the only mock: Stripe is outside the project; the Stripe SDK, its HTTP, form encoding and JSON are real.
 */
class StripeApiTest {

    private StripeStub stub;
    private StripeApi api;

    @BeforeEach
    void start() throws Exception {
        stub = new StripeStub();
        api = new StripeApi(StripeStub.KEY, stub.base(), 0);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void a_checkout_session_asks_the_link_amount_in_paise_with_the_link_as_reference() {
        Instant expires = Instant.now().plus(45, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        StripeApi.Checkout made = api.createCheckout(order("link-1", "47.20", expires), "checkout-link-1-0");

        assertEquals("cs_test_1", made.sessionId());
        assertTrue(made.url().startsWith("https://checkout.stripe.com/c/pay/cs_test_1"), made.url());
        assertEquals(expires, made.expiresAt());
        List<StripeStub.Request> posts = stub.posts("/v1/checkout/sessions");
        assertEquals(1, posts.size());
        StripeStub.Request r = posts.get(0);
        assertEquals("checkout-link-1-0", r.idempotencyKey());
        Map<String, String> f = r.form();
        assertEquals("payment", f.get("mode"));
        assertEquals("link-1", f.get("client_reference_id"));
        assertEquals("link-1", f.get("metadata[payment_link_id]"));
        assertEquals("o-1", f.get("metadata[order_ref]"));
        assertEquals("link-1", f.get("payment_intent_data[metadata][payment_link_id]"));
        assertEquals("1", f.get("line_items[0][quantity]"));
        assertEquals("inr", f.get("line_items[0][price_data][currency]"));
        assertEquals("4720", f.get("line_items[0][price_data][unit_amount]"));
        assertEquals("Charging session", f.get("line_items[0][price_data][product_data][name]"));
        assertEquals(String.valueOf(expires.getEpochSecond()), f.get("expires_at"));
        assertEquals("https://bpp.example/back?outcome=paid", f.get("success_url"));
        assertEquals("payer@example.org", f.get("customer_email"));
    }

    @Test
    void an_open_session_is_expired_and_one_no_longer_open_answers_its_status() {
        Instant expires = Instant.now().plus(45, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        StripeApi.Checkout made = api.createCheckout(order("link-9", "10.00", expires), "checkout-link-9-0");
        assertEquals("expired", api.expireSession(made.sessionId()));
        assertEquals("expired", stub.sessionStatus(made.sessionId()));
        assertEquals("expired", api.expireSession(made.sessionId()), "Stripe refuses a second expire: its status");
        StripeApi.Checkout paid = api.createCheckout(order("link-10", "10.00", expires), "checkout-link-10-0");
        stub.setSessionStatus(paid.sessionId(), "complete");
        assertEquals("complete", api.expireSession(paid.sessionId()), "a paid session stays paid");
    }

    @Test
    void the_same_key_after_a_lost_answer_gets_the_same_session_and_makes_no_second() {
        Instant expires = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        stub.lostAnswers.set(1);
        assertThrows(GatewayUnavailableException.class,
                () -> api.createCheckout(order("link-2", "10.00", expires), "checkout-link-2-0"));
        StripeApi.Checkout again = api.createCheckout(order("link-2", "10.00", expires), "checkout-link-2-0");
        assertEquals("cs_test_1", again.sessionId());
        assertEquals(1, stub.sessionsMade.get());
    }

    @Test
    void a_session_stripe_refuses_is_a_refused_request_not_an_outage() {
        Instant tooSoon = Instant.now().plus(5, ChronoUnit.MINUTES);
        StripeApi.RequestRefused e = assertThrows(StripeApi.RequestRefused.class,
                () -> api.createCheckout(order("link-3", "10.00", tooSoon), "checkout-link-3-0"));
        assertTrue(e.getMessage().contains("HTTP 400") && e.getMessage().contains("expires_at"), e.getMessage());
        assertTrue(e.renewable());
        assertEquals(0, stub.sessionsMade.get());
        StripeApi.RequestRefused tooSmall = assertThrows(StripeApi.RequestRefused.class, () -> api.createCheckout(
                new StripeApi.CheckoutOrder("link-3", "o-3", BigDecimal.ONE, "INR", null, null, null, null, null),
                "checkout-link-3-x"));
        assertFalse(tooSmall.renewable(), tooSmall.getMessage());
    }

    @Test
    void a_wrong_secret_key_is_an_outage_whose_message_holds_no_key() {
        StripeApi wrong = new StripeApi("sk_test_wrong_secret", stub.base(), 0);
        GatewayUnavailableException e = assertThrows(GatewayUnavailableException.class,
                () -> wrong.createCheckout(order("link-4", "10.00", null), "checkout-link-4-0"));
        assertTrue(e.getMessage().contains("payment.stripe.secret-key"), e.getMessage());
        assertFalse(e.getMessage().contains("sk_test"), e.getMessage());
    }

    @Test
    void the_session_status_is_read_from_stripe() {
        StripeApi.Checkout made = api.createCheckout(order("link-5", "10.00", null), "checkout-link-5-0");
        assertEquals("open", api.sessionStatus(made.sessionId()));
        stub.setSessionStatus(made.sessionId(), "complete");
        assertEquals("complete", api.sessionStatus(made.sessionId()));
    }

    @Test
    void a_refund_goes_to_the_payment_intent_with_the_refund_id_as_idempotency_key() {
        GatewayRefund answer = api.refund(refund("settle-o1", "pi_123", "10.00"));

        assertEquals(GatewayRefund.done("re_test_1"), answer);
        StripeStub.Request r = stub.posts("/v1/refunds").get(0);
        assertEquals("settle-o1", r.idempotencyKey());
        assertEquals("pi_123", r.form().get("payment_intent"));
        assertEquals("1000", r.form().get("amount"));
        assertEquals("settle-o1", r.form().get("metadata[refund_id]"));
        assertEquals("o1", r.form().get("metadata[order_ref]"));
        assertEquals("station fault", r.form().get("metadata[reason]"));
    }

    @Test
    void the_same_refund_again_answers_the_same_refund_and_makes_no_second() {
        GatewayRefund first = api.refund(refund("settle-o1", "pi_123", "10.00"));
        GatewayRefund again = api.refund(refund("settle-o1", "pi_123", "10.00"));
        assertEquals(first, again);
        assertEquals(1, stub.refundsMade.get());
        assertEquals(2, stub.posts("/v1/refunds").size());
    }

    @Test
    void a_refund_whose_answer_was_lost_is_found_again_under_its_key() {
        stub.lostAnswers.set(1);
        assertThrows(GatewayUnavailableException.class, () -> api.refund(refund("settle-o2", "pi_123", "5.00")));
        assertEquals(GatewayRefund.done("re_test_1"), api.refund(refund("settle-o2", "pi_123", "5.00")));
        assertEquals(1, stub.refundsMade.get());
    }

    @Test
    void the_same_refund_id_with_another_amount_is_a_key_conflict() {
        api.refund(refund("settle-o1", "pi_123", "10.00"));
        assertThrows(RefundKeyConflictException.class, () -> api.refund(refund("settle-o1", "pi_123", "12.00")));
        assertEquals(1, stub.refundsMade.get());
    }

    @Test
    void a_stripe_error_is_an_outage_and_a_retry_then_refunds_once() {
        stub.faults.set(1);
        GatewayUnavailableException e = assertThrows(GatewayUnavailableException.class,
                () -> api.refund(refund("settle-o3", "pi_123", "10.00")));
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertEquals(0, stub.refundsMade.get());
        assertTrue(api.refund(refund("settle-o3", "pi_123", "10.00")).succeeded());
        assertEquals(1, stub.refundsMade.get());
    }

    @Test
    void stripe_unreachable_is_an_outage() {
        String base = stub.base();
        stub.close();
        StripeApi gone = new StripeApi(StripeStub.KEY, base, 0);
        GatewayUnavailableException e = assertThrows(GatewayUnavailableException.class,
                () -> gone.refund(refund("settle-o4", "pi_123", "10.00")));
        assertTrue(e.getMessage().contains("could not be reached"), e.getMessage());
    }

    @Test
    void a_failed_refund_and_a_refused_request_are_refusals() {
        GatewayRefund failed = api.refund(refund("settle-o5", "pi_declines_1", "10.00"));
        assertFalse(failed.succeeded());
        assertEquals("re_test_1", failed.gatewayRef());
        assertTrue(failed.failureReason().contains("expired_or_canceled_card"), failed.failureReason());

        GatewayRefund refused = api.refund(refund("settle-o6", "sbx_pay_1", "10.00"));
        assertFalse(refused.succeeded());
        assertNull(refused.gatewayRef());
        assertTrue(refused.failureReason().contains("resource_missing"), refused.failureReason());
    }

    @Test
    void amounts_are_counted_in_the_currency_smallest_unit() {
        assertEquals(4720, StripeApi.toMinor(new BigDecimal("47.20"), "INR"));
        assertEquals(500, StripeApi.toMinor(new BigDecimal("500.00"), "JPY"));
        assertEquals(1500, StripeApi.toMinor(new BigDecimal("1.50"), "KWD"));
        assertThrows(IllegalArgumentException.class, () -> StripeApi.toMinor(new BigDecimal("1.50"), "JPY"));
        assertEquals(new BigDecimal("47.20"), StripeApi.fromMinor(4720, "INR"));
        assertEquals(new BigDecimal("500.00"), StripeApi.fromMinor(500, "JPY"));
    }

    private static StripeApi.CheckoutOrder order(String linkId, String amount, Instant expiresAt) {
        return new StripeApi.CheckoutOrder(linkId, "o-1", new BigDecimal(amount), "INR", "Charging session",
                "payer@example.org", expiresAt, "https://bpp.example/back?outcome=paid",
                "https://bpp.example/back?outcome=cancelled");
    }

    private static RefundOrder refund(String refundId, String paymentIntent, String amount) {
        return new RefundOrder(refundId, "o1", "pay-1", paymentIntent, new BigDecimal(amount), "INR", "station fault");
    }
}
