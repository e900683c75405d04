package org.evcharging.bpp.order.domain;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
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
import org.evcharging.bpp.core.persistence.BecknReferences;

/**
 * An order of one Beckn transaction: what was booked (the quote it was made from, the charger or swap station and
 * slot), who pays (billing, never logged), the payment link, and where it is in its life. Created by {@code init}
 * as a draft that holds its slot, made ACTIVE by a paid {@code confirm}. Its id is the Beckn {@code order.id}.
 * What is not its life and booking is kept in parts of its own: where it came from ({@link BecknReferences}), who
 * pays ({@link Billing}), who charges ({@link CustomerAndVehicle}), the payment link ({@link PaymentReference}), the
 * cancellation ({@link Cancellation}) and the money at the end ({@link Settlement}); their columns are those of the
 * flat table before, so existing databases need no migration. The order still answers for its parts
 * ({@code billingName()}, {@code refundStatus()}...), so that its readers did not change when they were split out:
 * those accessors are most of its length.
 */
@Entity(name = "BecknOrder")
@Cacheable(false)
@Table(name = "orders", indexes = {@Index(name = "ix_order_txn", columnList = "bap_id, transaction_id"),
        @Index(name = "ix_order_status", columnList = "status, hold_until"),
        @Index(name = "ix_order_refund", columnList = "refund_status"),
        @Index(name = "ux_order_tracking", columnList = "tracking_token", unique = true)})
@NamedQuery(name = "Order.ofTransaction", query = "SELECT o FROM BecknOrder o WHERE o.beckn.bapId = :bap"
        + " AND o.beckn.transactionId = :txn ORDER BY o.createdAt DESC")
@NamedQuery(name = "Order.expiredDrafts", query = "SELECT o.id FROM BecknOrder o WHERE o.status = :draft"
        + " AND o.holdUntil < :now")
@NamedQuery(name = "Order.unsettledLapses", query = "SELECT o.id FROM BecknOrder o WHERE o.status IN :lapsed"
        + " AND o.confirmedAt IS NULL AND o.lapseSettled = FALSE AND o.payment.paymentId IS NOT NULL AND o.holdUntil < :before")
@NamedQuery(name = "Order.byTrackingToken", query = "SELECT o FROM BecknOrder o WHERE o.trackingToken = :token")
@NamedQuery(name = "Order.refundsDue", query = "SELECT o.id FROM BecknOrder o WHERE o.settlement.refundStatus = :pending"
        + " ORDER BY o.updatedAt")
public class Order {

    @Id
    @Column(length = 36)
    private String id;

    /** The BAP, its transaction, and the message (init) that made the order. */
    @Embedded
    private BecknReferences beckn;

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

    @Embedded
    private Billing billing;

    @Embedded
    private CustomerAndVehicle customer;

    @Embedded
    private PaymentReference payment;

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

    @Embedded
    private Cancellation cancellation;

    /** The key of the order's public tracking page ({@link org.evcharging.bpp.core.rest.PageTokens}); null until a BAP first tracks it. */
    @Column(name = "tracking_token", length = 43)
    private String trackingToken;

    @Embedded
    private Settlement settlement = new Settlement();

    @Version
    private long version;

    /** Where the refund of an order stands: PENDING until payment-service answered; REFUSED needs a person. */
    public enum RefundStatus {
        PENDING, REFUNDED, REFUSED
    }

    protected Order() {
    }

    public Order(String id, BecknReferences beckn, Instant now) {
        this.id = Objects.requireNonNull(id);
        this.beckn = Objects.requireNonNull(beckn);
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
        this.billing = new Billing(name, email, phone);
    }

    public void customer(String name, String phone, String vehicleCategory, String vehicleRegistration) {
        this.customer = new CustomerAndVehicle(name, phone, vehicleCategory, vehicleRegistration);
    }

    public void payment(String paymentId, String url, Instant expiresAt) {
        this.payment = new PaymentReference(paymentId, url, expiresAt);
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

    /** The order gets its tracking page, once: a token it has is kept (links given out stay valid). */
    public void trackWith(String token) {
        if (trackingToken == null) {
            this.trackingToken = Objects.requireNonNull(token);
        }
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
        settlement.billed(finalAmount, finalBill);
        this.updatedAt = now;
        settlement.owe(total.subtract(finalAmount), "settle-" + id, "settlement: " + endState);
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
        this.cancellation = who.at(now, fee);
        settlement.billed(deliveredAmount, deliveredBill);
        this.holdUntil = holdUntil != null && confirmedAt == null ? holdUntil : null;
        this.updatedAt = now;
        settlement.owe(refund, "cancel-" + id, "cancelled by " + who.by() + ": " + endState);
    }

    /** payment-service answered the refund. */
    public void refunded(boolean done, Instant now) {
        settlement.refunded(done);
        this.updatedAt = now;
    }

    public void refundAttempted(Instant now) {
        settlement.attempted();
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

    public BecknReferences beckn() {
        return beckn;
    }

    public Billing billing() {
        return billing;
    }

    public CustomerAndVehicle customer() {
        return customer;
    }

    public PaymentReference payment() {
        return payment;
    }

    /** Who cancelled, why, when and the fee; null unless cancelled. */
    public Cancellation cancellation() {
        return cancellation;
    }

    public Settlement settlement() {
        return settlement;
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
        return billing == null ? null : billing.name();
    }

    public String billingEmail() {
        return billing == null ? null : billing.email();
    }

    public String billingPhone() {
        return billing == null ? null : billing.phone();
    }

    public String customerName() {
        return customer == null ? null : customer.name();
    }

    public String customerPhone() {
        return customer == null ? null : customer.phone();
    }

    public String vehicleCategory() {
        return customer == null ? null : customer.vehicleCategory();
    }

    public String paymentId() {
        return payment == null ? null : payment.paymentId();
    }

    public String paymentUrl() {
        return payment == null ? null : payment.url();
    }

    public Instant paymentExpiresAt() {
        return payment == null ? null : payment.expiresAt();
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

    public String trackingToken() {
        return trackingToken;
    }

    public Instant updatedAt() {
        return updatedAt;
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
        return settlement.finalAmount();
    }

    public String finalBill() {
        return settlement.finalBill();
    }

    public BigDecimal cancellationFee() {
        return cancellation == null ? null : cancellation.fee();
    }

    public String cancelReasonId() {
        return cancellation == null ? null : cancellation.reasonId();
    }

    public String cancelledBy() {
        return cancellation == null ? null : cancellation.by();
    }

    public String cancelNote() {
        return cancellation == null ? null : cancellation.note();
    }

    public Instant cancelledAt() {
        return cancellation == null ? null : cancellation.at();
    }

    public String refundId() {
        return settlement.refundId();
    }

    public BigDecimal refundAmount() {
        return settlement.refundAmount();
    }

    public RefundStatus refundStatus() {
        return settlement.refundStatus();
    }

    public int refundAttempts() {
        return settlement.refundAttempts();
    }

    public String refundReason() {
        return settlement.refundReason();
    }
}
