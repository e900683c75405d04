package org.evcharging.bpp.quote.domain.tariffs;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Where publishing a provider's unit prices to the catalog stands ({@code application.tariffs.PricePublisher}): the tariff revision the
 * catalog has, and after a failed attempt when to try again and why it failed. Kept apart from the tariff itself, so
 * that this bookkeeping never makes the tariff look changed.
 */
@Entity
@Cacheable(false)
@Table(name = "tariff_publication")
public class TariffPublication {

    @Id
    @Column(name = "provider_id", length = 100)
    private String providerId;

    /** The tariff revision the catalog shows; 0: none yet. */
    @Column(name = "published_revision", nullable = false)
    private long publishedRevision;

    /** Not before this (epoch milliseconds), after a failed attempt; 0: at once. */
    @Column(name = "due_at", nullable = false)
    private long dueAt;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_error", length = 300)
    private String lastError;

    protected TariffPublication() {
    }

    public TariffPublication(String providerId) {
        this.providerId = providerId;
    }

    public long publishedRevision() {
        return publishedRevision;
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

    /** The catalog has this revision's prices (or a newer one's). */
    public void published(long revision) {
        this.publishedRevision = Math.max(publishedRevision, revision);
        this.dueAt = 0;
        this.attempts = 0;
        this.lastError = null;
    }

    /** A publish that did not go through: tried again after 5 s, 10 s, 20 s … at most 5 minutes. */
    public void failed(String error, long now) {
        attempts++;
        dueAt = now + Math.min(5_000L << Math.min(attempts - 1, 10), 300_000L);
        lastError = error == null ? null : error.length() > 300 ? error.substring(0, 300) : error;
    }
}
