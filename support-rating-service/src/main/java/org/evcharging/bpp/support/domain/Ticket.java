package org.evcharging.bpp.support.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import org.evcharging.bpp.core.persistence.BecknReferences;

/**
 * A support request a BAP made for a user, for the provider (or, without one, the platform operator) to answer.
 * It keeps the user's phone, email and callback phone so the provider can reach them: shown only to whoever may
 * answer the ticket, never logged. One open ticket per BAP and subject: asking again adds to it.
 */
@Entity
@Table(name = "support_ticket", indexes = {
        @Index(name = "ix_ticket_subject", columnList = "bap_id, subject_kind, subject_id, status"),
        @Index(name = "ix_ticket_provider", columnList = "provider_id, status, created_at"),
        @Index(name = "ix_ticket_created", columnList = "created_at")})
@NamedQueries({
        @NamedQuery(name = "Ticket.open", query = "SELECT t FROM Ticket t WHERE t.beckn.bapId = :bap AND t.subjectKind = :kind"
                + " AND t.subjectId = :id AND t.status = :open ORDER BY t.createdAt DESC")
})
public class Ticket {

    /** What the user needs help with. */
    public enum Subject {
        ORDER, PROVIDER, TRANSACTION
    }

    public static final int CONTACT_LENGTH = 200;
    public static final int ANSWER_LENGTH = 4000;

    @Id
    @Column(length = 20)
    private String ref;

    /** The BAP, the transaction, and the latest support message of the ticket (always set). */
    @Embedded
    private BecknReferences beckn;

    @Enumerated(EnumType.STRING)
    @Column(name = "subject_kind", length = 20, nullable = false)
    private Subject subjectKind;

    @Column(name = "subject_id", length = 100, nullable = false)
    private String subjectId;

    @Column(name = "order_id", length = 100)
    private String orderId;

    /** Null when the request concerns no known provider: the operator answers it. */
    @Column(name = "provider_id", length = 100)
    private String providerId;

    @Column(length = CONTACT_LENGTH)
    private String phone;

    @Column(length = CONTACT_LENGTH)
    private String email;

    @Column(name = "callback_phone", length = CONTACT_LENGTH)
    private String callbackPhone;

    @Enumerated(EnumType.STRING)
    @Column(length = 12, nullable = false)
    private TicketStatus status;

    @Column(length = ANSWER_LENGTH)
    private String answer;

    @Column(name = "answered_by", length = 200)
    private String answeredBy;

    @Column(name = "requests", nullable = false)
    private int requests;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "answered_at")
    private Instant answeredAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    protected Ticket() {
    }

    public Ticket(String ref, BecknReferences message, Subject subjectKind, String subjectId, String orderId,
            String providerId, Instant now) {
        if (!TicketRefs.FORMAT.matcher(ref).matches()) {
            throw new IllegalArgumentException("not a ticket reference: " + ref);
        }
        this.ref = ref;
        Objects.requireNonNull(message.messageId(), "messageId");
        this.beckn = message;
        this.subjectKind = Objects.requireNonNull(subjectKind, "subjectKind");
        this.subjectId = Objects.requireNonNull(subjectId, "subjectId");
        this.orderId = orderId;
        this.providerId = providerId;
        this.status = TicketStatus.OPEN;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The user asked (again): the contacts they gave now replace those given before; absent ones are kept. */
    public void requested(String messageId, String phone, String email, String callbackPhone, Instant now) {
        this.beckn = BecknReferences.of(beckn.bapId(), beckn.transactionId(),
                Objects.requireNonNull(messageId, "messageId"));
        this.phone = phone != null ? phone : this.phone;
        this.email = email != null ? email : this.email;
        this.callbackPhone = callbackPhone != null ? callbackPhone : this.callbackPhone;
        this.requests++;
        this.updatedAt = now;
    }

    /** The provider's (or operator's) answer; a closed ticket takes none. */
    public void answer(String text, String by, Instant now) {
        if (status == TicketStatus.CLOSED) {
            throw new IllegalStateException("ticket " + ref + " is closed");
        }
        Objects.requireNonNull(text, "answer");
        if (text.isBlank() || text.length() > ANSWER_LENGTH) {
            throw new IllegalArgumentException("an answer is 1 to " + ANSWER_LENGTH + " characters");
        }
        this.answer = text;
        this.answeredBy = by;
        this.status = TicketStatus.ANSWERED;
        this.answeredAt = now;
        this.updatedAt = now;
    }

    public void close(Instant now) {
        if (status != TicketStatus.CLOSED) {
            this.status = TicketStatus.CLOSED;
            this.closedAt = now;
            this.updatedAt = now;
        }
    }

    public String ref() {
        return ref;
    }

    public BecknReferences beckn() {
        return beckn;
    }

    public Subject subjectKind() {
        return subjectKind;
    }

    public String subjectId() {
        return subjectId;
    }

    public String orderId() {
        return orderId;
    }

    public String providerId() {
        return providerId;
    }

    public String phone() {
        return phone;
    }

    public String email() {
        return email;
    }

    public String callbackPhone() {
        return callbackPhone;
    }

    public TicketStatus status() {
        return status;
    }

    public String answer() {
        return answer;
    }

    public String answeredBy() {
        return answeredBy;
    }

    public int requests() {
        return requests;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant answeredAt() {
        return answeredAt;
    }

    public Instant closedAt() {
        return closedAt;
    }
}
