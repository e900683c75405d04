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
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A charging transaction at a charge point, created by the remote start of an order (at most one per order, so a
 * retried start never opens a second) or by a charger that started one we did not ask for. Its id is the 1.6
 * {@code transactionId} we issue (the same for a resent StartTransaction) and the 2.0.1 {@code remoteStartId}; a
 * 2.0.1 charger names the transaction itself ({@code chargerTransactionId}). The meter: at the start, the latest sample
 * by the charger's timestamps (late samples never move it back), and at the stop.
 */
@Entity
@Table(name = "charging_transaction", indexes = {
        @Index(name = "uq_transaction_order", columnList = "order_id", unique = true),
        @Index(name = "uq_transaction_charger", columnList = "charge_point_id, charger_transaction_id", unique = true),
        @Index(name = "ix_transaction_state", columnList = "charge_point_id, state"),
        @Index(name = "ix_transaction_id_tag", columnList = "charge_point_id, id_tag")})
@NamedQuery(name = "ChargingTransaction.ofOrder", query = "SELECT t FROM ChargingTransaction t WHERE t.orderId = :order")
@NamedQuery(name = "ChargingTransaction.ofIdTag", query = "SELECT t FROM ChargingTransaction t WHERE t.chargePointId = :cp AND t.idTag = :tag")
@NamedQuery(name = "ChargingTransaction.ofCharger", query = "SELECT t FROM ChargingTransaction t WHERE t.chargePointId = :cp AND t.chargerTransactionId = :tx")
@NamedQuery(name = "ChargingTransaction.runningAt", query = "SELECT t FROM ChargingTransaction t WHERE t.chargePointId = :cp AND t.state = org.evcharging.bpp.charger.domain.TransactionState.CHARGING")
public class ChargingTransaction {

