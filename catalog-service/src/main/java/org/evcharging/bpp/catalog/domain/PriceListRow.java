package org.evcharging.bpp.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A provider's {@link PriceList} as quote-service last published it (JSON, with the tariff's version). Kept apart from
 * the provider's own row: a partner's re-import of its network neither loses nor races with it.
 */
@Entity
@Table(name = "price_list")
public class PriceListRow {

    @Id
    @Column(name = "provider_id", length = 100)
    private String providerId;

    /** The tariff version these prices are of; a publish of an older version changes nothing. */
    @Column(nullable = false)
    private long version;

    @Lob
    @Column(nullable = false, columnDefinition = "LONGTEXT")
    private String json;

    @Column(name = "updated_at", nullable = false, columnDefinition = "DATETIME(3)")
    private Instant updatedAt;

    protected PriceListRow() {
    }

    public PriceListRow(String providerId) {
        this.providerId = Objects.requireNonNull(providerId);
        this.version = -1;
    }

    /** Takes the prices of {@code version} unless newer ones are kept; true when taken. */
    public boolean publish(long version, String json, Instant now) {
        if (version < this.version) {
            return false;
        }
        this.version = version;
        this.json = json;
        this.updatedAt = now;
        return true;
    }

    public String providerId() {
        return providerId;
    }

    public long version() {
        return version;
    }

    public String json() {
        return json;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
