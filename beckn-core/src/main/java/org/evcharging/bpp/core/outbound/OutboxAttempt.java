package org.evcharging.bpp.core.outbound;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * One delivery attempt of an outbox message: when, what the BAP answered, how long it took. Mapped for the schema
 * and for reads; rows are written by {@link OutboxStore#recordAttempts} in plain JDBC, a batch at a time.
 */
@Entity
@Cacheable(false)
@Table(name = "beckn_outbox_attempt", indexes = @Index(name = "ix_attempt_outbox", columnList = "outbox_id"))
public class OutboxAttempt {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "outbox_id", length = 36, nullable = false)
    private String outboxId;

    @Column(name = "attempt_no", nullable = false)
    private int attemptNo;

    @Column(name = "attempted_at", nullable = false)
    private long attemptedAt;

    @Column(name = "http_status")
    private Integer httpStatus;

    @Column(name = "duration_ms", nullable = false)
    private long durationMs;

    @Column(length = 500)
    private String outcome;

    protected OutboxAttempt() {
    }
}
