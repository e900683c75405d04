package org.evcharging.bpp.catalog.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A seller of charging or battery swaps on this platform: a charge-point operator, a solar farm, a home... */
@Entity
@Table(name = "provider", indexes = {
        @Index(name = "ix_provider_status_rating", columnList = "status, rating"),
        @Index(name = "ix_provider_code", columnList = "code")})
public class Provider {

    /** The id published in the catalog, e.g. {@code chargezone.in}; unique on the platform. */
    @Id
    @Column(length = 100)
    private String id;

    @Column(length = 40)
    private String code;

    @Column(nullable = false, length = 200)
    private String name;

    /** {@code name} in lower case, for case-insensitive partial-name search on an index. */
    @Column(name = "name_lc", nullable = false, length = 400)
    private String nameLowerCase;

    @Column(name = "short_desc", length = 500)
    private String shortDesc;

    @Column(name = "long_desc", length = 4000)
    private String longDesc;

    /** Image URLs, one per line. */
    @Column(length = 4000)
    private String images;

    @Enumerated(EnumType.STRING)
    @Column(name = "energy_source", nullable = false, length = 30)
    private EnergySource energySource;

    @Column(name = "support_phone", length = 40)
    private String supportPhone;

    @Column(name = "support_email", length = 200)
    private String supportEmail;

    @Column(name = "support_url", length = 500)
    private String supportUrl;

    /** Aggregate rating 1..5 from the support-rating service; null until rated. */
    private Double rating;

    @Column(name = "rating_count", nullable = false)
    private int ratingCount;

    /** When the support-rating service computed {@link #rating} (epoch ms); an older aggregate never replaces it. */
    @Column(name = "rating_as_of")
    private Long ratingAsOf;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Status status = Status.ACTIVE;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Provider() {
    }

    public Provider(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public String shortDesc() {
        return shortDesc;
    }

    public String longDesc() {
        return longDesc;
    }

    public String images() {
        return images;
    }

    public EnergySource energySource() {
        return energySource;
    }

    public String supportPhone() {
        return supportPhone;
    }

    public String supportEmail() {
        return supportEmail;
    }

    public String supportUrl() {
        return supportUrl;
    }

    public Double rating() {
        return rating;
    }

    public int ratingCount() {
        return ratingCount;
    }

    public Status status() {
        return status;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public void describe(String code, String name, String shortDesc, String longDesc, String images,
            EnergySource source) {
        this.code = code;
        this.name = name;
        this.nameLowerCase = name.toLowerCase(java.util.Locale.ROOT);
        this.shortDesc = shortDesc;
        this.longDesc = longDesc;
        this.images = images;
        this.energySource = source;
        this.updatedAt = Instant.now();
    }

    public void support(String phone, String email, String url) {
        this.supportPhone = phone;
        this.supportEmail = email;
        this.supportUrl = url;
    }

    /** Takes the aggregate computed at {@code asOf} by {@link RatingVersions}; false when it was older and left out. */
    public boolean rate(double value, int count, Long asOf) {
        if (RatingVersions.older(asOf, ratingAsOf)) {
            return false;
        }
        this.rating = value;
        this.ratingCount = count;
        this.ratingAsOf = RatingVersions.after(asOf, ratingAsOf);
        this.updatedAt = Instant.now();
        return true;
    }

    public void retire() {
        this.status = Status.RETIRED;
        this.updatedAt = Instant.now();
    }

    public void activate() {
        this.status = Status.ACTIVE;
        this.updatedAt = Instant.now();
    }
}
