package org.evcharging.bpp.payment.infrastructure.gateway.stripe;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.payment.domain.LinkStatus;
import org.evcharging.bpp.payment.domain.PaymentLink;
import org.evcharging.bpp.payment.infrastructure.gateway.GatewayRefund;
import org.evcharging.bpp.payment.infrastructure.gateway.GatewayUnavailableException;
import org.evcharging.bpp.payment.infrastructure.gateway.PaymentGateway;
import org.evcharging.bpp.payment.infrastructure.gateway.RefundOrder;
import org.evcharging.bpp.payment.infrastructure.gateway.WebhookEvent;

/**
 * Stripe as the payment provider: a link is paid on a Stripe Checkout Session (one per link, {@link StripeCheckout}),
 * its outcome arrives as a signed Stripe event ({@link StripeWebhook}, at {@code api.webhooks.StripeWebhookResource}),
 * and money goes back through Stripe's refunds with our refund id as idempotency key ({@link StripeApi}).
 *
 * <p>A Checkout Session lives at least 30 minutes at Stripe: a link that expires sooner stays payable there until
 * then, and money paid late is booked and settled as any late payment ({@code WebhookProcessor}).
 */
@ApplicationScoped
@Typed(StripeGateway.class)
public class StripeGateway implements PaymentGateway {

    public static final String NAME = "stripe";

    /** Where Stripe Checkout sends a person back by default: our return page ({@code api.stripe.StripeReturnResource}). */
    public static final String RETURN_PATH = "/payments/v1/stripe/return";

    static final String SECRET_KEY = "payment.stripe.secret-key";
    static final String WEBHOOK_SECRET = "payment.stripe.webhook-secret";

    /** Stripe's window for a session's {@code expires_at}, 30 min to 24 h after it is made, with room for the trip. */
    static final Duration SHORTEST = Duration.ofMinutes(32);
    static final Duration LONGEST = Duration.ofHours(24).minusMinutes(5);
    /** A session this close to its end is not handed out again: the person would land on an expired page. */
    static final Duration STILL_OPEN = Duration.ofMinutes(2);

    private static final SafeLog LOG = SafeLog.of(StripeGateway.class);

    @Inject
    @ConfigProperty(name = SECRET_KEY)
    Optional<String> secretKey;

    @Inject
    @ConfigProperty(name = WEBHOOK_SECRET)
    Optional<String> webhookSecret;

    @Inject
    @ConfigProperty(name = "payment.stripe.api-base", defaultValue = "https://api.stripe.com")
    String apiBase;

    /** Seconds ({@code 300}) or an ISO-8601 duration ({@code PT5M}). */
    @Inject
    @ConfigProperty(name = "payment.stripe.webhook-tolerance", defaultValue = "300")
    String webhookTolerance;

    @Inject
    @ConfigProperty(name = "payment.stripe.max-network-retries", defaultValue = "1")
    int maxNetworkRetries;

