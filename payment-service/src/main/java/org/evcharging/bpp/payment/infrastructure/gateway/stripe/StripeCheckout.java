package org.evcharging.bpp.payment.infrastructure.gateway.stripe;

import static org.evcharging.bpp.payment.domain.Columns.MILLIS;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * The Stripe Checkout Session of a payment link, keyed by the link, so that every view of the link answers the same
 * checkout URL and a person can never be sent to two payable sessions of one link. The request is written down
 * before it is sent ({@code attempt}, {@code askedExpiresAt}): a retry sends exactly the same parameters under the
 * same idempotency key, and Stripe answers the session it made first. A new attempt is started only when the session
 * is spent (expired, or its payment failed) or Stripe refused the request itself.
 */
@Entity
@Table(name = "stripe_checkout")
public class StripeCheckout {

    @Id
    @Column(name = "payment_id", length = 36)
    private String paymentId;

    @Column(nullable = false)
    private int attempt;

    /** The {@code expires_at} asked of Stripe for this attempt. */
    @Column(name = "asked_expires_at", nullable = false, columnDefinition = MILLIS)
    private Instant askedExpiresAt;

    @Column(name = "session_id", length = 255)
    private String sessionId;

    @Column(length = 2048)
    private String url;

    @Column(name = "session_expires_at", columnDefinition = MILLIS)
    private Instant sessionExpiresAt;

    @Column(name = "updated_at", nullable = false, columnDefinition = MILLIS)
    private Instant updatedAt;

    protected StripeCheckout() {
    }

    public StripeCheckout(String paymentId, int attempt, Instant askedExpiresAt, Instant at) {
        this.paymentId = Objects.requireNonNull(paymentId, "paymentId");
        this.attempt = attempt;
        this.askedExpiresAt = Objects.requireNonNull(askedExpiresAt, "askedExpiresAt");
        this.updatedAt = Objects.requireNonNull(at, "at");
    }

    /** The idempotency key of this attempt's session request. */
    public String idempotencyKey() {
        return "checkout-" + paymentId + "-" + attempt;
    }

    void made(String sessionId, String url, Instant sessionExpiresAt, Instant at) {
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.url = Objects.requireNonNull(url, "url");
        this.sessionExpiresAt = sessionExpiresAt;
        this.updatedAt = at;
    }

    void next(Instant askedExpiresAt, Instant at) {
        this.attempt++;
        this.askedExpiresAt = Objects.requireNonNull(askedExpiresAt, "askedExpiresAt");
        this.sessionId = null;
        this.url = null;
        this.sessionExpiresAt = null;
        this.updatedAt = at;
    }

    public String paymentId() {
        return paymentId;
    }

    public int attempt() {
        return attempt;
    }

    public Instant askedExpiresAt() {
        return askedExpiresAt;
    }

    public String sessionId() {
        return sessionId;
    }

    public String url() {
        return url;
    }

    public Instant sessionExpiresAt() {
        return sessionExpiresAt;
    }
}
