package org.evcharging.bpp.order.domain;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * An order of one Beckn transaction: what was booked (the quote it was made from, the charger or swap station and
 * slot), who pays (billing, never logged), the payment link, and where it is in its life. Created by {@code init}
 * as a draft that holds its slot, made ACTIVE by a paid {@code confirm}. Its id is the Beckn {@code order.id}.
 */
@Entity(name = "BecknOrder")
@Cacheable(false)
@Table(name = "orders", indexes = {@Index(name = "ix_order_txn", columnList = "bap_id, transaction_id"),
        @Index(name = "ix_order_status", columnList = "status, hold_until"),
        @Index(name = "ix_order_refund", columnList = "refund_status")})
@NamedQuery(name = "Order.ofTransaction", query = "SELECT o FROM BecknOrder o WHERE o.bapId = :bap"
        + " AND o.transactionId = :txn ORDER BY o.createdAt DESC")
@NamedQuery(name = "Order.expiredDrafts", query = "SELECT o.id FROM BecknOrder o WHERE o.status = :draft"
        + " AND o.holdUntil < :now")
@NamedQuery(name = "Order.unsettledLapses", query = "SELECT o.id FROM BecknOrder o WHERE o.status IN :lapsed"
        + " AND o.confirmedAt IS NULL AND o.lapseSettled = FALSE AND o.paymentId IS NOT NULL AND o.holdUntil < :before")
@NamedQuery(name = "Order.refundsDue", query = "SELECT o.id FROM BecknOrder o WHERE o.refundStatus = :pending"
        + " ORDER BY o.updatedAt")
