package org.evcharging.bpp.core.outbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;

/** The outbox tables. Claims use a lease so that several replicas of a service never send one callback twice. */
@ApplicationScoped
public class OutboxStore {

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    /** Joins the caller's transaction: the callback commits with the state change that caused it. */
    @Transactional(TxType.MANDATORY)
    public void add(OutboxMessage message) {
        em.persist(message);
    }

    /** Leases one pending message for sending; null when it is not pending or another sender holds it. */
    @Transactional(TxType.REQUIRES_NEW)
    public OutboxMessage claim(String id, long now, long leaseMillis) {
        int n = em.createQuery("UPDATE OutboxMessage m SET m.leaseUntil = :until WHERE m.id = :id AND m.status = 'PENDING'"
                        + " AND (m.leaseUntil IS NULL OR m.leaseUntil < :now)")
                .setParameter("until", now + leaseMillis).setParameter("id", id).setParameter("now", now)
                .executeUpdate();
        return n == 1 ? em.find(OutboxMessage.class, id) : null;
    }

    @Transactional(TxType.REQUIRES_NEW)
    public List<String> due(long now, int limit) {
        return em.createQuery("SELECT m.id FROM OutboxMessage m WHERE m.status = 'PENDING' AND m.nextAttemptAt <= :now"
                        + " AND (m.leaseUntil IS NULL OR m.leaseUntil < :now) ORDER BY m.nextAttemptAt", String.class)
                .setParameter("now", now).setMaxResults(limit).getResultList();
    }

    /** Records an attempt and moves the message on: delivered, retried at {@code nextAttemptAt}, or failed. */
    @Transactional(TxType.REQUIRES_NEW)
    public void recordAttempt(String id, long attemptedAt, Integer httpStatus, long durationMs, String outcome,
                              OutboxMessage.Status newStatus, long nextAttemptAt) {
        OutboxMessage m = em.find(OutboxMessage.class, id);
        if (m == null) {
            return;
        }
        int attemptNo = m.attempts() + 1;
        em.persist(new OutboxAttempt(id, attemptNo, attemptedAt, httpStatus, durationMs, outcome));
        em.createQuery("UPDATE OutboxMessage m SET m.attempts = :n, m.status = :s, m.nextAttemptAt = :next,"
                        + " m.leaseUntil = NULL, m.lastError = :err, m.deliveredAt = :delivered WHERE m.id = :id")
                .setParameter("n", attemptNo).setParameter("s", newStatus.name()).setParameter("next", nextAttemptAt)
                .setParameter("err", newStatus == OutboxMessage.Status.DELIVERED ? null : truncate(outcome))
                .setParameter("delivered", newStatus == OutboxMessage.Status.DELIVERED ? attemptedAt : null)
                .setParameter("id", id).executeUpdate();
    }

    @Transactional(TxType.REQUIRES_NEW)
    public long countPending() {
        return em.createQuery("SELECT COUNT(m) FROM OutboxMessage m WHERE m.status = 'PENDING'", Long.class).getSingleResult();
    }

    private static String truncate(String s) {
        return s == null ? null : s.substring(0, Math.min(500, s.length()));
    }
}
