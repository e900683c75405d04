package org.evcharging.bpp.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/**
 * The payment link payment-service made for an order: its id (the ledger's key for the order's own payment), where
 * the user pays, and when the link closes (a minute before the slot's hold lapses).
 */
@Embeddable
public class PaymentReference {

    @Column(name = "payment_id", length = 36)
    private String paymentId;

    @Column(name = "payment_url", length = 1000)
    private String url;

    @Column(name = "payment_expires_at", columnDefinition = "DATETIME(3)")
    private Instant expiresAt;

    protected PaymentReference() {
    }

    public PaymentReference(String paymentId, String url, Instant expiresAt) {
        this.paymentId = paymentId;
        this.url = url;
        this.expiresAt = expiresAt;
    }

    public String paymentId() {
        return paymentId;
    }

    public String url() {
        return url;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
