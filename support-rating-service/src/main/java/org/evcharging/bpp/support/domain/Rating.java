package org.evcharging.bpp.support.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import org.evcharging.bpp.core.persistence.BecknReferences;

/**
 * One BAP's rating of one thing: the unique key (bap_id, category, rated_id) makes a repeat rating of the same id in
 * the same category replace the earlier one. Besides the id as the BAP gave it, the row keeps what it resolved to
 * (provider, item, fulfillment, order, ticket), which decides the aggregates it counts for.
 */
@Entity
@Table(name = "rating", indexes = {
        @Index(name = "uk_rating_subject", columnList = "bap_id, category, rated_id", unique = true),
        @Index(name = "ix_rating_provider", columnList = "provider_id, category"),
        @Index(name = "ix_rating_item", columnList = "provider_id, item_id, category"),
        @Index(name = "ix_rating_updated", columnList = "updated_at")})
@NamedQueries({
        @NamedQuery(name = "Rating.bySubject", query = "SELECT r FROM Rating r WHERE r.beckn.bapId = :bap AND r.category = :category AND r.ratedId = :id"),
        @NamedQuery(name = "Rating.providerSum", query = "SELECT COALESCE(SUM(r.score), 0), COUNT(r) FROM Rating r WHERE r.providerId = :provider"
                + " AND r.category IN :categories"),
        @NamedQuery(name = "Rating.itemSum", query = "SELECT COALESCE(SUM(r.score), 0), COUNT(r) FROM Rating r WHERE r.providerId = :provider"
                + " AND r.itemId = :item AND r.category IN :categories"),
        @NamedQuery(name = "Rating.itemSums", query = "SELECT r.itemId, COALESCE(SUM(r.score), 0), COUNT(r) FROM Rating r WHERE r.providerId = :provider"
                + " AND r.itemId IS NOT NULL AND r.category IN :categories GROUP BY r.itemId ORDER BY r.itemId")
})
public class Rating {

    public static final int ID_LENGTH = 100;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Enumerated(EnumType.STRING)
    @Column(length = 20, nullable = false)
    private RatingCategory category;

    @Column(name = "rated_id", length = ID_LENGTH, nullable = false)
    private String ratedId;

    /** The value, 1 to 5 ({@code score}: VALUE is a JPQL keyword). */
    @Column(name = "rating_value", nullable = false)
    private int score;

    @Column(name = "provider_id", length = 100)
    private String providerId;

    @Column(name = "item_id", length = 100)
    private String itemId;

    @Column(name = "fulfillment_id", length = 100)
    private String fulfillmentId;

    @Column(name = "order_id", length = 100)
    private String orderId;

    @Column(name = "ticket_ref", length = 20)
    private String ticketRef;

    /** The BAP (part of the unique key), and the transaction and message that gave the value (always set). */
    @Embedded
    private BecknReferences beckn;

    /** The feedback form of the message that gave this value. */
    @Column(name = "feedback_token", length = 64)
    private String feedbackToken;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Rating() {
    }

    /** A new rating, from the message that gives it its first value ({@link #rate}). */
    public Rating(BecknReferences message, RatingCategory category, String ratedId, Instant now) {
        Objects.requireNonNull(message.messageId(), "messageId");
        this.beckn = message;
        this.category = Objects.requireNonNull(category, "category");
        this.ratedId = Objects.requireNonNull(ratedId, "ratedId");
        if (!category.supported()) {
            throw new IllegalArgumentException(category.beckn() + " cannot be rated");
        }
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Gives (or replaces) the value and what the rated id stands for, from one rating message. */
    public void rate(int value, RatedThing thing, String transactionId, String messageId, String feedbackToken,
            Instant now) {
        if (value < 1 || value > 5) {
            throw new IllegalArgumentException("a rating is 1 to 5, not " + value);
        }
        this.score = value;
        this.providerId = thing.providerId();
        this.itemId = thing.itemId();
        this.fulfillmentId = thing.fulfillmentId();
        this.orderId = thing.orderId();
        this.ticketRef = thing.ticketRef();
        // the BAP stays: it is part of the unique key
        this.beckn = BecknReferences.of(beckn.bapId(), transactionId, Objects.requireNonNull(messageId, "messageId"));
        this.feedbackToken = feedbackToken;
        this.updatedAt = now;
    }

    /** The aggregates this rating counts for as it stands. */
    public java.util.Set<AggregateKey> aggregates() {
        return category.aggregates(providerId, itemId);
    }

    public Long id() {
        return id;
    }

    public BecknReferences beckn() {
        return beckn;
    }

    public RatingCategory category() {
        return category;
    }

    public String ratedId() {
        return ratedId;
    }

    public int value() {
        return score;
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

    public String orderId() {
        return orderId;
    }

    public String ticketRef() {
        return ticketRef;
    }

    public String feedbackToken() {
        return feedbackToken;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
