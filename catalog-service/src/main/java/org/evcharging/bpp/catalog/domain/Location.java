package org.evcharging.bpp.catalog.domain;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * A charging station (or battery-swap point) of a provider: one site with a gps position, hosting EVSEs. Searched
 * through the covering index on (latitude, longitude, provider_id): a bounding box first, then the exact distance.
 */
@Entity
@Table(name = "location", indexes = {@Index(name = "uk_location_ref", columnList = "provider_id, ref", unique = true),
        @Index(name = "ix_location_geo", columnList = "latitude, longitude, provider_id"),
        @Index(name = "ix_location_city", columnList = "city_code")})
public class Location {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "provider_id", nullable = false, length = 100)
    private String providerId;

    @Column(nullable = false, length = 100)
    private String ref;

    @Column(length = 200)
    private String name;

    @Column(nullable = false)
    private double latitude;

    @Column(nullable = false)
    private double longitude;

    @Column(length = 500)
    private String address;

    @Column(name = "city_code", length = 20)
    private String cityCode;

    @Column(name = "area_code", length = 20)
    private String areaCode;

    /** Local opening hours "HH:mm-HH:mm"; null when always open. */
    @Column(name = "opening_hours", length = 11)
    private String openingHours;

    @OneToMany(mappedBy = "location", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("ref")
    private List<Evse> evses = new ArrayList<>();

    protected Location() {
    }

    public Location(String providerId, String ref) {
        this.providerId = providerId;
        this.ref = ref;
    }

    public Long id() {
        return id;
    }

    public String providerId() {
        return providerId;
    }

    public String ref() {
        return ref;
    }

    public String name() {
        return name;
    }

    public double latitude() {
        return latitude;
    }

    public double longitude() {
        return longitude;
    }

    public String gps() {
        return Geo.format(latitude, longitude);
    }

    public String address() {
        return address;
    }

    public String cityCode() {
        return cityCode;
    }

    public String areaCode() {
        return areaCode;
    }

    public String openingHours() {
        return openingHours;
    }

    public void open(String hours) {
        this.openingHours = hours;
    }

    public List<Evse> evses() {
        return evses;
    }

    public void place(String name, double latitude, double longitude, String address, String cityCode,
            String areaCode) {
        this.name = name;
        this.latitude = latitude;
        this.longitude = longitude;
        this.address = address;
        this.cityCode = cityCode;
        this.areaCode = areaCode;
    }
}
