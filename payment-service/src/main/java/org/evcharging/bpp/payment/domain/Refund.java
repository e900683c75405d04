package org.evcharging.bpp.payment.domain;

import static org.evcharging.bpp.payment.domain.Columns.MILLIS;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Money sent back for an order, as the gateway answered. The caller's {@code refundId} (its idempotency key) is the
 * primary key: a second request with the same id can never record, or move, money twice.
 */
@Entity
@Table(name = "ledger_refund", indexes = @Index(name = "ix_ledger_refund_order", columnList = "order_ref"))
@NamedQuery(name = Refund.BY_ORDER, query = "SELECT r FROM Refund r WHERE r.orderRef = :orderRef ORDER BY r.createdAt, r.refundId")
public class Refund {

    public static final String BY_ORDER = "Refund.byOrder";

    public enum Status {
        REFUNDED, FAILED
    }

    @Id
    @Column(name = "refund_id", length = 100)
    private String refundId;

    @Column(name = "order_ref", nullable = false, length = 100)
    private String orderRef;

    /** The payment it gives money back from. */
    @Column(name = "payment_id", nullable = false, length = 36)
    private String paymentId;

    @Column(nullable = false, precision = 14, scale = 2)
    private BigDecimal amount;

    @Column(nullable = false, length = 3)
    private String currency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private Status status;

    @Column(name = "gateway_ref", length = 100)
    private String gatewayRef;

    @Column(length = 500)
    private String reason;

    @Column(name = "created_at", nullable = false, columnDefinition = MILLIS)
    private Instant createdAt;

    protected Refund() {
    }

    public Refund(String refundId, String orderRef, String paymentId, BigDecimal amount, String currency,
            Status status, String gatewayRef, String reason, Instant createdAt) {
        this.refundId = Objects.requireNonNull(refundId, "refundId");
        this.orderRef = Objects.requireNonNull(orderRef, "orderRef");
        this.paymentId = Objects.requireNonNull(paymentId, "paymentId");
        this.amount = Money.of(amount);
        if (this.amount.signum() <= 0) {
            throw new IllegalArgumentException("a refund gives back more than 0");
        }
        this.currency = Objects.requireNonNull(currency, "currency");
        this.status = Objects.requireNonNull(status, "status");
        this.gatewayRef = gatewayRef;
        this.reason = reason;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Did money go back? Only then does it count against the balance. */
    public boolean succeeded() {
        return status == Status.REFUNDED;
    }

    /** Is a repeated request the same refund (same order and amount), so the stored one may answer it? */
    public boolean sameAs(String otherOrderRef, BigDecimal otherAmount) {
        return orderRef.equals(otherOrderRef) && amount.compareTo(otherAmount) == 0;
    }

    public String refundId() {
        return refundId;
    }

    public String orderRef() {
        return orderRef;
    }

    public String paymentId() {
        return paymentId;
    }

    public BigDecimal amount() {
        return amount;
    }

    public String currency() {
        return currency;
    }

    public Status status() {
        return status;
    }

    public String gatewayRef() {
        return gatewayRef;
    }

    public String reason() {
        return reason;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
