package org.evcharging.bpp.order.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Lob;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What an ended or cancelled order's money came to: the bill of what was delivered, and what is owed back of the
 * prepaid total with where that refund stands. Written with the order's state change, so a refund cannot be
 * forgotten; the refund worker then asks payment-service until it answers.
 */
@Embeddable
public class Settlement {

    /** The bill priced from what was delivered (on_update charging-ended), or null before the end. */
    @Column(name = "final_amount", precision = 14, scale = 2)
    private BigDecimal finalAmount;

    /** The final bill's breakup as Beckn JSON (quote-service's settlement), or null. */
    @Lob
    @Column(name = "final_bill", columnDefinition = "LONGTEXT")
    private String finalBill;

    /** The money going back: its id (payment-service's idempotency key), amount and where it stands. */
    @Column(name = "refund_id", length = 100)
    private String refundId;

    @Column(name = "refund_amount", precision = 14, scale = 2)
    private BigDecimal refundAmount;

    @Enumerated(EnumType.STRING)
    @Column(name = "refund_status", length = 12)
    private Order.RefundStatus refundStatus;

    @Column(name = "refund_attempts", nullable = false)
    private int refundAttempts;

    @Column(name = "refund_reason", length = 200)
    private String refundReason;

    /** Nothing billed or owed yet. */
    public Settlement() {
    }

    /** The bill of what was delivered (null when nothing was). */
    void billed(BigDecimal amount, String bill) {
        this.finalAmount = amount;
        this.finalBill = bill;
    }

    /** Owes {@code amount} back (a refund PENDING under {@code id}); nothing owed is a refund of zero. */
    void owe(BigDecimal amount, String id, String reason) {
        if (amount != null && amount.signum() > 0) {
            this.refundId = id;
            this.refundAmount = amount.setScale(2, RoundingMode.UNNECESSARY);
            this.refundStatus = Order.RefundStatus.PENDING;
            this.refundReason = reason;
        } else {
            this.refundAmount = BigDecimal.ZERO.setScale(2);
        }
    }

    void refunded(boolean done) {
        this.refundStatus = done ? Order.RefundStatus.REFUNDED : Order.RefundStatus.REFUSED;
    }

    void attempted() {
        this.refundAttempts++;
    }

    public BigDecimal finalAmount() {
        return finalAmount;
    }

    public String finalBill() {
        return finalBill;
    }

    public String refundId() {
        return refundId;
    }

    public BigDecimal refundAmount() {
        return refundAmount;
    }

    public Order.RefundStatus refundStatus() {
        return refundStatus;
    }

    public int refundAttempts() {
        return refundAttempts;
    }

    public String refundReason() {
        return refundReason;
    }
}
