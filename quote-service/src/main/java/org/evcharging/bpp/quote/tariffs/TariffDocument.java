package org.evcharging.bpp.quote.tariffs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A provider's tariff, kept as the JSON document the admin API received (validated), one per provider. */
@Entity
@Table(name = "tariff")
@jakarta.persistence.NamedQuery(name = "TariffDocument.unpublished", query = "SELECT t.providerId FROM TariffDocument t"
        + " WHERE (t.publishedVersion IS NULL OR t.publishedVersion <> t.version) AND t.publishDueAt <= :now")
public class TariffDocument {

    @Id
    @Column(name = "provider_id", length = 100)
    private String providerId;

    @Lob
    @Column(nullable = false)
    private String json;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    /**
     * The version whose unit prices the catalog has ({@link PricePublisher}); null until the first publish. Behind
     * {@code version}: a publish is due.
     */
    @Column(name = "published_version")
    private Long publishedVersion;

    /** When to publish next (epoch milliseconds), after a failed attempt; 0: at once. */
    @Column(name = "publish_due_at", nullable = false)
    private long publishDueAt;

    @Column(name = "publish_attempts", nullable = false)
    private int publishAttempts;

    @Column(name = "publish_error", length = 300)
    private String publishError;

    protected TariffDocument() {
    }

    public TariffDocument(String providerId, String json) {
        this.providerId = providerId;
        replace(json);
    }

    public String providerId() {
        return providerId;
    }

    public String json() {
        return json;
    }

    public final void replace(String json) {
        this.json = json;
        this.updatedAt = Instant.now();
        this.publishDueAt = 0;
        this.publishAttempts = 0;
    }

    public long version() {
        return version;
    }

    /** The catalog shows this version's prices. */
    public boolean published() {
        return publishedVersion != null && publishedVersion == version;
    }

    public void publishedAs(long version) {
        this.publishedVersion = version;
        this.publishAttempts = 0;
        this.publishError = null;
    }

    /** A publish that did not go through: tried again after 5 s, 10 s, 20 s … at most 5 minutes. */
    public void publishFailed(String error, long now) {
        publishAttempts++;
        publishDueAt = now + Math.min(5_000L << Math.min(publishAttempts - 1, 10), 300_000L);
        publishError = error == null ? null : error.length() > 300 ? error.substring(0, 300) : error;
    }

    public int publishAttempts() {
        return publishAttempts;
    }
}
