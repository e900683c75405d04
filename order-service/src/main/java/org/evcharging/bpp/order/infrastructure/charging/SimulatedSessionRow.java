package org.evcharging.bpp.order.infrastructure.charging;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** A simulated charger's session, so that every replica of order-service reads the same meter. */
@Entity
@Cacheable(false)
@Table(name = "sim_charger_session", indexes = {@Index(name = "ix_sim_order", columnList = "order_id, ended_at"),
        @Index(name = "ix_sim_connector", columnList = "connector_id, ended_at")})
@NamedQuery(name = "SimulatedSessionRow.openOf", query = "SELECT s FROM SimulatedSessionRow s WHERE s.orderId = :order"
        + " AND s.endedAt IS NULL")
@NamedQuery(name = "SimulatedSessionRow.openOn", query = "SELECT s FROM SimulatedSessionRow s WHERE s.connectorId = :connector"
        + " AND s.endedAt IS NULL")
public class SimulatedSessionRow {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "order_id", nullable = false, length = 36)
    private String orderId;

    @Column(name = "connector_id", nullable = false, length = 100)
    private String connectorId;

    @Column(name = "started_at", nullable = false, columnDefinition = "DATETIME(3)")
    private Instant startedAt;

    @Column(name = "power_kw", nullable = false)
    private double powerKw;

    @Column(name = "target_kwh", nullable = false, precision = 14, scale = 3)
    private BigDecimal targetKwh;

    @Column(name = "battery_kwh")
    private Double batteryKwh;

    @Column(name = "start_soc")
    private Double startSoc;

    @Column(name = "ended_at", columnDefinition = "DATETIME(3)")
    private Instant endedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "end_state", length = 12)
    private ChargePoints.State endState;

    protected SimulatedSessionRow() {
    }

    SimulatedSessionRow(SimulatedChargePoints.Session s) {
        this.id = s.id();
        this.orderId = s.orderId();
        this.connectorId = s.connectorId();
        this.startedAt = s.startedAt();
        this.powerKw = s.powerKw();
        this.targetKwh = s.targetKwh();
        this.batteryKwh = s.batteryKwh();
        this.startSoc = s.startSocPercent();
    }

    void end(Instant at, ChargePoints.State state) {
        if (endedAt == null) {
            this.endedAt = at;
            this.endState = state;
        }
    }

    SimulatedChargePoints.Session session() {
        return new SimulatedChargePoints.Session(id, orderId, connectorId, startedAt, powerKw, targetKwh, batteryKwh,
                startSoc, endedAt, endState);
    }
}
