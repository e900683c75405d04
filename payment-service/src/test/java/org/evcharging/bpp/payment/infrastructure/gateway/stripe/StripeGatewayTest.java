package org.evcharging.bpp.payment.infrastructure.gateway.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.evcharging.bpp.payment.domain.PaymentLink;
import org.evcharging.bpp.payment.infrastructure.gateway.GatewayRefund;
import org.evcharging.bpp.payment.infrastructure.gateway.GatewayUnavailableException;
import org.evcharging.bpp.payment.infrastructure.gateway.RefundOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StripeGateway}: one Checkout Session per link, over HTTP to {@link StripeStub}. The stub is the only mock
 * (Stripe is outside the project); the table of sessions is kept in memory, as {@link StripeCheckouts} keeps it in
 * the database, since JPA does not run in a plain unit test.
 */
class StripeGatewayTest {

    private StripeStub stub;
    private final Books books = new Books();
    private final MovingClock clock = new MovingClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final StripeGateway gateway = new StripeGateway();

    @BeforeEach
    void wire() throws Exception {
        stub = new StripeStub();
        stub.clock = clock;
        gateway.secretKey = Optional.of(StripeStub.KEY);
        gateway.webhookSecret = Optional.of("whsec_test");
        gateway.apiBase = stub.base();
        gateway.webhookTolerance = "300";
        gateway.maxNetworkRetries = 0;
        gateway.publicUrl = "https://bpp.example/";
        gateway.successUrl = Optional.empty();
        gateway.cancelUrl = Optional.of(" ");
        gateway.checkouts = books;
        gateway.clock = clock;
        gateway.init();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void a_link_gets_one_session_and_the_same_url_every_time() {
        PaymentLink link = link("link-1", Duration.ofMinutes(15));
        String url = gateway.checkoutUrl(link);
        assertTrue(url.startsWith("https://checkout.stripe.com/c/pay/cs_test_1"), url);
        assertEquals(url, gateway.checkoutUrl(link));
        assertEquals(url, gateway.checkoutUrl(link));

        assertEquals(1, stub.requests.size());
        StripeStub.Request r = stub.posts("/v1/checkout/sessions").get(0);
        assertEquals("checkout-link-1-0", r.idempotencyKey());
        assertEquals("link-1", r.form().get("client_reference_id"));
        assertEquals("4720", r.form().get("line_items[0][price_data][unit_amount]"));
        assertEquals("inr", r.form().get("line_items[0][price_data][currency]"));
        // a 15-minute link: Stripe's shortest session, 30 min (and the trip) from now
        assertEquals(String.valueOf(clock.instant().plus(StripeGateway.SHORTEST).getEpochSecond()),
                r.form().get("expires_at"));
        assertEquals("https://bpp.example" + StripeGateway.RETURN_PATH + "?outcome=paid", r.form().get("success_url"));
        assertEquals("https://bpp.example" + StripeGateway.RETURN_PATH + "?outcome=cancelled",
                r.form().get("cancel_url"));
    }

    @Test
    void a_retry_after_a_lost_answer_sends_the_same_request_and_gets_the_same_session() {
        PaymentLink link = link("link-2", Duration.ofHours(2));
        stub.lostAnswers.set(1);
        assertThrows(GatewayUnavailableException.class, () -> gateway.checkoutUrl(link));
        clock.advance(Duration.ofSeconds(20));
        String url = gateway.checkoutUrl(link);

        assertTrue(url.contains("cs_test_1"), url);
        assertEquals(1, stub.sessionsMade.get());
        List<StripeStub.Request> posts = stub.posts("/v1/checkout/sessions");
        assertEquals(2, posts.size());
        assertEquals(posts.get(0).form(), posts.get(1).form());
        assertEquals(posts.get(0).idempotencyKey(), posts.get(1).idempotencyKey());
        assertEquals(String.valueOf(link.expiresAt().getEpochSecond()), posts.get(0).form().get("expires_at"));
    }

    @Test
    void a_late_retry_stripe_refuses_starts_a_new_request() {
        PaymentLink link = link("link-3", Duration.ofMinutes(15));
        stub.faults.set(1);
        assertThrows(GatewayUnavailableException.class, () -> gateway.checkoutUrl(link));
        // the asked expires_at is now under 30 minutes away: Stripe refuses the same request, a new one is sent
        clock.advance(Duration.ofMinutes(5));
        String url = gateway.checkoutUrl(link);

        assertTrue(url.contains("cs_test_1"), url);
        List<StripeStub.Request> posts = stub.posts("/v1/checkout/sessions");
        assertEquals(List.of("checkout-link-3-0", "checkout-link-3-0", "checkout-link-3-1"),
                posts.stream().map(StripeStub.Request::idempotencyKey).toList());
        assertEquals(1, books.rows.get("link-3").attempt());
    }

    @Test
    void a_spent_session_is_replaced_while_the_link_can_be_paid() {
        PaymentLink link = link("link-4", Duration.ofHours(30));
        String first = gateway.checkoutUrl(link);
        clock.advance(StripeGateway.LONGEST); // the first session's end
        String second = gateway.checkoutUrl(link);

        assertNotEquals(first, second);
        assertTrue(second.contains("cs_test_2"), second);
        assertEquals("checkout-link-4-1", stub.posts("/v1/checkout/sessions").get(1).idempotencyKey());
        assertEquals(second, gateway.checkoutUrl(link));
    }

    @Test
    void after_a_failed_payment_a_session_stripe_closed_is_replaced_and_an_open_one_kept() {
        PaymentLink link = link("link-5", Duration.ofHours(1));
        String first = gateway.checkoutUrl(link);
        link.fail("pi_failed");
        assertEquals(first, gateway.checkoutUrl(link)); // still open at Stripe
        stub.setSessionStatus("cs_test_1", "complete");
        String second = gateway.checkoutUrl(link);
        assertTrue(second.contains("cs_test_2"), second);
        assertEquals(2, stub.sessionsMade.get());
    }

    @Test
    void a_link_that_cannot_be_paid_gets_no_session() {
        PaymentLink cancelled = link("link-6", Duration.ofHours(1));
        cancelled.cancel();
        assertNull(gateway.checkoutUrl(cancelled));
        assertEquals(0, stub.requests.size());

        PaymentLink paid = link("link-7", Duration.ofHours(1));
        String url = gateway.checkoutUrl(paid);
        paid.capture("pi_7", clock.instant());
        assertEquals(url, gateway.checkoutUrl(paid));
        assertEquals(1, stub.sessionsMade.get());
    }

    @Test
    void the_session_expiry_follows_the_link_within_stripe_window() {
        Instant now = clock.instant();
        assertEquals(now.plus(StripeGateway.SHORTEST),
                StripeGateway.askedExpiry(link("a", Duration.ofMinutes(1)), now));
        assertEquals(now.plus(Duration.ofHours(3)), StripeGateway.askedExpiry(link("b", Duration.ofHours(3)), now));
        assertEquals(now.plus(StripeGateway.LONGEST), StripeGateway.askedExpiry(link("c", Duration.ofDays(3)), now));
    }

    @Test
    void refunds_go_to_stripe_and_a_payment_without_intent_is_refused_locally() {
        GatewayRefund done = gateway
                .refund(new RefundOrder("settle-o1", "o1", "link-1", "pi_1", new BigDecimal("47.20"),
                        "INR", null));
        assertEquals(GatewayRefund.done("re_test_1"), done);
        GatewayRefund refused = gateway.refund(new RefundOrder("settle-o2", "o2", "link-2", null, BigDecimal.TEN,
                "INR", null));
        assertFalse(refused.succeeded());
        assertEquals(1, stub.posts("/v1/refunds").size());
    }

    @Test
    void missing_keys_are_named_and_nothing_is_called() {
        StripeGateway bare = new StripeGateway();
        bare.secretKey = Optional.empty();
        bare.webhookSecret = Optional.of("");
        bare.webhookTolerance = "PT5M";
        bare.init();
        assertEquals(List.of("payment.stripe.secret-key (PAYMENT_STRIPE_SECRET_KEY)",
                "payment.stripe.webhook-secret (PAYMENT_STRIPE_WEBHOOK_SECRET)"), bare.missingSettings());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> bare.verifyWebhook(Map.of(), new byte[0]));
        assertTrue(e.getMessage().contains("payment.stripe.secret-key"), e.getMessage());
        assertEquals(List.of(), gateway.missingSettings());
        assertEquals(Duration.ofMinutes(5), StripeGateway.tolerance("PT5M"));
        assertEquals(Duration.ofSeconds(300), StripeGateway.tolerance("300"));
    }

