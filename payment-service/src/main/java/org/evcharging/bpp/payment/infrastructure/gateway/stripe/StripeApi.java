package org.evcharging.bpp.payment.infrastructure.gateway.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.StripeException;
import com.stripe.model.Refund;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import org.evcharging.bpp.payment.domain.Money;
import org.evcharging.bpp.payment.infrastructure.gateway.GatewayRefund;
import org.evcharging.bpp.payment.infrastructure.gateway.GatewayUnavailableException;
import org.evcharging.bpp.payment.infrastructure.gateway.RefundKeyConflictException;
import org.evcharging.bpp.payment.infrastructure.gateway.RefundOrder;

/**
 * The Stripe calls this service makes, over its own {@link StripeClient} (key and API base per instance, no global
 * state), with Stripe's errors turned into the gateway port's exceptions. Free of CDI and JPA so that it can be
 * tested against a local HTTP stub.
 */
public class StripeApi {

    /** Metadata key naming our link on sessions and their payment intents; {@link StripeWebhook} requires it. */
    public static final String LINK_METADATA = "payment_link_id";

    /** Currencies Stripe counts in whole units (its "zero-decimal" list). */
    private static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA",
            "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
    /** Currencies Stripe counts in thousandths. */
    private static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    private final StripeClient client;

    /**
     * @param maxNetworkRetries Stripe's own retries of a lost connection or a 409/5xx it marks retryable; safe, every
     *        call here carries an idempotency key
     */
    public StripeApi(String secretKey, String apiBase, int maxNetworkRetries) {
        this.client = StripeClient.builder()
                .setApiKey(Objects.requireNonNull(secretKey, "secretKey"))
                .setApiBase(Objects.requireNonNull(apiBase, "apiBase"))
                .setConnectTimeout(10_000)
                .setReadTimeout(30_000)
                .setMaxNetworkRetries(maxNetworkRetries)
                .build();
    }

    /** What a Checkout Session is asked for; {@code expiresAt} null leaves Stripe's default (24 h). */
    public record CheckoutOrder(String paymentId, String orderRef, BigDecimal amount, String currency,
            String description, String customerEmail, Instant expiresAt, String successUrl,
            String cancelUrl) {
    }

    /** A Checkout Session as Stripe made it. */
    public record Checkout(String sessionId, String url, Instant expiresAt) {
    }

    /** Stripe refused the request itself (HTTP 4xx): retrying it unchanged, under the same key, cannot help. */
    public static class RequestRefused extends RuntimeException {

        private final boolean renewable;

        RequestRefused(String message, boolean renewable) {
            super(message);
            this.renewable = renewable;
        }

        /**
         * Would the same checkout sent as a new request (fresh {@code expires_at}, new key) be taken? True for an
         * {@code expires_at} that left Stripe's window while the request waited, and for a key Stripe holds for other
         * parameters (the return URLs changed by config meanwhile); false for a refusal of the order itself.
         */
        public boolean renewable() {
            return renewable;
        }
    }

