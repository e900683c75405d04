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
import java.time.Instant;
import java.util.Objects;

/**
 * An order's claim on a charger (connector) or swap station for a slot: HELD by a draft until its hold runs out,
 * RESERVED once the order is paid and confirmed, RELEASED when it lapses or the order ends. Overlapping claims on
 * one charger are excluded by {@link org.evcharging.bpp.order.application.booking.SlotHolds}, which checks and writes them under
 * a database row lock per charger. One hold per order: its id is the order's.
 */
@Entity
@Cacheable(false)
@Table(name = "slot_hold", indexes = {
        @Index(name = "ix_hold_charger", columnList = "fulfillment_id, status, slot_start"),
        @Index(name = "ix_hold_expiry", columnList = "status, expires_at")})
@NamedQuery(name = "SlotHold.overlapping", query = "SELECT h FROM SlotHold h WHERE h.fulfillmentId = :f"
        + " AND h.orderId <> :order AND (h.status = :reserved OR (h.status = :held AND h.expiresAt > :now))"
        + " AND h.slotStart < :end AND h.slotEnd > :start")
@NamedQuery(name = "SlotHold.takenBetween", query = "SELECT h FROM SlotHold h WHERE h.fulfillmentId = :f"
        + " AND (h.status = :reserved OR (h.status = :held AND h.expiresAt > :now))"
        + " AND h.slotStart < :end AND h.slotEnd > :start"
        + " AND h.orderId NOT IN (SELECT o.id FROM BecknOrder o WHERE o.beckn.bapId = :bap AND o.beckn.transactionId = :txn)"
        + " ORDER BY h.slotStart")
@NamedQuery(name = "SlotHold.release", query = "UPDATE SlotHold h SET h.status = :released"
        + " WHERE h.status = :held AND h.expiresAt <= :now")
public class SlotHold {

    public enum Status {
        HELD, RESERVED, RELEASED
    }

    @Id
    @Column(name = "order_id", length = 36)
    private String orderId;

    @Column(name = "fulfillment_id", nullable = false, length = 100)
    private String fulfillmentId;

    @Column(name = "slot_start", nullable = false, columnDefinition = "DATETIME(3)")
    private Instant slotStart;

    @Column(name = "slot_end", nullable = false, columnDefinition = "DATETIME(3)")
    private Instant slotEnd;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private Status status;

    /** Until when a HELD claim counts; null once RESERVED. */
    @Column(name = "expires_at", columnDefinition = "DATETIME(3)")
    private Instant expiresAt;

    @Column(name = "updated_at", nullable = false, columnDefinition = "DATETIME(3)")
    private Instant updatedAt;

    protected SlotHold() {
    }

    public SlotHold(String orderId, String fulfillmentId, Instant slotStart, Instant slotEnd, Instant expiresAt,
            Instant now) {
        this.orderId = Objects.requireNonNull(orderId);
        hold(fulfillmentId, slotStart, slotEnd, expiresAt, now);
    }

    /** (Re-)holds the slot for a draft. */
    public void hold(String fulfillmentId, Instant slotStart, Instant slotEnd, Instant expiresAt, Instant now) {
        if (!slotEnd.isAfter(slotStart)) {
            throw new IllegalArgumentException("a slot ends after it starts");
        }
        this.fulfillmentId = Objects.requireNonNull(fulfillmentId);
        this.slotStart = slotStart;
        this.slotEnd = slotEnd;
        this.status = Status.HELD;
        this.expiresAt = Objects.requireNonNull(expiresAt);
        this.updatedAt = now;
    }

    public void reserve(Instant now) {
        this.status = Status.RESERVED;
        this.expiresAt = null;
        this.updatedAt = now;
    }

    public void release(Instant now) {
        this.status = Status.RELEASED;
        this.updatedAt = now;
    }

    public String orderId() {
        return orderId;
    }

    public String fulfillmentId() {
        return fulfillmentId;
    }

    public Instant slotStart() {
        return slotStart;
    }

    public Instant slotEnd() {
        return slotEnd;
    }

    public Status status() {
        return status;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
