package org.evcharging.bpp.payment.infrastructure.gateway.sandbox;

import static org.evcharging.bpp.payment.domain.Columns.MILLIS;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import org.evcharging.bpp.payment.domain.Money;
import org.evcharging.bpp.payment.infrastructure.gateway.RefundOrder;

/**
 * A refund the sandbox provider made: its own record, not our ledger's. The caller's idempotency key
 * ({@code refundId}) is the primary key, as at Razorpay or Stripe: the same key again gets this refund back and moves
 * no money. The row is committed before the provider answers, so it stays when the answer is lost or the caller's
 * transaction rolls back; comparing it with the ledger shows whether money moved once at both ends.
 */
@Entity
@Table(name = "sandbox_refund", indexes = @Index(name = "ix_sandbox_refund_order", columnList = "order_ref"))
@NamedQuery(name = SandboxRefund.BY_ORDER, query = "SELECT r FROM SandboxRefund r WHERE r.orderRef = :orderRef ORDER BY r.refundedAt, r.refundId")
public class SandboxRefund {

    public static final String BY_ORDER = "SandboxRefund.byOrder";

    @Id
    @Column(name = "refund_id", length = 100)
    private String refundId;

    /** The merchant's reference, as a provider keeps it in the refund's notes (Razorpay) or metadata (Stripe). */
    @Column(name = "order_ref", nullable = false, length = 100)
    private String orderRef;

    @Column(name = "payment_id", nullable = false, length = 36)
    private String paymentId;

    @Column(name = "payment_gateway_ref", length = 100)
    private String paymentGatewayRef;

    @Column(nullable = false, precision = 14, scale = 2)
    private BigDecimal amount;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(name = "gateway_ref", nullable = false, length = 100)
    private String gatewayRef;

    @Column(name = "refunded_at", nullable = false, columnDefinition = MILLIS)
    private Instant refundedAt;

    protected SandboxRefund() {
    }

    public SandboxRefund(RefundOrder order, String gatewayRef, Instant refundedAt) {
        Objects.requireNonNull(order, "order");
        this.refundId = Objects.requireNonNull(order.refundId(), "refundId");
        this.orderRef = Objects.requireNonNull(order.orderRef(), "orderRef");
        this.paymentId = Objects.requireNonNull(order.paymentId(), "paymentId");
        this.paymentGatewayRef = order.paymentGatewayRef();
        this.amount = Money.of(order.amount());
        if (this.amount.signum() <= 0) {
            throw new IllegalArgumentException("a refund gives back more than 0");
        }
        this.currency = Objects.requireNonNull(order.currency(), "currency");
        this.gatewayRef = Objects.requireNonNull(gatewayRef, "gatewayRef");
        this.refundedAt = Objects.requireNonNull(refundedAt, "refundedAt");
    }

    /** Is {@code order} this refund asked again (same payment, amount and currency), so it may be answered with it? */
    public boolean sameAs(RefundOrder order) {
        return paymentId.equals(order.paymentId()) && amount.compareTo(order.amount()) == 0
                && currency.equals(order.currency());
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

    public String gatewayRef() {
        return gatewayRef;
    }

    public Instant refundedAt() {
        return refundedAt;
    }
}
