package org.evcharging.bpp.charger.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A charger registered with the central system: who may connect as it (its password, stored hashed), which protocol it
 * speaks, what it said of itself at boot, and its connection: which replica holds its WebSocket now (the routing table
 * of commands), since when, and when it was last heard from.
 */
@Entity
@Table(name = "charge_point")
@NamedQuery(name = "ChargePoint.all", query = "SELECT c FROM ChargePoint c ORDER BY c.providerId, c.id")
@NamedQuery(name = "ChargePoint.ofProvider", query = "SELECT c FROM ChargePoint c WHERE c.providerId = :p ORDER BY c.id")
@NamedQuery(name = "ChargePoint.silentSince", query = "SELECT c FROM ChargePoint c WHERE c.connected = TRUE AND c.lastSeenAt < :before")
public class ChargePoint {

    /** OCPP's charge point identity: it is the last path segment of the WebSocket URL, so URL-safe characters only. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,47}");

    @Id
    @Column(length = 48)
    private String id;

    @Column(name = "provider_id", length = 64, nullable = false)
    private String providerId;

    @Column(name = "password_hash", length = 200, nullable = false)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(length = 8, nullable = false)
    private Protocol protocol;

    /** A registered charger that is not enabled is answered Pending at boot and gets no remote start. */
    private boolean enabled;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    @Column(length = 50)
    private String vendor;

    @Column(length = 50)
    private String model;

    @Column(length = 50)
    private String firmware;

    @Column(name = "serial_number", length = 50)
    private String serialNumber;

    @Column(name = "boot_status", length = 16)
    private String bootStatus;

    @Column(name = "booted_at")
    private Instant bootedAt;

    private boolean connected;

    /** The replica holding the socket ({@code charger.replica-url}), for forwarding commands; null when offline. */
    @Column(name = "replica_url", length = 200)
    private String replicaUrl;

    /** One id per accepted socket: a close of an older socket must not mark a newer connection offline. */
    @Column(name = "connection_id", length = 36)
    private String connectionId;

    @Column(name = "connected_at")
    private Instant connectedAt;

    @Column(name = "disconnected_at")
    private Instant disconnectedAt;

    @Column(name = "last_seen_at")
    private Instant lastSeenAt;

    @Column(name = "last_heartbeat_at")
    private Instant lastHeartbeatAt;

    /** The whole charger's status (1.6 connector 0): Unavailable or Faulted there puts every connector out of service. */
    @Column(name = "station_status", length = 20)
    private String stationStatus;

    @Column(name = "station_error", length = 50)
    private String stationError;

    @Version
    private long version;

    protected ChargePoint() {
    }

    public ChargePoint(String id, String providerId, String passwordHash, Protocol protocol, boolean enabled,
            Instant registeredAt) {
        this.id = id;
        this.providerId = providerId;
        this.passwordHash = passwordHash;
        this.protocol = protocol;
        this.enabled = enabled;
        this.registeredAt = registeredAt;
    }

    /**
     * What the charger said at boot. Kept to the columns' 50 characters: OCPP 1.6 allows a firmwareVersion of 255 and a
     * longer value made the boot fail with "Data too long" (found by fuzzing); these are for a person to read.
     */
    public void booted(String vendor, String model, String firmware, String serialNumber, String status, Instant at) {
        this.vendor = fit(vendor, 50);
        this.model = fit(model, 50);
        this.firmware = fit(firmware, 50);
        this.serialNumber = fit(serialNumber, 50);
        this.bootStatus = status;
        this.bootedAt = at;
        seen(at);
    }

    /** At most {@code max} UTF-16 units, never half of a surrogate pair. */
    static String fit(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }

    public void connected(String replicaUrl, String connectionId, Instant at) {
        this.connected = true;
        this.replicaUrl = replicaUrl;
        this.connectionId = connectionId;
        this.connectedAt = at;
        this.lastSeenAt = at;
    }

    /** The socket {@code connectionId} closed; false when a newer connection has replaced it (nothing changes then). */
    public boolean disconnected(String connectionId, Instant at) {
        if (connectionId != null && !connectionId.equals(this.connectionId)) {
            return false;
        }
        this.connected = false;
        this.replicaUrl = null;
        this.disconnectedAt = at;
        return true;
    }

    /**
     * A sign of life. Written at most every {@link #SEEN_PRECISION} (the watchdog works in heartbeat intervals), so a
     * charger's every message does not cost an UPDATE of its row.
     */
    public void seen(Instant at) {
        if (lastSeenAt == null || at.isAfter(lastSeenAt.plus(SEEN_PRECISION))) {
            lastSeenAt = at;
        }
    }

    /** How stale {@link #lastSeenAt()} may be. */
    public static final java.time.Duration SEEN_PRECISION = java.time.Duration.ofSeconds(10);

    public void heartbeat(Instant at) {
        lastHeartbeatAt = at;
        seen(at);
    }

    public void stationStatus(String status, String error) {
        this.stationStatus = status;
        this.stationError = error;
    }

    public void update(String providerId, Protocol protocol, boolean enabled) {
        this.providerId = providerId;
        this.protocol = protocol;
        this.enabled = enabled;
    }

    public void password(String hash) {
        this.passwordHash = hash;
    }

    public String id() {
        return id;
    }

    public String providerId() {
        return providerId;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public Protocol protocol() {
        return protocol;
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public String vendor() {
        return vendor;
    }

    public String model() {
        return model;
    }

    public String firmware() {
        return firmware;
    }

    public String serialNumber() {
        return serialNumber;
    }

    public String bootStatus() {
        return bootStatus;
    }

    public Instant bootedAt() {
        return bootedAt;
    }

    public boolean connected() {
        return connected;
    }

    public String replicaUrl() {
        return replicaUrl;
    }

    public String connectionId() {
        return connectionId;
    }

    public Instant connectedAt() {
        return connectedAt;
    }

    public Instant disconnectedAt() {
        return disconnectedAt;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public Instant lastHeartbeatAt() {
        return lastHeartbeatAt;
    }

    public String stationStatus() {
        return stationStatus;
    }

    public String stationError() {
        return stationError;
    }

    /** Is the whole charger out of service by its own word (connector 0 Unavailable or Faulted)? */
    public boolean stationDown() {
        return "Unavailable".equals(stationStatus) || "Faulted".equals(stationStatus);
    }
}
