package org.evcharging.bpp.support.domain;

import org.evcharging.bpp.core.rest.PageTokens;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ConstraintMode;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.evcharging.bpp.core.persistence.BecknReferences;

/**
 * The feedback form of one rating message, linked from its {@code on_rating}: the unguessable token in its URL is
 * the only key to it (the user opens it from the BAP's app, without an account). It shows what was rated and takes
 * one comment, which may be changed while the form is open.
 */
@Entity
@Table(name = "feedback_form", indexes = {
        @Index(name = "ix_feedback_submitted", columnList = "submitted_at"),
        @Index(name = "ix_feedback_bap", columnList = "bap_id, transaction_id")})
@NamedQueries({
        @NamedQuery(name = "FeedbackForm.submitted", query = "SELECT f FROM FeedbackForm f WHERE f.submittedAt IS NOT NULL ORDER BY f.submittedAt DESC"),
        @NamedQuery(name = "FeedbackForm.submittedFor", query = "SELECT DISTINCT f FROM FeedbackForm f JOIN f.subjects s WHERE s.providerId = :provider"
                + " AND f.submittedAt IS NOT NULL ORDER BY f.submittedAt DESC")
})
public class FeedbackForm {

    public static final int COMMENT_LENGTH = 2000;

    @Id
    @Column(length = 64)
    private String token;

    /** The rating message the form belongs to (its message id always set). */
    @Embedded
    private BecknReferences beckn;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "feedback_subject", joinColumns = @JoinColumn(name = "token"), foreignKey = @ForeignKey(name = "fk_feedback_subject_form", value = ConstraintMode.NO_CONSTRAINT), indexes = @Index(name = "ix_feedback_subject_provider", columnList = "provider_id"))
    @OrderColumn(name = "subject_index")
    private List<FeedbackSubject> subjects = new ArrayList<>();

    @Column(name = "comment_text", length = COMMENT_LENGTH)
    private String comment;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "closes_at", nullable = false)
    private Instant closesAt;

    @Column(name = "submitted_at")
    private Instant submittedAt;

    protected FeedbackForm() {
    }

    public FeedbackForm(String token, BecknReferences message, List<FeedbackSubject> subjects, Instant now,
            Duration openFor) {
        if (!PageTokens.wellFormed(token)) {
            throw new IllegalArgumentException("not a feedback token");
        }
        this.token = token;
        Objects.requireNonNull(message.messageId(), "messageId");
        this.beckn = message;
        if (subjects.isEmpty()) {
            throw new IllegalArgumentException("a feedback form is about at least one rating");
        }
        this.subjects.addAll(subjects);
        this.createdAt = now;
        this.closesAt = now.plus(openFor);
    }

    public boolean openAt(Instant now) {
        return now.isBefore(closesAt);
    }

    /** Stores the user's comment (replacing an earlier one); {@code application.feedback.Comments#clean} has made it safe to keep. */
    public void comment(String text, Instant now) {
        if (!openAt(now)) {
            throw new IllegalStateException("the form closed at " + closesAt);
        }
        Objects.requireNonNull(text, "comment");
        if (text.isEmpty() || text.length() > COMMENT_LENGTH) {
            throw new IllegalArgumentException("a comment is 1 to " + COMMENT_LENGTH + " characters");
        }
        this.comment = text;
        this.submittedAt = now;
    }

    public String token() {
        return token;
    }

    public BecknReferences beckn() {
        return beckn;
    }

    public List<FeedbackSubject> subjects() {
        return List.copyOf(subjects);
    }

    public String comment() {
        return comment;
    }

    /**
     * The comment as a provider may read it: one form covers every rating of its message, so when the message also
     * rated another provider, the comment may be about that one and is not shown (null); {@code provider} null: all.
     */
    public String commentFor(String provider) {
        return provider == null || subjects.stream().allMatch(s -> provider.equals(s.providerId())) ? comment : null;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant closesAt() {
        return closesAt;
    }

    public Instant submittedAt() {
        return submittedAt;
    }
}
