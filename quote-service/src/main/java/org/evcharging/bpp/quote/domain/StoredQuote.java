package org.evcharging.bpp.quote.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.evcharging.bpp.core.persistence.BecknReferences;

/**
 * A quote as sent in {@code on_select}: what was asked (the select's order), what it costs (the breakup), until when
 * it may be booked. The order service re-verifies bookings against it.
 */
@Entity
@Table(name = "quote", indexes = @Index(name = "ix_quote_txn", columnList = "transaction_id"))
@NamedQuery(name = "StoredQuote.latestOfTransaction", query = "SELECT q FROM StoredQuote q WHERE q.beckn.transactionId = :txn"
        + " AND q.beckn.bapId = :bap ORDER BY q.createdAt DESC")
public class StoredQuote {

    @Id
    @Column(length = 36)
    private String id;

    /** The BAP and transaction that asked, and the select's message (none on quotes stored before it was kept). */
    @Embedded
    private BecknReferences beckn;

    @Column(name = "provider_id", nullable = false, length = 100)
    private String providerId;

    @Column(name = "item_id", nullable = false, length = 100)
    private String itemId;

    @Column(name = "fulfillment_id", length = 100)
    private String fulfillmentId;

    @Column(nullable = false, precision = 14, scale = 3)
    private BigDecimal quantity;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(nullable = false, precision = 14, scale = 2)
    private BigDecimal total;

    @Lob
    @Column(name = "breakup", nullable = false)
    private String breakup;

    @Lob
    @Column(name = "request", nullable = false)
    private String request;

    /** The on_select {@code order} as sent (provider, item, fulfillment with its slot, quote): what init books. */
    @Lob
    @Column(name = "quoted_order", columnDefinition = "LONGTEXT")
    private String quotedOrder;

    /**
     * The priced lines ({@link PricedLines}, JSON), so that the final bill applies the quote's own discounts and taxes
     * again. Null for quotes stored before it was kept: their bill is read from {@code breakup}.
     */
    @Lob
    @Column(name = "priced_lines", columnDefinition = "LONGTEXT")
    private String pricedLines;

    @Column(name = "created_at", nullable = false, columnDefinition = "DATETIME(3)")
    private Instant createdAt;

    @Column(name = "valid_until", nullable = false, columnDefinition = "DATETIME(3)")
    private Instant validUntil;

    protected StoredQuote() {
    }

    public StoredQuote(String id, BecknReferences beckn, String providerId, String itemId,
            String fulfillmentId, BigDecimal quantity, String currency, BigDecimal total, String breakup,
            String request, String quotedOrder, String pricedLines, Instant createdAt, Instant validUntil) {
        this.id = id;
        this.beckn = beckn;
        this.providerId = providerId;
        this.itemId = itemId;
        this.fulfillmentId = fulfillmentId;
        this.quantity = quantity;
        this.currency = currency;
        this.total = total;
        this.breakup = breakup;
        this.request = request;
        this.quotedOrder = quotedOrder;
        this.pricedLines = pricedLines;
        this.createdAt = createdAt;
        this.validUntil = validUntil;
    }

    public String id() {
        return id;
    }

    public BecknReferences beckn() {
        return beckn;
    }

    public String request() {
        return request;
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

    public BigDecimal quantity() {
        return quantity;
    }

    public String quotedOrder() {
        return quotedOrder;
    }

    public String pricedLines() {
        return pricedLines;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public BigDecimal total() {
        return total;
    }

    public String currency() {
        return currency;
    }

    public String breakup() {
        return breakup;
    }

    public Instant validUntil() {
        return validUntil;
    }

    public boolean validAt(Instant at) {
        return at.isBefore(validUntil);
    }
}
