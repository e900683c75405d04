package org.evcharging.bpp.payment.domain;

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

/**
 * Money received for an order: one row per captured payment link. The link's id is the primary key, so however
 * often a capture is delivered, a link is counted once.
 */
@Entity
@Table(name = "ledger_payment", indexes = {@Index(name = "ix_ledger_payment_order", columnList = "order_ref"),
        @Index(name = "ix_ledger_payment_owed_back", columnList = "owed_back_because")})
@NamedQuery(name = Payment.BY_ORDER, query = "SELECT p FROM Payment p WHERE p.orderRef = :orderRef ORDER BY p.capturedAt, p.paymentId")
@NamedQuery(name = Payment.OWED_BACK_UNRETURNED, query = "SELECT p FROM Payment p WHERE p.owedBackBecause IS NOT NULL AND NOT EXISTS"
        + " (SELECT r FROM Refund r WHERE r.refundId = CONCAT('" + Payment.RETURN_PREFIX + "', p.paymentId))"
        + " ORDER BY p.capturedAt")
public class Payment {

    public static final String BY_ORDER = "Payment.byOrder";
    public static final String OWED_BACK_UNRETURNED = "Payment.owedBackUnreturned";
    /** The refund id that gives an owed-back payment back: this prefix and the payment's id. */
    public static final String RETURN_PREFIX = "returned-";

    @Id
    @Column(name = "payment_id", length = 36)
    private String paymentId;

    @Column(name = "order_ref", nullable = false, length = 100)
    private String orderRef;

    @Column(nullable = false, precision = 14, scale = 2)
    private BigDecimal amount;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(name = "gateway_ref", length = 100)
    private String gatewayRef;

    /** The gateway event that reported the capture. */
    @Column(name = "event_id", length = 100)
    private String eventId;

    @Column(name = "captured_at", nullable = false, columnDefinition = MILLIS)
    private Instant capturedAt;

    /**
     * Why this money is not the order's and is given back in full (its link had been replaced by another before it
     * was paid); null for the order's own payments.
     */
    @Column(name = "owed_back_because", length = 200)
    private String owedBackBecause;

    protected Payment() {
    }

    public Payment(String paymentId, String orderRef, BigDecimal amount, String currency, String gatewayRef,
            String eventId, Instant capturedAt) {
        this.paymentId = Objects.requireNonNull(paymentId, "paymentId");
        this.orderRef = Objects.requireNonNull(orderRef, "orderRef");
        this.amount = Money.of(amount);
        this.currency = Objects.requireNonNull(currency, "currency");
        this.gatewayRef = gatewayRef;
        this.eventId = eventId;
        this.capturedAt = Objects.requireNonNull(capturedAt, "capturedAt");
    }

    public String paymentId() {
        return paymentId;
    }

    /** This money is given back in full by itself ({@link OwedBackPayments}); other refunds never draw on it. */
    public void oweBack(String because) {
        this.owedBackBecause = Objects.requireNonNull(because, "because");
    }

    public boolean owedBack() {
        return owedBackBecause != null;
    }

    public String owedBackBecause() {
        return owedBackBecause;
    }

    /** The refund id of giving this payment back. */
    public String returnRefundId() {
        return RETURN_PREFIX + paymentId;
    }

    public String orderRef() {
        return orderRef;
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

    public Instant capturedAt() {
        return capturedAt;
    }
}
