package org.evcharging.bpp.charger.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One connector of a charge point (1.6: its connector id; 2.0.1: EVSE id and connector id) bound to the catalog's
 * connector (the fulfillment a BAP books), with its last status and the availability still to publish to the catalog:
 * {@code wanted} as of {@code wantedAsOf}, {@code published} once the catalog has it.
 */
@Entity
@Table(name = "charger_connector", indexes = {
        @Index(name = "uq_connector_ocpp", columnList = "charge_point_id, evse_id, connector_id", unique = true),
        @Index(name = "uq_connector_catalog", columnList = "provider_id, catalog_connector", unique = true),
        @Index(name = "ix_connector_catalog", columnList = "catalog_connector")})
@NamedQuery(name = "ConnectorBinding.ofChargePoint", query = "SELECT b FROM ConnectorBinding b WHERE b.chargePointId = :cp ORDER BY b.evseId, b.connectorId")
@NamedQuery(name = "ConnectorBinding.byCatalog", query = "SELECT b FROM ConnectorBinding b WHERE b.catalogConnector = :ref")
@NamedQuery(name = "ConnectorBinding.unpublished", query = "SELECT b FROM ConnectorBinding b WHERE b.published IS NULL OR b.published <> b.wanted")
public class ConnectorBinding {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "charge_point_id", length = 48, nullable = false)
    private String chargePointId;

    @Column(name = "evse_id", nullable = false)
    private int evseId;

    @Column(name = "connector_id", nullable = false)
    private int connectorId;

    @Column(name = "provider_id", length = 64, nullable = false)
    private String providerId;

    @Column(name = "catalog_connector", length = 64, nullable = false)
    private String catalogConnector;

    @Column(length = 20)
    private String status;

    @Column(name = "error_code", length = 50)
    private String errorCode;

    @Column(name = "status_at")
    private Instant statusAt;

    @Enumerated(EnumType.STRING)
    @Column(length = 16, nullable = false)
    private Availability wanted = Availability.OUT_OF_SERVICE;

    @Column(name = "wanted_as_of", nullable = false)
    private Instant wantedAsOf;

    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    private Availability published;

    protected ConnectorBinding() {
    }

    public ConnectorBinding(String chargePointId, int evseId, int connectorId, String providerId,
            String catalogConnector, Instant now) {
        this.chargePointId = chargePointId;
        this.evseId = evseId;
        this.connectorId = connectorId;
        this.providerId = providerId;
        this.catalogConnector = catalogConnector;
        this.wantedAsOf = now;
    }

    /** The charger's word on this connector; true when it is a status newer than the one kept. */
    public boolean status(String status, String errorCode, Instant at) {
        if (statusAt != null && at.isBefore(statusAt)) {
            return false;
        }
        this.status = status;
        this.errorCode = errorCode;
        this.statusAt = at;
        return true;
    }

    /** What search should show now; true when that changed (it is then due to be published). */
    public boolean want(Availability availability, Instant now) {
        if (availability == wanted) {
            return false;
        }
        wanted = availability;
        wantedAsOf = now;
        return true;
    }

    /** The catalog took {@code availability} (as wanted at {@code asOf}). */
    public void published(Availability availability, Instant asOf) {
        if (asOf.equals(wantedAsOf) || availability == wanted) {
            published = availability;
        }
    }

    public Long id() {
        return id;
    }

    public String chargePointId() {
        return chargePointId;
    }

    public int evseId() {
        return evseId;
    }

    public int connectorId() {
        return connectorId;
    }

    public String providerId() {
        return providerId;
    }

    public String catalogConnector() {
        return catalogConnector;
    }

    public String status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public Instant statusAt() {
        return statusAt;
    }

    public Availability wanted() {
        return wanted;
    }

    public Instant wantedAsOf() {
        return wantedAsOf;
    }

    public Availability published() {
        return published;
    }
}