    private PaymentLink link(String id, Duration validity) {
        Instant now = clock.instant();
        return new PaymentLink(id, "o-" + id, new BigDecimal("47.20"), "INR", "Charging at station 7",
                new PaymentLink.Payer("A. Person", "a@example.org", null), now, now.plus(validity));
    }

    /** {@link StripeCheckouts} in memory, with its conditional updates. */
    static final class Books extends StripeCheckouts {

        final Map<String, StripeCheckout> rows = new HashMap<>();

        @Override
        public Optional<StripeCheckout> find(String paymentId) {
            return Optional.ofNullable(rows.get(paymentId));
        }

        @Override
        public StripeCheckout begin(StripeCheckout first) {
            return rows.computeIfAbsent(first.paymentId(), k -> first);
        }

        @Override
        public StripeCheckout made(String paymentId, int attempt, StripeApi.Checkout session, Instant at) {
            StripeCheckout stored = rows.get(paymentId);
            if (stored.attempt() == attempt && stored.url() == null) {
                stored.made(session.sessionId(), session.url(), session.expiresAt(), at);
            }
            return stored;
        }

        @Override
        public StripeCheckout next(String paymentId, int spent, Instant askedExpiresAt, Instant at) {
            StripeCheckout stored = rows.get(paymentId);
            if (stored.attempt() == spent) {
                stored.next(askedExpiresAt, at);
            }
            return stored;
        }
    }

    /** A clock the test moves. */
    static final class MovingClock extends Clock {

        private Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
