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
    }
}
