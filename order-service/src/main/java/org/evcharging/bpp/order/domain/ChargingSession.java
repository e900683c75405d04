package org.evcharging.bpp.order.domain;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The charging (or swap) session of an ACTIVE order: on which connector, the charger's own transaction id, when it
 * started and ended, the last meter reading, and the last progress milestone the BAP was told about. One per order:
 * the order id is its key, so a repeated start can never open a second session.
 */
@Entity
@Cacheable(false)
@Table(name = "charging_session", indexes = @Index(name = "ix_session_state", columnList = "state"))
@NamedQuery(name = "ChargingSession.running", query = "SELECT s FROM ChargingSession s WHERE s.state = :running"
        + " AND s.chargerSessionId IS NOT NULL ORDER BY s.startedAt")
@NamedQuery(name = "ChargingSession.swapsStartedBefore", query = "SELECT s.orderId FROM ChargingSession s"
        + " WHERE s.state = :running AND s.chargerSessionId IS NULL AND s.startedAt < :before ORDER BY s.startedAt")
public class ChargingSession {

    public enum State {
        RUNNING, ENDED
    }

    /** Why a session ended. */
    public enum End {
        /** The BAP sent end-charging (or end-swap). */
        STOPPED,
        /** The target energy was delivered or the battery is full. */
        FINISHED,
        /** The booked slot ran out. */
        SLOT_OVER,
        /** A swap the BAP never ended: completed by the platform ({@code order.swap-complete-after} after its start). */
        NOT_ENDED,
        /** The charger failed: the provider cancels. */
        FAULTED,
        /** The user or the operator cancelled the order. */
        CANCELLED,
        /** The operator stopped the session (the console's stop): the energy is billed, nothing else. */
        OPERATOR
    }

    @Id
    @Column(name = "order_id", length = 36)
    private String orderId;

    @Column(name = "connector_id", length = 100)
    private String connectorId;

    /** The charger's transaction id (OCPP transactionId), null for a swap. */
    @Column(name = "charger_session_id", length = 100)
    private String chargerSessionId;

    @Column(name = "power_kw")
    private Double powerKw;

    @Column(name = "target_kwh", precision = 14, scale = 3)
    private BigDecimal targetKwh;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private State state;

    @Enumerated(EnumType.STRING)
    @Column(name = "end_reason", length = 12)
    private End endReason;

    @Column(name = "started_at", nullable = false, columnDefinition = "DATETIME(3)")
    private Instant startedAt;

    @Column(name = "ended_at", columnDefinition = "DATETIME(3)")
    private Instant endedAt;

    @Column(name = "delivered_kwh", nullable = false, precision = 14, scale = 3)
    private BigDecimal deliveredKwh;

    @Column(name = "soc_percent")
    private Integer socPercent;

    @Column(name = "read_at", columnDefinition = "DATETIME(3)")
    private Instant readAt;

    /** The last progress milestone sent as an unsolicited on_status: 0 (started), 25, 50, 75. */
    @Column(name = "milestone", nullable = false)
    private int milestone;

    @Version
    private long version;

    protected ChargingSession() {
    }

    public ChargingSession(String orderId, String connectorId, String chargerSessionId, Double powerKw,
            BigDecimal targetKwh, Instant startedAt) {
        this.orderId = Objects.requireNonNull(orderId);
        this.connectorId = connectorId;
        this.chargerSessionId = chargerSessionId;
        this.powerKw = powerKw;
        this.targetKwh = targetKwh;
        this.state = State.RUNNING;
        this.startedAt = startedAt;
        this.deliveredKwh = BigDecimal.ZERO;
    }

    /** The latest meter reading. */
    public void read(BigDecimal deliveredKwh, Integer socPercent, Instant at) {
        if (deliveredKwh != null) {
            this.deliveredKwh = deliveredKwh;
        }
        if (socPercent != null) {
            this.socPercent = socPercent;
        }
        this.readAt = at;
    }

    public void end(End reason, BigDecimal deliveredKwh, Integer socPercent, Instant at) {
        read(deliveredKwh, socPercent, at);
        this.state = State.ENDED;
        this.endReason = reason;
        this.endedAt = at;
    }

    public void milestone(int percent) {
        this.milestone = percent;
    }

    public boolean running() {
        return state == State.RUNNING;
    }

    public String orderId() {
        return orderId;
    }

    public String connectorId() {
        return connectorId;
    }

    public String chargerSessionId() {
        return chargerSessionId;
    }

    public Double powerKw() {
        return powerKw;
    }

    public BigDecimal targetKwh() {
        return targetKwh;
    }

    public State state() {
        return state;
    }

    public End endReason() {
        return endReason;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public BigDecimal deliveredKwh() {
        return deliveredKwh;
    }

    public Integer socPercent() {
        return socPercent;
    }

    public Instant readAt() {
        return readAt;
    }

    public int milestone() {
        return milestone;
    }
}
