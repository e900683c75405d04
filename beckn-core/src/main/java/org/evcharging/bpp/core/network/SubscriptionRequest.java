package org.evcharging.bpp.core.network;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * That we asked the registry for a Subscription, and until when its challenge is expected: {@code on_subscribe} is
 * answered only while one is, so a challenge relayed for a subscription someone else asked for in our name is not
 * answered. Kept in the service's database (the challenge may reach any replica); only catalog-service lists it.
 */
@Entity
@Table(name = "network_subscription_request", indexes = @Index(name = "ix_subscription_request_until", columnList = "answerable_until"))
public class SubscriptionRequest {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "key_id", length = 190, nullable = false)
    private String keyId;

    @Column(length = 100, nullable = false)
    private String domain;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "answerable_until", nullable = false)
    private Instant answerableUntil;

    protected SubscriptionRequest() {
    }

    public SubscriptionRequest(String keyId, String domain, Instant requestedAt, Instant answerableUntil) {
        this.id = UUID.randomUUID().toString();
        this.keyId = keyId;
        this.domain = domain;
        this.requestedAt = requestedAt;
        this.answerableUntil = answerableUntil;
    }

    public String keyId() {
        return keyId;
    }

    public Instant answerableUntil() {
        return answerableUntil;
    }
}