    /**
     * Creates a Checkout Session (mode payment, one line item) for a payment link. The same {@code idempotencyKey}
     * with the same order answers the session made first, so a retry after a lost answer makes no second one.
     *
     * @throws RequestRefused when Stripe refused the parameters, or the key was used with others
     * @throws GatewayUnavailableException when Stripe could not be reached or erred
     */
    public Checkout createCheckout(CheckoutOrder order, String idempotencyKey) {
        String currency = order.currency().toLowerCase(Locale.ROOT);
        String name = order.description() == null || order.description().isBlank()
                ? "Order " + order.orderRef() : order.description();
        SessionCreateParams.Builder params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT)
                .setClientReferenceId(order.paymentId())
                .putMetadata(LINK_METADATA, order.paymentId())
                .putMetadata("order_ref", order.orderRef())
                .setSuccessUrl(order.successUrl())
                .setCancelUrl(order.cancelUrl())
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setQuantity(1L)
                        .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                .setCurrency(currency)
                                .setUnitAmount(toMinor(order.amount(), order.currency()))
                                .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                        .setName(name).build())
                                .build())
                        .build())
                // the payment intent carries our link too: a refund or a dispute seen in the dashboard names it
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putMetadata(LINK_METADATA, order.paymentId())
                        .putMetadata("order_ref", order.orderRef())
                        .build());
        if (order.expiresAt() != null) {
            params.setExpiresAt(order.expiresAt().getEpochSecond());
        }
        if (order.customerEmail() != null && !order.customerEmail().isBlank()) {
            params.setCustomerEmail(order.customerEmail());
        }
        Session session;
        try {
            session = client.v1().checkout().sessions().create(params.build(), key(idempotencyKey));
        } catch (IdempotencyException e) {
            throw new RequestRefused("Stripe holds key " + idempotencyKey + " for other parameters", true);
        } catch (InvalidRequestException e) {
            throw new RequestRefused("Stripe refused the checkout session of payment " + order.paymentId() + ": "
                    + describe(e), "expires_at".equals(e.getParam()));
        } catch (StripeException e) {
            throw unavailable("creating the checkout session of payment " + order.paymentId(), e);
        }
        if (session.getUrl() == null || session.getId() == null) {
            throw new GatewayUnavailableException("Stripe answered a checkout session without id or url for payment "
                    + order.paymentId());
        }
        return new Checkout(session.getId(), session.getUrl(),
                session.getExpiresAt() == null ? null : Instant.ofEpochSecond(session.getExpiresAt()));
    }

    /**
     * Closes an open session, so nobody pays it any more: {@code expired} when it is now, or the status it had when
     * Stripe refuses because it is no longer open ({@code complete}, {@code expired}).
     */
    public String expireSession(String sessionId) {
        try {
            return client.v1().checkout().sessions().expire(sessionId).getStatus();
        } catch (InvalidRequestException notOpen) {
            return sessionStatus(sessionId);
        } catch (StripeException e) {
            throw unavailable("expiring checkout session " + sessionId, e);
        }
    }

    /** The session's status: {@code open}, {@code complete} or {@code expired}. */
    public String sessionStatus(String sessionId) {
        try {
            return client.v1().checkout().sessions().retrieve(sessionId).getStatus();
        } catch (StripeException e) {
            throw unavailable("reading checkout session " + sessionId, e);
        }
    }

    /**
     * Refunds against the payment intent of a capture, with our {@code refundId} as Stripe's idempotency key: asked
     * again, Stripe answers the refund it made and moves nothing.
     */
    public GatewayRefund refund(RefundOrder order) {
        RefundCreateParams.Builder params = RefundCreateParams.builder()
                .setPaymentIntent(order.paymentGatewayRef())
                .setAmount(toMinor(order.amount(), order.currency()))
                .putMetadata("refund_id", order.refundId())
                .putMetadata("order_ref", order.orderRef());
        if (order.reason() != null && !order.reason().isBlank()) {
            // Stripe's own reason is an enum; ours is free text, kept within its 500-character metadata value
            params.putMetadata("reason", order.reason().length() > 500 ? order.reason().substring(0, 500)
                    : order.reason());
        }
        Refund refund;
        try {
            refund = client.v1().refunds().create(params.build(), key(order.refundId()));
        } catch (IdempotencyException e) {
            throw new RefundKeyConflictException("Stripe already took refund key '" + order.refundId()
                    + "' for a request with other parameters");
        } catch (InvalidRequestException e) {
            // refused outright (already refunded, more than remains, unknown payment intent): nothing moved
            return GatewayRefund.refused(null, describe(e));
        } catch (StripeException e) {
            throw unavailable("refund " + order.refundId(), e);
        }
        String status = refund.getStatus();
        if ("failed".equals(status) || "canceled".equals(status)) {
            return GatewayRefund.refused(refund.getId(), "Stripe refund " + status
                    + (refund.getFailureReason() == null ? "" : ": " + refund.getFailureReason()));
        }
        // succeeded, pending, requires_action: Stripe has taken the refund and reports its end by event
        return GatewayRefund.done(refund.getId());
    }

    /** {@code 47.20 INR} is 4720 paise; whole yen for JPY; thousandths for the three-decimal currencies. */
    public static long toMinor(BigDecimal amount, String currency) {
        try {
            return amount.movePointRight(exponent(currency)).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(Money.format(amount) + " " + currency + " is not a whole number of "
                    + currency + "'s smallest unit");
        }
    }

    /** The inverse of {@link #toMinor}, at {@link Money#SCALE} or more decimals as the currency needs. */
    public static BigDecimal fromMinor(long minor, String currency) {
        BigDecimal amount = BigDecimal.valueOf(minor).movePointLeft(exponent(currency));
        return amount.scale() < Money.SCALE ? amount.setScale(Money.SCALE) : amount;
    }

    private static int exponent(String currency) {
        String c = currency.toUpperCase(Locale.ROOT);
        return ZERO_DECIMAL.contains(c) ? 0 : THREE_DECIMAL.contains(c) ? 3 : 2;
    }

    private static RequestOptions key(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    private static GatewayUnavailableException unavailable(String what, StripeException e) {
        String why;
        if (e instanceof AuthenticationException || e instanceof PermissionException) {
            // Stripe's message echoes part of the key: leave it out
            why = "the secret key was refused (HTTP " + e.getStatusCode() + "); check payment.stripe.secret-key";
        } else if (e instanceof ApiConnectionException) {
            why = "Stripe could not be reached";
        } else {
            why = describe(e);
        }
        return new GatewayUnavailableException("Stripe: " + what + " failed, " + why, e);
    }

    /** Stripe's error, as its parsed fields: never the raw body, never a key. */
    static String describe(StripeException e) {
        StringBuilder s = new StringBuilder();
        if (e.getStatusCode() != null) {
            s.append("HTTP ").append(e.getStatusCode());
        }
        if (e.getStripeError() != null) {
            if (e.getStripeError().getType() != null) {
                s.append(s.isEmpty() ? "" : " ").append(e.getStripeError().getType());
            }
            String message = e.getStripeError().getMessage();
            if (message != null) {
                s.append(s.isEmpty() ? "" : ": ").append(message.length() > 200 ? message.substring(0, 200) : message);
            }
        } else if (s.isEmpty()) {
            s.append(e.getClass().getSimpleName());
        }
        if (e.getCode() != null) {
            s.append(" (").append(e.getCode()).append(')');
        }
        if (e.getRequestId() != null) {
            s.append(" [").append(e.getRequestId()).append(']');
        }
        return s.toString();
    }
}
