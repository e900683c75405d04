package org.evcharging.bpp.support.domain;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * An aggregate rating the catalog does not have yet. Written (or bumped) in the transaction that changes a rating,
 * so a change can never be forgotten; deleted once the catalog accepted the aggregate as it stood. The push sends
 * the whole current aggregate, so pushing twice is harmless. Rows are upserted with SQL (many ratings of one
 * provider may arrive at once), hence explicit column names and no shared cache.
 */
@Entity
@Cacheable(false)
@Table(name = "aggregate_push", indexes = @Index(name = "ix_aggregate_push_due", columnList = "due_at"))
@NamedQuery(name = "AggregatePush.due", query = "SELECT p.subject FROM AggregatePush p WHERE p.dueAt <= :now ORDER BY p.dueAt")
public class AggregatePush {

    public static final String UPSERT = "INSERT INTO aggregate_push (subject, provider_id, item_id, generation, due_at, attempts)"
            + " VALUES (?, ?, ?, 1, ?, 0)"
            + " ON DUPLICATE KEY UPDATE generation = generation + 1, due_at = VALUES(due_at), attempts = 0, last_error = NULL";

    @Id
    @Column(length = 220)
    private String subject;

    @Column(name = "provider_id", length = 100, nullable = false)
    private String providerId;

    @Column(name = "item_id", length = 100)
    private String itemId;

    /** Bumped by every rating change since the row was made. */
    @Column(nullable = false)
    private long generation;

    /** When to push next, epoch milliseconds (UTC). */
    @Column(name = "due_at", nullable = false)
    private long dueAt;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_error", length = 300)
    private String lastError;

    protected AggregatePush() {
    }

    public AggregateKey key() {
        return itemId == null ? AggregateKey.provider(providerId) : AggregateKey.item(providerId, itemId);
    }

    public String subject() {
        return subject;
    }

    public long generation() {
        return generation;
    }

    public int attempts() {
        return attempts;
    }

    public long dueAt() {
        return dueAt;
    }

    public String lastError() {
        return lastError;
    }

    /** A push that did not go through: tried again after a backoff that grows to five minutes. */
    public void failed(String error, long now) {
        attempts++;
        dueAt = now + backoffMillis(attempts);
        lastError = error == null ? null : error.length() > 300 ? error.substring(0, 300) : error;
    }

    /** 5 s, 10 s, 20 s … at most 5 minutes. */
    static long backoffMillis(int attempts) {
        long delay = 5_000L << Math.min(Math.max(attempts - 1, 0), 10);
        return Math.min(delay, 300_000L);
    }
}
