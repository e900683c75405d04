package org.evcharging.bpp.quote.domain.tariffs;

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
        + " WHERE NOT EXISTS (SELECT p FROM TariffPublication p WHERE p.providerId = t.providerId"
        + " AND (p.publishedRevision >= t.revision OR p.dueAt > :now))")
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
     * When the tariff last changed, epoch milliseconds by the database's clock, and never the same twice: the version
     * of the unit prices published from it ({@code application.tariffs.PricePublisher}); a newer one always wins at the catalog, also
     * after this database was restored from an older backup.
     */
    @Column(nullable = false)
    private long revision;

    protected TariffDocument() {
    }

    public TariffDocument(String providerId, String json, long revision) {
        this.providerId = providerId;
        replace(json, revision);
    }

    public String providerId() {
        return providerId;
    }

    public String json() {
        return json;
    }

    public long revision() {
        return revision;
    }

    /** The new tariff, changed at {@code revision} (later than any before it). */
    public final void replace(String json, long revision) {
        this.json = json;
        this.revision = Math.max(revision, this.revision + 1);
        this.updatedAt = Instant.now();
    }
}
