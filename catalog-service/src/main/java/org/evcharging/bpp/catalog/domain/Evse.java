package org.evcharging.bpp.catalog.domain;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.ConstraintMode;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * An EVSE at a location: a charger (AC or DC, a power rating, one or more connectors) or a battery-swap station.
 * A swap station has no connector; its own availability says whether a charged battery is there.
 */
@Entity
@Table(name = "evse", indexes = {@Index(name = "uk_evse_ref", columnList = "provider_id, ref", unique = true),
        @Index(name = "ix_evse_ref", columnList = "ref")})
public class Evse {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    // the key is made once by beckn-core's DeclaredForeignKeys, not by EclipseLink at every start
    @ManyToOne(optional = false)
    @JoinColumn(name = "location_id", foreignKey = @ForeignKey(name = "fk_evse_location", value = ConstraintMode.NO_CONSTRAINT))
    private Location location;

    @Column(name = "provider_id", nullable = false, length = 100)
    private String providerId;

    @Column(nullable = false, length = 100)
    private String ref;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private EvseKind kind = EvseKind.CHARGER;

    @Enumerated(EnumType.STRING)
    @Column(name = "charger_type", length = 4)
    private ChargerType chargerType;

    @Column(name = "power_kw", nullable = false)
    private double powerKw;

    /** Only for swap stations; a charger's availability is its connectors'. */
    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    private Availability availability;

    /** Swap stations only: the battery type swapped here. */
    @Column(name = "battery_type", length = 40)
    private String batteryType;

    @OneToMany(mappedBy = "evse", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("ref")
    private List<Connector> connectors = new ArrayList<>();

    protected Evse() {
    }

    public Evse(Location location, String ref) {
        this.location = location;
        this.providerId = location.providerId();
        this.ref = ref;
    }

    public Long id() {
        return id;
    }

    public Location location() {
        return location;
    }

    public String ref() {
        return ref;
    }

    public EvseKind kind() {
        return kind;
    }

    public ChargerType chargerType() {
        return chargerType;
    }

    public double powerKw() {
        return powerKw;
    }

    public Availability availability() {
        return availability;
    }

    public String batteryType() {
        return batteryType;
    }

    public void swaps(String batteryType) {
        this.batteryType = kind == EvseKind.SWAP_STATION ? batteryType : null;
    }

    public List<Connector> connectors() {
        return connectors;
    }

    public void specify(EvseKind kind, ChargerType chargerType, double powerKw, Availability availability) {
        this.kind = kind;
        this.chargerType = chargerType;
        this.powerKw = powerKw;
        this.availability = kind == EvseKind.SWAP_STATION
                ? (availability == null ? Availability.AVAILABLE : availability) : null;
    }

    public void setAvailability(Availability availability) {
        this.availability = availability;
    }
}
