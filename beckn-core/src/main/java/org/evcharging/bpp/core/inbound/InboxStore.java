package org.evcharging.bpp.core.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;

/** The inbox table: de-duplicating insert at the door, leases for processing, recovery of stragglers. */
@ApplicationScoped
public class InboxStore {

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    /** Stores the request; false when (bap_id, message_id, action) was seen before (a retry: ACK, don't process). */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean insertIfNew(String id, String bapId, String messageId, String action, String transactionId,
                               String body, long now, long answerDeadline) {
        return em.createNativeQuery("INSERT IGNORE INTO beckn_inbox (id, bap_id, message_id, action, transaction_id,"
                        + " body, status, received_at, attempts, answer_deadline) VALUES (?, ?, ?, ?, ?, ?, 'RECEIVED', ?, 0, ?)")
                .setParameter(1, id).setParameter(2, bapId).setParameter(3, messageId).setParameter(4, action)
                .setParameter(5, transactionId).setParameter(6, body).setParameter(7, now).setParameter(8, answerDeadline)
                .executeUpdate() == 1;
    }

    /** Leases a received message for processing; null when it is done or another worker holds it. */
    @Transactional(TxType.REQUIRES_NEW)
    public InboxMessage claim(String id, long now, long leaseMillis) {
        int n = em.createQuery("UPDATE InboxMessage m SET m.leaseUntil = :until, m.attempts = m.attempts + 1"
                        + " WHERE m.id = :id AND m.status = 'RECEIVED' AND (m.leaseUntil IS NULL OR m.leaseUntil < :now)")
                .setParameter("until", now + leaseMillis).setParameter("id", id).setParameter("now", now)
                .executeUpdate();
        return n == 1 ? em.find(InboxMessage.class, id) : null;
    }

    /** Received messages nobody is working on (left over from a crash, or a failed attempt to retry). */
    @Transactional(TxType.REQUIRES_NEW)
    public List<String> stragglers(long receivedBefore, long now, int limit) {
        return em.createQuery("SELECT m.id FROM InboxMessage m WHERE m.status = 'RECEIVED' AND m.receivedAt < :before"
                        + " AND (m.leaseUntil IS NULL OR m.leaseUntil < :now) ORDER BY m.receivedAt", String.class)
                .setParameter("before", receivedBefore).setParameter("now", now).setMaxResults(limit).getResultList();
    }

    /** Marks the message done inside the caller's transaction (the one that wrote the answer). */
    @Transactional(TxType.MANDATORY)
    public void finish(String id, InboxMessage.Status status) {
        em.createQuery("UPDATE InboxMessage m SET m.status = :s, m.processedAt = :now, m.leaseUntil = NULL WHERE m.id = :id")
                .setParameter("s", status.name()).setParameter("now", System.currentTimeMillis()).setParameter("id", id)
                .executeUpdate();
    }

    /** Gives a failed attempt back so the recovery poller retries it. */
    @Transactional(TxType.REQUIRES_NEW)
    public void release(String id, long retryAt) {
        em.createQuery("UPDATE InboxMessage m SET m.leaseUntil = :at WHERE m.id = :id")
                .setParameter("at", retryAt).setParameter("id", id).executeUpdate();
    }
}
