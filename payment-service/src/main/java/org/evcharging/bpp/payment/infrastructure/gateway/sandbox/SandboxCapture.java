package org.evcharging.bpp.payment.infrastructure.gateway.sandbox;

import static org.evcharging.bpp.payment.domain.Columns.MILLIS;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * The sandbox provider's one capture of a payment link, keyed by the link: a second press of Pay (a double click, a
 * replayed form, three tabs) finds the row and moves no money, as a provider's checkout charges a session once.
 * Taken before the capture is reported; given up only when the report did not get through and nothing was booked.
 */
@Entity
@Table(name = "sandbox_capture")
public class SandboxCapture {

    @Id
    @Column(name = "payment_id", length = 36)
    private String paymentId;

    @Column(name = "event_id", nullable = false, length = 100)
    private String eventId;

    @Column(name = "taken_at", nullable = false, columnDefinition = MILLIS)
    private Instant takenAt;

    protected SandboxCapture() {
    }

    public SandboxCapture(String paymentId, String eventId, Instant takenAt) {
        this.paymentId = Objects.requireNonNull(paymentId, "paymentId");
        this.eventId = Objects.requireNonNull(eventId, "eventId");
        this.takenAt = Objects.requireNonNull(takenAt, "takenAt");
    }

    public String paymentId() {
        return paymentId;
    }

    public String eventId() {
        return eventId;
    }
}
