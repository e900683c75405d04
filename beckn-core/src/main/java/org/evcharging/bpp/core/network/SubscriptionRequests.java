package org.evcharging.bpp.core.network;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.time.Instant;

/** The subscriptions we asked for whose challenge is still expected ({@link SubscriptionRequest}). */
@ApplicationScoped
public class SubscriptionRequests {

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    /** Records a request, and forgets those whose window closed a day ago or more. */
    @Transactional(TxType.REQUIRES_NEW)
    public void record(String keyId, String domain, Instant now, Duration window) {
        em.createQuery("DELETE FROM SubscriptionRequest r WHERE r.answerableUntil < :old")
                .setParameter("old", now.minus(Duration.ofDays(1))).executeUpdate();
        em.persist(new SubscriptionRequest(keyId, domain, now, now.plus(window)));
    }

    /** Whether any request of ours still expects its challenge at {@code now}. */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean awaitingChallenge(Instant now) {
        return !em.createQuery("SELECT r.id FROM SubscriptionRequest r WHERE r.answerableUntil > :now", String.class)
                .setParameter("now", now).setMaxResults(1).getResultList().isEmpty();
    }
}