public class Order {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "transaction_id", nullable = false, length = 100)
    private String transactionId;

    @Column(name = "bap_id", nullable = false, length = 190)
    private String bapId;

    @Column(name = "provider_id", nullable = false, length = 100)
    private String providerId;

    @Column(name = "item_id", nullable = false, length = 100)
    private String itemId;

    /** The connector or swap station booked (a fulfillment id of on_search); null when none was chosen. */
    @Column(name = "fulfillment_id", length = 100)
    private String fulfillmentId;

    @Column(name = "fulfillment_type", nullable = false, length = 30)
    private String fulfillmentType;

    @Column(name = "quote_id", nullable = false, length = 36)
    private String quoteId;

    @Column(nullable = false, precision = 14, scale = 3)
    private BigDecimal quantity;

    @Column(nullable = false, precision = 14, scale = 2)
    private BigDecimal total;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(name = "slot_start", columnDefinition = "DATETIME(3)")
    private Instant slotStart;

    @Column(name = "slot_end", columnDefinition = "DATETIME(3)")
    private Instant slotEnd;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private OrderStatus status;

    /** The fulfillment state code ({@link FulfillmentState}). */
    @Column(nullable = false, length = 40)
    private String state;

    @Column(name = "billing_name", length = 200)
    private String billingName;

    @Column(name = "billing_email", length = 254)
    private String billingEmail;

    @Column(name = "billing_phone", length = 40)
    private String billingPhone;

    @Column(name = "customer_name", length = 200)
    private String customerName;

    @Column(name = "customer_phone", length = 40)
    private String customerPhone;

    @Column(name = "vehicle_category", length = 40)
    private String vehicleCategory;

    @Column(name = "vehicle_registration", length = 40)
    private String vehicleRegistration;

    @Column(name = "payment_id", length = 36)
    private String paymentId;

    @Column(name = "payment_url", length = 1000)
    private String paymentUrl;

    @Column(name = "payment_expires_at", columnDefinition = "DATETIME(3)")
    private Instant paymentExpiresAt;

    @Column(name = "station_gps", length = 60)
    private String stationGps;

    @Column(name = "station_id", length = 100)
    private String stationId;

    /** The on_select order the quote was sent as (provider, items, fulfillment tags, quote with breakup). */
    @Lob
    @Column(name = "quoted_order", nullable = false, columnDefinition = "LONGTEXT")
    private String quotedOrder;

    /** The context of the request that made the order, for callbacks the BPP sends on its own later. */
    @Lob
    @Column(name = "request_context", nullable = false, columnDefinition = "LONGTEXT")
    private String requestContext;

    /** Until when a draft holds its slot (the quote's validity); null once it is ACTIVE. */
    @Column(name = "hold_until", columnDefinition = "DATETIME(3)")
    private Instant holdUntil;

    @Column(name = "created_at", nullable = false, columnDefinition = "DATETIME(3)")
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false, columnDefinition = "DATETIME(3)")
    private Instant updatedAt;

    @Column(name = "confirmed_at", columnDefinition = "DATETIME(3)")
    private Instant confirmedAt;

    /** For an order that lapsed unconfirmed: whatever was paid for it has been refunded (or nothing was paid). */
    @Column(name = "lapse_settled", nullable = false)
    private boolean lapseSettled;

    /** The bill priced from what was delivered (on_update charging-ended), or null before the end. */
    @Column(name = "final_amount", precision = 14, scale = 2)
    private BigDecimal finalAmount;

    /** The final bill's breakup as Beckn JSON (quote-service's settlement), or null. */
    @Lob
    @Column(name = "final_bill", columnDefinition = "LONGTEXT")
    private String finalBill;

    /** Kept by the terms when a user cancels after the start. */
    @Column(name = "cancellation_fee", precision = 14, scale = 2)
    private BigDecimal cancellationFee;

    @Column(name = "cancel_reason_id", length = 10)
    private String cancelReasonId;

    @Column(name = "cancelled_by", length = 10)
    private String cancelledBy;

    /** Why, in words: the reason's text, or what the provider said (never the BAP's free text). */
    @Column(name = "cancel_note", length = 200)
    private String cancelNote;

    @Column(name = "cancelled_at", columnDefinition = "DATETIME(3)")
    private Instant cancelledAt;

    /** The money going back: its id (payment-service's idempotency key), amount and where it stands. */
    @Column(name = "refund_id", length = 100)
    private String refundId;

    @Column(name = "refund_amount", precision = 14, scale = 2)
    private BigDecimal refundAmount;

    @Enumerated(EnumType.STRING)
    @Column(name = "refund_status", length = 12)
    private RefundStatus refundStatus;

    @Column(name = "refund_attempts", nullable = false)
    private int refundAttempts;

    @Column(name = "refund_reason", length = 200)
    private String refundReason;

    @Version
    private long version;

    /** Where the refund of an order stands: PENDING until payment-service answered; REFUSED needs a person. */
    public enum RefundStatus {
        PENDING, REFUNDED, REFUSED
    }

    protected Order() {
    }

    public Order(String id, String transactionId, String bapId, Instant now) {
        this.id = Objects.requireNonNull(id);
        this.transactionId = Objects.requireNonNull(transactionId);
        this.bapId = Objects.requireNonNull(bapId);
        this.status = OrderStatus.DRAFT;
        this.state = FulfillmentState.ORDER_INITIATED;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** What a (re-)init books: the quote and what it quoted. */
    public void book(Booked b, Instant now) {
        if (status != OrderStatus.DRAFT) {
            throw new IllegalStateException("order " + id + " is " + status + ", not a draft");
        }
        this.providerId = b.providerId();
        this.itemId = b.itemId();
        this.fulfillmentId = b.fulfillmentId();
        this.fulfillmentType = b.fulfillmentType();
        this.quoteId = b.quoteId();
        this.quantity = b.quantity();
        this.total = b.total().setScale(2, java.math.RoundingMode.UNNECESSARY);
        this.currency = b.currency();
        this.slotStart = b.slotStart();
        this.slotEnd = b.slotEnd();
        this.quotedOrder = b.quotedOrder();
        this.holdUntil = b.holdUntil();
        this.updatedAt = now;
    }

    /** A booking as init makes it, from the quote. */
    public record Booked(String providerId, String itemId, String fulfillmentId, String fulfillmentType, String quoteId,
                         BigDecimal quantity, BigDecimal total, String currency, Instant slotStart, Instant slotEnd,
                         String quotedOrder, Instant holdUntil) {
    }

    public void billing(String name, String email, String phone) {
        this.billingName = name;
        this.billingEmail = email;
        this.billingPhone = phone;
    }

    public void customer(String name, String phone, String vehicleCategory, String vehicleRegistration) {
        this.customerName = name;
        this.customerPhone = phone;
        this.vehicleCategory = vehicleCategory;
        this.vehicleRegistration = vehicleRegistration;
    }

    public void payment(String paymentId, String url, Instant expiresAt) {
        this.paymentId = paymentId;
        this.paymentUrl = url;
        this.paymentExpiresAt = expiresAt;
    }

    public void station(String id, String gps) {
        this.stationId = id;
        this.stationGps = gps;
    }

    public void context(String requestContext) {
        this.requestContext = requestContext;
    }

    /** A paid confirm: the order is ACTIVE and keeps its slot for good. */
    public void activate(Instant now) {
        this.status = OrderStatus.ACTIVE;
        this.state = isSwap() ? FulfillmentState.SWAP_SCHEDULED : FulfillmentState.PAYMENT_COMPLETED;
        this.holdUntil = null;
        this.confirmedAt = now;
        this.updatedAt = now;
    }

    /** A draft whose time ran out before it was paid and confirmed. */
    public void expire(Instant now) {
        this.status = OrderStatus.EXPIRED;
        this.state = FulfillmentState.ORDER_EXPIRED;
        this.updatedAt = now;
    }

    /** Is this a battery swap (at a station or mobile) rather than charging? */
    public boolean isSwap() {
        return fulfillmentType != null && fulfillmentType.contains("SWAP");
    }

    /** The fulfillment moves on (charging-started, swap-in-progress...), the order stays ACTIVE. */
    public void progress(String newState, Instant now) {
        requireStatus(OrderStatus.ACTIVE);
        this.state = newState;
        this.updatedAt = now;
    }

    /** Delivered and billed: the final amount and its breakup; what was prepaid above it goes back. */
    public void complete(String endState, BigDecimal finalAmount, String finalBill, Instant now) {
        requireStatus(OrderStatus.ACTIVE);
        this.status = OrderStatus.COMPLETE;
        this.state = endState;
        this.finalAmount = finalAmount;
        this.finalBill = finalBill;
        this.updatedAt = now;
        owe(total.subtract(finalAmount), "settle-" + id, "settlement: " + endState);
    }

    /** Who cancelled ({@code BAP} or {@code PROVIDER}), the reason's id (the user's) and why, in words. */
    public record Cancellation(String by, String reasonId, String note) {
        public static final String BY_BAP = "BAP";
        public static final String BY_PROVIDER = "PROVIDER";

        public Cancellation {
            Objects.requireNonNull(by, "by");
            // a charger's own error text may carry anything: no control or format characters (line and paragraph
            // separators, bidirectional overrides), at most the column's length in whole characters
            note = note == null ? null : note.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", " ").strip();
            if (note != null && note.codePointCount(0, note.length()) > 200) {
                note = note.substring(0, note.offsetByCodePoints(0, 200));
            }
            note = note == null || note.isEmpty() ? null : note;
        }
    }

    /**
     * Cancelled by the user or the provider: what is still owed to the user goes back. The bill of what was delivered
     * (null when nothing was) and the fee are kept for the answer.
     */
    public void cancel(String endState, Cancellation who, BigDecimal refund, BigDecimal fee, BigDecimal deliveredAmount,
                       String deliveredBill, Instant now) {
        if (status != OrderStatus.ACTIVE && status != OrderStatus.DRAFT) {
            throw new IllegalStateException("order " + id + " is " + status);
        }
        this.status = OrderStatus.CANCELLED;
        this.state = endState;
        this.cancelledBy = who.by();
        this.cancelReasonId = who.reasonId();
        this.cancelNote = who.note();
        this.cancelledAt = now;
        this.cancellationFee = fee;
        this.finalAmount = deliveredAmount;
        this.finalBill = deliveredBill;
        this.holdUntil = holdUntil != null && confirmedAt == null ? holdUntil : null;
        this.updatedAt = now;
        owe(refund, "cancel-" + id, "cancelled by " + who.by() + ": " + endState);
    }

    private void owe(BigDecimal amount, String refundId, String reason) {
        if (amount != null && amount.signum() > 0) {
            this.refundId = refundId;
            this.refundAmount = amount.setScale(2, java.math.RoundingMode.UNNECESSARY);
            this.refundStatus = RefundStatus.PENDING;
            this.refundReason = reason;
        } else {
            this.refundAmount = BigDecimal.ZERO.setScale(2);
        }
    }

    /** payment-service answered the refund. */
    public void refunded(boolean done, Instant now) {
        this.refundStatus = done ? RefundStatus.REFUNDED : RefundStatus.REFUSED;
        this.updatedAt = now;
    }

    public void refundAttempted(Instant now) {
        this.refundAttempts++;
        this.updatedAt = now;
    }

    private void requireStatus(OrderStatus expected) {
        if (status != expected) {
            throw new IllegalStateException("order " + id + " is " + status + ", not " + expected);
        }
    }

    public void lapseSettled(Instant now) {
        this.lapseSettled = true;
        this.updatedAt = now;
    }

    public boolean holdExpiredAt(Instant now) {
        return status == OrderStatus.DRAFT && holdUntil != null && !now.isBefore(holdUntil);
    }

    public String id() {
        return id;
    }

    public String transactionId() {
        return transactionId;
    }

    public String bapId() {
        return bapId;
    }

    public String providerId() {
        return providerId;
    }

    public String itemId() {
        return itemId;
    }

    public String fulfillmentId() {
        return fulfillmentId;
    }

    public String fulfillmentType() {
        return fulfillmentType;
    }

    public String quoteId() {
        return quoteId;
    }

    public BigDecimal quantity() {
        return quantity;
    }

    public BigDecimal total() {
        return total;
    }

    public String currency() {
        return currency;
    }

    public Instant slotStart() {
        return slotStart;
    }

    public Instant slotEnd() {
        return slotEnd;
    }

    public OrderStatus status() {
        return status;
    }

    public String state() {
        return state;
    }

    public String billingName() {
        return billingName;
    }

    public String billingEmail() {
        return billingEmail;
    }

    public String billingPhone() {
        return billingPhone;
    }

    public String customerName() {
        return customerName;
    }

    public String customerPhone() {
        return customerPhone;
    }

    public String vehicleCategory() {
        return vehicleCategory;
    }

    public String paymentId() {
        return paymentId;
    }

    public String paymentUrl() {
        return paymentUrl;
    }

    public Instant paymentExpiresAt() {
        return paymentExpiresAt;
    }

    public String stationGps() {
        return stationGps;
    }

    public String stationId() {
        return stationId;
    }

    public String quotedOrder() {
        return quotedOrder;
    }

    public String requestContext() {
        return requestContext;
    }

    public Instant holdUntil() {
        return holdUntil;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant confirmedAt() {
        return confirmedAt;
    }

    public BigDecimal finalAmount() {
        return finalAmount;
    }

    public String finalBill() {
        return finalBill;
    }

    public BigDecimal cancellationFee() {
        return cancellationFee;
    }

    public String cancelReasonId() {
        return cancelReasonId;
    }

    public String cancelledBy() {
        return cancelledBy;
    }

    public String cancelNote() {
        return cancelNote;
    }

    public Instant cancelledAt() {
        return cancelledAt;
    }

    public String refundId() {
        return refundId;
    }

    public BigDecimal refundAmount() {
        return refundAmount;
    }

    public RefundStatus refundStatus() {
        return refundStatus;
    }

    public int refundAttempts() {
        return refundAttempts;
    }

    public String refundReason() {
        return refundReason;
    }
}