    @Inject
    @ConfigProperty(name = "payment.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    @Inject
    @ConfigProperty(name = "payment.stripe.success-url")
    Optional<String> successUrl;

    @Inject
    @ConfigProperty(name = "payment.stripe.cancel-url")
    Optional<String> cancelUrl;

    @Inject
    StripeCheckouts checkouts;

    Clock clock = Clock.systemUTC();

    private StripeApi api;
    private StripeWebhook webhook;

    @PostConstruct
    void init() {
        // built only when configured: the bean exists (unused) in every deployment; ActiveGateway names what is missing
        if (missingSettings().isEmpty()) {
            api = new StripeApi(secretKey.get().trim(), apiBase.trim(), maxNetworkRetries);
            webhook = new StripeWebhook(webhookSecret.get().trim(), tolerance(webhookTolerance), clock);
            if (!webhookSecret.get().trim().startsWith("whsec_")) {
                LOG.warning(WEBHOOK_SECRET + " does not start with whsec_: is it the endpoint's signing secret?");
            }
        }
    }

    /** The settings this gateway cannot run without that are not set, by name. */
    public List<String> missingSettings() {
        List<String> missing = new ArrayList<>();
        if (secretKey.isEmpty() || secretKey.get().isBlank()) {
            missing.add(SECRET_KEY + " (PAYMENT_STRIPE_SECRET_KEY)");
        }
        if (webhookSecret.isEmpty() || webhookSecret.get().isBlank()) {
            missing.add(WEBHOOK_SECRET + " (PAYMENT_STRIPE_WEBHOOK_SECRET)");
        }
        return missing;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The link's Checkout Session URL, made at Stripe on the first call and the same on every later one while the
     * session can be paid. A link that cannot be paid (paid, expired, cancelled) gets no new session: its last URL,
     * or null when it never had one.
     */
    @Override
    public String checkoutUrl(PaymentLink link) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<StripeCheckout> stored = checkouts.find(link.id());
        if (!link.payableAt(now)) {
            return stored.map(StripeCheckout::url).orElse(null);
        }
        StripeCheckout checkout = stored.orElseGet(() -> begin(link, now));
        if (checkout.url() != null) {
            if (stillPayable(checkout, link, now)) {
                return checkout.url();
            }
            String spent = checkout.sessionId();
            LOG.info(() -> "payment " + link.id() + ": Stripe session " + spent + " is spent; opening another");
            checkout = checkouts.next(link.id(), checkout.attempt(), askedExpiry(link, now), now);
            if (checkout.url() != null) {
                return checkout.url(); // a concurrent call made the next one
            }
        }
        return open(link, checkout, now, true);
    }

    private StripeCheckout begin(PaymentLink link, Instant now) {
        StripeCheckout first = new StripeCheckout(link.id(), 0, askedExpiry(link, now), now);
        try {
            return checkouts.begin(first);
        } catch (RuntimeException e) {
            // a concurrent first view inserted the row: send its request
            return checkouts.find(link.id()).orElseThrow(() -> new GatewayUnavailableException(
                    "the Stripe checkout of payment " + link.id() + " could not be recorded", e));
        }
    }

    private String open(PaymentLink link, StripeCheckout checkout, Instant now, boolean mayRetry) {
        StripeApi.Checkout session;
        try {
            session = api().createCheckout(new StripeApi.CheckoutOrder(link.id(), link.orderRef(), link.amount(),
                    link.currency(), link.description(), link.payer() == null ? null : link.payer().email(),
                    checkout.askedExpiresAt(), successUrl(), cancelUrl()), checkout.idempotencyKey());
        } catch (StripeApi.RequestRefused e) {
            if (!mayRetry || !e.renewable()) {
                throw new GatewayUnavailableException(e.getMessage(), e);
            }
            // a retry sent long after the first try, its expires_at now out of Stripe's window: start over
            LOG.log(Level.WARNING, "payment={0} order={1}: {2}; trying once more as a new request",
                    new Object[] {link.id(), link.orderRef(), e.getMessage()});
            StripeCheckout next = checkouts.next(link.id(), checkout.attempt(), askedExpiry(link, now), now);
            return next.url() != null ? next.url() : open(link, next, now, false);
        }
        StripeCheckout recorded = checkouts.made(link.id(), checkout.attempt(), session, now);
        LOG.info(() -> "payment " + link.id() + ": Stripe checkout session " + session.sessionId() + " until "
                + session.expiresAt());
        return recorded.url() != null ? recorded.url() : session.url();
    }

    /** Expires the link's Checkout Session at Stripe when it has one: a replaced link's page can no longer be paid. */
    @Override
    public void withdraw(String paymentId) {
        Optional<StripeCheckout> checkout = checkouts.find(paymentId);
        if (checkout.isEmpty() || checkout.get().sessionId() == null) {
            return;
        }
        String session = checkout.get().sessionId();
        String status = api().expireSession(session);
        LOG.info(() -> "payment " + paymentId + " withdrawn: Stripe checkout session " + session + " is " + status);
    }

    /**
     * The stored session may still be paid: not about to expire, and, after a failed payment on the link (the session
     * then is complete, or expired), still open at Stripe.
     */
    private boolean stillPayable(StripeCheckout checkout, PaymentLink link, Instant now) {
        if (checkout.sessionExpiresAt() != null && !now.plus(STILL_OPEN).isBefore(checkout.sessionExpiresAt())) {
            return false;
        }
        if (link.storedStatus() != LinkStatus.FAILED) {
            return true;
        }
        try {
            return "open".equals(api().sessionStatus(checkout.sessionId()));
        } catch (GatewayUnavailableException e) {
            LOG.log(Level.WARNING, "payment={0} order={1}: {2}; answering its last checkout URL",
                    new Object[] {link.id(), link.orderRef(), e.getMessage()});
            return true;
        }
    }

    /** The link's own expiry, moved into Stripe's window; whole seconds, as Stripe takes it. */
    static Instant askedExpiry(PaymentLink link, Instant now) {
        Instant earliest = now.plus(SHORTEST);
        Instant latest = now.plus(LONGEST);
        Instant wanted = link.expiresAt().isBefore(earliest) ? earliest
                : link.expiresAt().isAfter(latest) ? latest : link.expiresAt();
        return wanted.truncatedTo(ChronoUnit.SECONDS);
    }

    @Override
    public WebhookEvent verifyWebhook(Map<String, String> headers, byte[] rawBody) {
        if (webhook == null) {
            throw notConfigured();
        }
        return webhook.verify(headers, rawBody);
    }

    @Override
    public GatewayRefund refund(RefundOrder order) {
        if (order.paymentGatewayRef() == null || order.paymentGatewayRef().isBlank()) {
            // a capture booked without Stripe's payment intent cannot be refunded here; nothing moved
            return GatewayRefund.refused(null, "payment " + order.paymentId()
                    + " has no Stripe payment intent to refund");
        }
        GatewayRefund answer = api().refund(order);
        if (!answer.succeeded()) {
            LOG.log(Level.WARNING, "refund={0} payment={1} order={2}: Stripe refused the refund: {3}",
                    new Object[] {order.refundId(), order.paymentId(), order.orderRef(), answer.failureReason()});
        }
        return answer;
    }

    private StripeApi api() {
        if (api == null) {
            throw notConfigured();
        }
        return api;
    }

    private IllegalStateException notConfigured() {
        return new IllegalStateException("the Stripe gateway is not configured: set " + String.join(", ",
                missingSettings()));
    }

    private String successUrl() {
        return successUrl.filter(u -> !u.isBlank()).orElseGet(() -> base() + RETURN_PATH + "?outcome=paid");
    }

    private String cancelUrl() {
        return cancelUrl.filter(u -> !u.isBlank()).orElseGet(() -> base() + RETURN_PATH
                + "?outcome=cancelled");
    }

    private String base() {
        String url = publicUrl.trim();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static Duration tolerance(String text) {
        String t = text.trim();
        try {
            return t.matches("\\d{1,9}") ? Duration.ofSeconds(Long.parseLong(t)) : Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("payment.stripe.webhook-tolerance must be seconds (300) or an ISO-8601 "
                    + "duration (PT5M), not " + text);
        }
    }
}
