package org.evcharging.bpp.payment.domain;

import static org.evcharging.bpp.payment.domain.Columns.MILLIS;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A webhook event already acted on. Written in the same transaction as the payment change it caused, with the
 * provider's event id as primary key: a redelivered (or replayed) event finds its row and changes nothing.
 */
@Entity
@Table(name = "gateway_event")
public class ProcessedEvent {

    @Id
    @Column(name = "event_id", length = 100)
    private String eventId;

    @Column(nullable = false, length = 20)
    private String gateway;

    @Column(nullable = false, length = 40)
    private String type;

    @Column(name = "payment_id", length = 36)
    private String paymentId;

    @Column(nullable = false, length = 20)
    private String outcome;

    @Column(name = "received_at", nullable = false, columnDefinition = MILLIS)
    private Instant receivedAt;

    protected ProcessedEvent() {
    }

    public ProcessedEvent(String eventId, String gateway, String type, String paymentId, String outcome,
            Instant receivedAt) {
        this.eventId = Objects.requireNonNull(eventId, "eventId");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.type = Objects.requireNonNull(type, "type");
        this.paymentId = paymentId;
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
    }

    public String eventId() {
        return eventId;
    }

    public String outcome() {
        return outcome;
    }
}