    /** The farthest ahead a reading at the booked energy is asked for; the regular readings predict again until then. */
    public static final Duration LONGEST_PREDICTION = Duration.ofMinutes(30);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "order_id", length = 64)
    private String orderId;

    @Column(name = "charge_point_id", length = 48, nullable = false)
    private String chargePointId;

    /** The provider whose charger it was when the session started (null for a transaction stored before this). */
    @Column(name = "provider_id", length = 100)
    private String providerId;

    /** What the charger is told to start with: the order's id as its protocol can carry it ({@link #idTagOf}). */
    @Column(name = "id_tag", length = 36)
    private String idTag;

    @Column(name = "evse_id", nullable = false)
    private int evseId;

    @Column(name = "connector_id", nullable = false)
    private int connectorId;

    @Column(name = "charger_transaction_id", length = 36)
    private String chargerTransactionId;

    @Enumerated(EnumType.STRING)
    @Column(length = 12, nullable = false)
    private TransactionState state;

    @Enumerated(EnumType.STRING)
    @Column(name = "end_kind", length = 10)
    private TransactionEnd end;

    @Enumerated(EnumType.STRING)
    @Column(name = "stop_request", length = 10)
    private StopRequest stopRequest;

    /** The energy booked, in Wh: the central system stops the charger once it is delivered. */
    @Column(name = "target_wh")
    private Long targetWh;

    @Column(name = "requested_at")
    private Instant requestedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "meter_start_wh")
    private Long meterStartWh;

    @Column(name = "last_meter_wh")
    private Long lastMeterWh;

    @Column(name = "last_meter_at")
    private Instant lastMeterAt;

    @Column(name = "meter_stop_wh")
    private Long meterStopWh;

    @Column(name = "soc_percent")
    private Integer socPercent;

    @Column(name = "power_w")
    private Double powerW;

    @Column(name = "stop_reason", length = 32)
    private String stopReason;

    /** The connector reported Faulted while the transaction ran. */
    private boolean faulted;

    @Column(name = "fault_code", length = 50)
    private String faultCode;

    /** Why the start failed (REFUSED, ABANDONED), in our words. */
    @Column(name = "failure", length = 200)
    private String failure;

    @Version
    private long version;

    protected ChargingTransaction() {
    }

    /** A remote start for an order. */
    public static ChargingTransaction requested(String orderId, ConnectorBinding c, Protocol protocol, Long targetWh,
            Instant now) {
        ChargingTransaction t = new ChargingTransaction();
        t.orderId = orderId;
        t.idTag = idTagOf(orderId, protocol);
        t.chargePointId = c.chargePointId();
        t.providerId = c.providerId();
        t.evseId = c.evseId();
        t.connectorId = c.connectorId();
        t.targetWh = targetWh;
        t.state = TransactionState.REQUESTED;
        t.requestedAt = now;
        return t;
    }

    /** A transaction a charger started without our remote start (an idTag we do not know): stored, then refused. */
    public static ChargingTransaction unsolicited(String chargePointId, int evseId, int connectorId, Instant now) {
        ChargingTransaction t = new ChargingTransaction();
        t.chargePointId = chargePointId;
        t.evseId = evseId;
        t.connectorId = connectorId;
        t.state = TransactionState.ABANDONED;
        t.stopRequest = StopRequest.ABANDONED;
        t.failure = "started by the charger with an idTag the central system did not issue";
        t.requestedAt = now;
        return t;
    }

    /**
     * The order's id as an idTag: whole for 2.0.1 (an idToken has up to 36 characters); for 1.6 (20 at most) the
     * order's UUID without its dashes, cut to 20 hexadecimal digits (80 bits: unique among a charger's orders).
     */
    public static String idTagOf(String orderId, Protocol protocol) {
        if (protocol == Protocol.OCPP201 || orderId.length() <= 20) {
            return orderId;
        }
        String compact = orderId.replace("-", "");
        return compact.length() <= 20 ? compact : compact.substring(0, 20);
    }

    /** A new attempt after a refused or abandoned one (same order, same id). */
    public void retry(ConnectorBinding c, Protocol protocol, Long targetWh, Instant now) {
        idTag = idTagOf(orderId, protocol);
        chargePointId = c.chargePointId();
        evseId = c.evseId();
        connectorId = c.connectorId();
        this.targetWh = targetWh;
        state = TransactionState.REQUESTED;
        failure = null;
        stopRequest = null;
        requestedAt = now;
    }

    public void refused(String why) {
        if (state == TransactionState.REQUESTED) {
            state = TransactionState.REFUSED;
            failure = why;
        }
    }

    public void abandoned(String why) {
        if (state == TransactionState.REQUESTED) {
            state = TransactionState.ABANDONED;
            stopRequest = StopRequest.ABANDONED;
            failure = why;
        }
    }

    /**
     * The charger started it (StartTransaction, TransactionEvent Started). Returns whether the start is accepted: a
     * start after we gave up on it is recorded (to match its stop) but refused.
     */
    public boolean started(String chargerTransactionId, Long meterStartWh, Instant at) {
        if (chargerTransactionId != null && this.chargerTransactionId == null) {
            this.chargerTransactionId = chargerTransactionId;
        }
        if (this.meterStartWh == null && meterStartWh != null) {
            this.meterStartWh = meterStartWh;
        }
        if (startedAt == null) {
            startedAt = at;
        }
        if (state == TransactionState.REQUESTED) {
            state = TransactionState.CHARGING;
        }
        return state == TransactionState.CHARGING
                || state == TransactionState.ENDED && stopRequest != StopRequest.ABANDONED;
    }

    /** A meter sample; true when it is the newest so far (and so the meter now). */
    public boolean metered(long energyWh, Integer soc, Double powerW, Instant at) {
        // Once ended, the bill is settled: samples that come later (a resent StopTransaction's transactionData, a
        // repeated TransactionEvent Ended, a late StopTransaction after endedWithoutCharger) are kept as history
        // only. Without this, such a sample newer than the last moved lastMeterWh, and deliveredKwh (the larger of
        // the stop and the last sample) grew after the order was settled.
        if (state == TransactionState.ENDED) {
            return false;
        }
        if (meterStartWh == null) {
            meterStartWh = energyWh;
        }
        if (lastMeterAt != null && !at.isAfter(lastMeterAt)) {
            return false;
        }
        lastMeterWh = energyWh;
        lastMeterAt = at;
        if (soc != null) {
            socPercent = soc;
        }
        if (powerW != null) {
            this.powerW = powerW;
        }
        return true;
    }

    /**
     * How long until the booked energy is delivered, at the rate between the reading before ({@code previousWh} at
     * {@code previousAt}) and the last one: a stop taken on the next regular reading would come after the target by up
     * to a whole reading interval of energy, so the meter is read again when the target is due (each reading predicts
     * anew, so a regular one that comes first replaces the prediction). Empty without a target, while not charging, once
     * a stop is asked for, without two readings, or when it is more than {@link #LONGEST_PREDICTION} away.
     */
    public Optional<Duration> targetDueIn(Long previousWh, Instant previousAt) {
        if (state != TransactionState.CHARGING || targetWh == null || stopRequest != null || meterStartWh == null
                || lastMeterWh == null || previousWh == null || previousAt == null || lastMeterAt == null
                || !lastMeterAt.isAfter(previousAt)) {
            return Optional.empty();
        }
        long remainingWh = meterStartWh + targetWh - lastMeterWh;
        long gainedWh = lastMeterWh - previousWh;
        if (remainingWh <= 0 || gainedWh <= 0) {
            return Optional.empty();
        }
        long intervalMs = Duration.between(previousAt, lastMeterAt).toMillis();
        double dueMs = remainingWh * (double) intervalMs / gainedWh;
        if (dueMs > LONGEST_PREDICTION.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.max(1, (long) Math.ceil(dueMs))));
    }

    /** The connector reported a fault while charging. */
    public void fault(String code) {
        if (state == TransactionState.CHARGING) {
            faulted = true;
            faultCode = code;
        }
    }

    /** The central system asks the charger to stop; the first reason stays. */
    public void stopRequested(StopRequest why) {
        if (stopRequest == null) {
            stopRequest = why;
        }
    }

    /**
     * The charger ended it (StopTransaction, TransactionEvent Ended); a repeated end changes nothing and returns false.
     */
    public boolean ended(Long meterStopWh, String reason, Instant at) {
        if (state == TransactionState.ENDED) {
            return false;
        }
        if (meterStopWh != null) {
            this.meterStopWh = meterStopWh;
            if (lastMeterAt == null || !at.isBefore(lastMeterAt)) {
                lastMeterWh = meterStopWh;
                lastMeterAt = at;
            }
        }
        stopReason = reason;
        endedAt = at;
        end = TransactionEnd.of(reason, faulted, stopRequest);
        state = TransactionState.ENDED;
        return true;
    }

    /**
     * The charger did not confirm a stop in time (offline, or it lost the transaction): the last reading stands. A
     * StopTransaction arriving later is answered and kept, and changes nothing billed.
     */
    public void endedWithoutCharger(Instant now) {
        if (state != TransactionState.CHARGING) {
            return;
        }
        stopReason = "NoStopFromCharger";
        endedAt = now;
        end = TransactionEnd.of(null, faulted, stopRequest);
        state = TransactionState.ENDED;
    }

    /** Energy delivered so far (or in all, once ended) in kWh, from the charger's meter. */
    public BigDecimal deliveredKwh() {
        Long last = meterStopWh != null && state == TransactionState.ENDED && !"NoStopFromCharger".equals(stopReason)
                ? Long.valueOf(Math.max(meterStopWh, lastMeterWh == null ? meterStopWh : lastMeterWh))
                : lastMeterWh;
        if (last == null || meterStartWh == null) {
            return BigDecimal.ZERO.setScale(3);
        }
        return BigDecimal.valueOf(Math.max(0, last - meterStartWh)).divide(BigDecimal.valueOf(1000), 3,
                RoundingMode.HALF_UP);
    }

    /** Has the booked energy been delivered? */
    public boolean targetReached() {
        return targetWh != null && lastMeterWh != null && meterStartWh != null
                && lastMeterWh - meterStartWh >= targetWh;
    }

    public Long id() {
        return id;
    }

    public String orderId() {
        return orderId;
    }

    public String providerId() {
        return providerId;
    }

    public String chargePointId() {
        return chargePointId;
    }

    public String idTag() {
        return idTag;
    }

    public int evseId() {
        return evseId;
    }

    public int connectorId() {
        return connectorId;
    }

    public String chargerTransactionId() {
        return chargerTransactionId;
    }

    /** The id the charger knows the transaction by: 1.6 our number, 2.0.1 its own. */
    public String ocppTransactionId() {
        return chargerTransactionId != null ? chargerTransactionId : String.valueOf(id);
    }

    public TransactionState state() {
        return state;
    }

    public TransactionEnd end() {
        return end;
    }

    public StopRequest stopRequest() {
        return stopRequest;
    }

    public Long targetWh() {
        return targetWh;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public Long meterStartWh() {
        return meterStartWh;
    }

    public Long lastMeterWh() {
        return lastMeterWh;
    }

    public Instant lastMeterAt() {
        return lastMeterAt;
    }

    public Long meterStopWh() {
        return meterStopWh;
    }

    public Integer socPercent() {
        return socPercent;
    }

    public Double powerW() {
        return powerW;
    }

    public String stopReason() {
        return stopReason;
    }

    public boolean faulted() {
        return faulted;
    }

    public String faultCode() {
        return faultCode;
    }

    public String failure() {
        return failure;
    }
}
