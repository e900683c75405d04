package org.evcharging.bpp.charger.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One meter sample of a transaction as the charger sent it, kept before the charger is answered. A charger resending
 * its queue after a reconnect sends samples again: one row per transaction and timestamp.
 */
@Entity
@Table(name = "meter_sample", indexes = {
        @Index(name = "uq_sample", columnList = "transaction_ref, sampled_at", unique = true)})
public class MeterSample {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "transaction_ref", nullable = false)
    private Long transactionRef;

    @Column(name = "sampled_at", nullable = false)
    private Instant sampledAt;

    @Column(name = "energy_wh")
    private Long energyWh;

    @Column(name = "soc_percent")
    private Integer socPercent;

    @Column(name = "power_w")
    private Double powerW;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    protected MeterSample() {
    }

    public MeterSample(Long transactionRef, Instant sampledAt, Long energyWh, Integer socPercent, Double powerW,
            Instant receivedAt) {
        this.transactionRef = transactionRef;
        this.sampledAt = sampledAt;
        this.energyWh = energyWh;
        this.socPercent = socPercent;
        this.powerW = powerW;
        this.receivedAt = receivedAt;
    }

    public Long transactionRef() {
        return transactionRef;
    }

    public Instant sampledAt() {
        return sampledAt;
    }

    public Long energyWh() {
        return energyWh;
    }

    public Integer socPercent() {
        return socPercent;
    }

    public Double powerW() {
        return powerW;
    }
}
