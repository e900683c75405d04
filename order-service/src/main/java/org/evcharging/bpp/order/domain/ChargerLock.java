package org.evcharging.bpp.order.domain;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row per charger (or swap station) that has ever been booked: the row {@code SELECT ... FOR UPDATE} locks so
 * that bookings of one charger check and write their holds one after the other. It carries nothing else.
 */
@Entity
@Cacheable(false)
@Table(name = "charger_lock")
public class ChargerLock {

    @Id
    @Column(name = "fulfillment_id", length = 100)
    private String fulfillmentId;

    protected ChargerLock() {
    }
}
