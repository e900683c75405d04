package org.evcharging.bpp.core.outbound;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.evcharging.bpp.core.persistence.BecknReferences;

/**
 * A signed-on-send {@code on_*} callback waiting for, or done with, delivery to a BAP. It is written in the
 * same transaction as the state change that caused it (transactional outbox), so an answer is never lost
 * and never sent for a change that rolled back. Times are epoch milliseconds (UTC).
 */
@Entity
@Cacheable(false)
@Table(name = "beckn_outbox", indexes = {
        @Index(name = "ix_outbox_due", columnList = "status, next_attempt_at"),
        @Index(name = "ix_outbox_txn", columnList = "transaction_id")})
public class OutboxMessage {

    public enum Status {
        PENDING, DELIVERED, FAILED
    }

    @Id
    @Column(length = 36)
    private String id;

    @Column(length = 20, nullable = false)
    private String action;

    @Embedded
    private BecknReferences beckn;

    @Column(name = "target_url", length = 1000, nullable = false)
    private String targetUrl;

    @Lob
    @Column(nullable = false, columnDefinition = "LONGTEXT")
    private String body;

    @Column(length = 12, nullable = false)
    private String status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "created_at", nullable = false)
    private long createdAt;

    @Column(name = "next_attempt_at", nullable = false)
    private long nextAttemptAt;

    @Column(name = "expires_at", nullable = false)
    private long expiresAt;

    @Column(name = "lease_until")
    private Long leaseUntil;

    @Column(name = "delivered_at")
    private Long deliveredAt;

    @Column(name = "last_error", length = 500)
    private String lastError;

    /** Written with an empty body: the answer is rebuilt from its stored request when it must be sent again. */
    @Transient
    private boolean bodyNotStored;

    protected OutboxMessage() {
    }

    OutboxMessage(String id, String action, BecknReferences beckn, String targetUrl, String body,
            long now, long expiresAt, long leaseUntil) {
        this.id = id;
        this.action = action;
        this.beckn = beckn;
        this.targetUrl = targetUrl;
        this.body = body;
        this.status = Status.PENDING.name();
        this.createdAt = now;
        this.nextAttemptAt = now;
        this.expiresAt = expiresAt;
        this.leaseUntil = leaseUntil;
    }

    public String id() {
        return id;
    }

    /** The BAP, transaction and message this came from. */
    public BecknReferences beckn() {
        return beckn;
    }

    public String action() {
        return action;
    }

    public String targetUrl() {
        return targetUrl;
    }

    /** The callback's JSON; empty for a row read back whose answer was not stored ({@link #mustBeRebuilt()}). */
    public String body() {
        return body;
    }

    /** Marks this new message to be written without its body (see {@link AnswerRebuilder}). */
    OutboxMessage bodyNotStored() {
        this.bodyNotStored = true;
        return this;
    }

    /** The body to write to the table: empty when the answer can be rebuilt from its request. */
    String storedBody() {
        return bodyNotStored ? "" : body;
    }

    /** Read back from the table without a body: it has to be rebuilt from its stored request before sending. */
    public boolean mustBeRebuilt() {
        return body == null || body.isEmpty();
    }

    /** This message (read back, detached) with its body rebuilt. */
    OutboxMessage rebuilt(String newBody) {
        this.body = newBody;
        return this;
    }

    public Status status() {
        return Status.valueOf(status);
    }

    public int attempts() {
        return attempts;
    }

    public long createdAt() {
        return createdAt;
    }

    public long nextAttemptAt() {
        return nextAttemptAt;
    }

    public long expiresAt() {
        return expiresAt;
    }

    /** The lease this copy was claimed (or born) with: the token a sender must still hold to record its attempt. */
    public Long leaseUntil() {
        return leaseUntil;
    }
}
