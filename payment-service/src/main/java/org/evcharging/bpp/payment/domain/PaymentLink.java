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
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A payment link: the amount one order asks a person to pay, the page where they pay it, and until when. An order
 * has at most one payable link at a time; a new amount cancels the open one. The link becomes {@code PAID} only
 * through an authenticated gateway event ({@link #capture}), never through the page itself.
 */
@Entity
@Table(name = "payment_link", indexes = @Index(name = "ix_payment_link_order", columnList = "order_ref"))
@NamedQuery(name = PaymentLink.BY_ORDER, query = "SELECT l FROM PaymentLink l WHERE l.orderRef = :orderRef ORDER BY l.createdAt, l.id")
public class PaymentLink {

    public static final String BY_ORDER = "PaymentLink.byOrder";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "order_ref", nullable = false, length = 100)
    private String orderRef;

    @Column(nullable = false, precision = 14, scale = 2)
    private BigDecimal amount;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(length = 200)
    private String description;

    @Column(name = "payer_name", length = 100)
    private String payerName;

    /** For the provider's checkout (prefill, receipt); never logged. */
    @Column(name = "payer_email", length = 254)
    private String payerEmail;

    /** For the provider's checkout (prefill, receipt); never logged. */
    @Column(name = "payer_phone", length = 32)
    private String payerPhone;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private LinkStatus status;

    @Column(name = "created_at", nullable = false, columnDefinition = MILLIS)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false, columnDefinition = MILLIS)
    private Instant expiresAt;

    @Column(name = "paid_at", columnDefinition = MILLIS)
    private Instant paidAt;

    @Column(name = "gateway_ref", length = 100)
    private String gatewayRef;

    @Version
    private long version;

    protected PaymentLink() {
    }

    public PaymentLink(String id, String orderRef, BigDecimal amount, String currency, String description,
            Payer payer, Instant createdAt, Instant expiresAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.orderRef = Objects.requireNonNull(orderRef, "orderRef");
        this.amount = Money.of(amount);
        if (this.amount.signum() <= 0) {
            throw new IllegalArgumentException("a payment link asks for more than 0");
        }
        this.currency = Objects.requireNonNull(currency, "currency");
        this.description = description;
        if (payer != null) {
            this.payerName = payer.name();
            this.payerEmail = payer.email();
            this.payerPhone = payer.phone();
        }
        this.status = LinkStatus.NOT_PAID;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a payment link expires after it is made");
        }
    }

    /** Who is asked to pay, as the caller gave it; each part optional. */
    public record Payer(String name, String email, String phone) {
    }

    /** The status a reader sees at {@code now}: an unpaid link past its expiry is {@code EXPIRED}. */
    public LinkStatus statusAt(Instant now) {
        if ((status == LinkStatus.NOT_PAID || status == LinkStatus.FAILED) && now.isAfter(expiresAt)) {
            return LinkStatus.EXPIRED;
        }
        return status;
    }

    /** May a person pay it now? Unpaid (or declined, to retry) and not expired. */
    public boolean payableAt(Instant now) {
        LinkStatus s = statusAt(now);
        return s == LinkStatus.NOT_PAID || s == LinkStatus.FAILED;
    }

    /** Re-initialising the same order with the same amount gives this link back rather than a new one. */
    public boolean reusableFor(BigDecimal otherAmount, String otherCurrency, Instant now) {
        return statusAt(now) == LinkStatus.NOT_PAID && amount.compareTo(otherAmount) == 0
                && currency.equals(otherCurrency);
    }

    /**
     * The gateway captured the money. A link the order had replaced stays CANCELLED (its money is owed back, and the
     * order may still be paid through its current link); the capture is recorded on it all the same.
     */
    public void capture(String gatewayRef, Instant at) {
        if (status == LinkStatus.CANCELLED) {
            this.gatewayRef = gatewayRef;
            this.paidAt = at;
            return;
        }
        this.status = LinkStatus.PAID;
        this.gatewayRef = gatewayRef;
        this.paidAt = at;
    }

    /** The gateway declined the payment; the person may try again while the link is valid. */
    public void fail(String gatewayRef) {
        if (status == LinkStatus.NOT_PAID || status == LinkStatus.FAILED) {
            this.status = LinkStatus.FAILED;
            this.gatewayRef = gatewayRef;
        }
    }

    /** Replaced by a link for another amount, or no longer wanted. */
    public void cancel() {
        if (status == LinkStatus.NOT_PAID || status == LinkStatus.FAILED) {
            this.status = LinkStatus.CANCELLED;
        }
    }

    public String id() {
        return id;
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

    public String description() {
        return description;
    }

    public Payer payer() {
        return payerName == null && payerEmail == null && payerPhone == null ? null
                : new Payer(payerName, payerEmail, payerPhone);
    }

    public LinkStatus storedStatus() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant paidAt() {
        return paidAt;
    }

    public String gatewayRef() {
        return gatewayRef;
    }
}
