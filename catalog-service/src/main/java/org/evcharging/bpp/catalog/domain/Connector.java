package org.evcharging.bpp.catalog.domain;

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
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One plug of a charger. Each connector is published as a {@code CHARGING} fulfillment whose id is the
 * connector's {@code ref}: that is what a BAP selects and what the order service books.
 */
@Entity
@Table(name = "connector", indexes = {@Index(name = "uk_connector_ref", columnList = "provider_id, ref", unique = true),
        @Index(name = "ix_connector_ref", columnList = "ref")})
public class Connector {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    // the key is made once by beckn-core's DeclaredForeignKeys, not by EclipseLink at every start
    @ManyToOne(optional = false)
    @JoinColumn(name = "evse_id", foreignKey = @ForeignKey(name = "fk_connector_evse", value = ConstraintMode.NO_CONSTRAINT))
    private Evse evse;

    @Column(name = "provider_id", nullable = false, length = 100)
    private String providerId;

    @Column(nullable = false, length = 100)
    private String ref;

    @Enumerated(EnumType.STRING)
    @Column(name = "connector_type", nullable = false, length = 10)
    private ConnectorType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Availability availability = Availability.AVAILABLE;

    @Column(name = "availability_at")
    private Instant availabilityAt;

    protected Connector() {
    }

    public Connector(Evse evse, String ref) {
        this.evse = evse;
        this.providerId = evse.location().providerId();
        this.ref = ref;
    }

    public Evse evse() {
        return evse;
    }

    public String ref() {
        return ref;
    }

    public ConnectorType type() {
        return type;
    }

    public Availability availability() {
        return availability;
    }

    public void specify(ConnectorType type) {
        this.type = type;
    }

    public void setAvailability(Availability availability) {
        this.availability = availability;
        this.availabilityAt = Instant.now();
    }

    /**
     * What the connector's charger reported, as of {@code asOf}: taken unless a newer setting is kept (a report that
     * arrives late never overwrites a newer one). Returns whether it was taken.
     */
    public boolean report(Availability availability, Instant asOf) {
        if (availabilityAt != null && asOf.isBefore(availabilityAt)) {
            return false;
        }
        this.availability = availability;
        this.availabilityAt = asOf;
        return true;
    }
}
