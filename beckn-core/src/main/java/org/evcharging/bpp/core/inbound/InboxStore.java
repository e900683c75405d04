package org.evcharging.bpp.core.inbound;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.List;

/**
 * The inbox table: claims and leases for processing, recovery of stragglers. (The de-duplicating insert at the
 * door is {@link InboxWriter}'s, in group commits.)
 */
@ApplicationScoped
public class InboxStore {

    /** A new message belongs to the worker it was handed to for this long; recovery leaves it alone meanwhile. */
    static final long PROCESSING_LEASE_MILLIS = 15_000;

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    /**
     * Marks a received message processed, inside the caller's transaction (the one that handles it). This one
     * statement is both the claim and the finish: the row stays locked until that transaction ends, so no other
     * worker or replica handles it twice, and if the handler fails the rollback makes it RECEIVED again.
     * False when it was processed already.
     */
    @Transactional(TxType.MANDATORY)
    public boolean markProcessed(String id) {
        return em.createQuery("UPDATE InboxMessage m SET m.status = 'PROCESSED', m.processedAt = :now, m.leaseUntil = NULL"
                        + " WHERE m.id = :id AND m.status = 'RECEIVED'")
                .setParameter("now", System.currentTimeMillis()).setParameter("id", id).executeUpdate() == 1;
    }

    /**
     * {@link #markProcessed(String)} for several messages in one statement; the number marked, which is less
     * than asked when some were handled elsewhere meanwhile (the caller then rolls back and takes them singly).
     */
    @Transactional(TxType.MANDATORY)
    public int markProcessed(List<String> ids) {
        return em.createQuery("UPDATE InboxMessage m SET m.status = 'PROCESSED', m.processedAt = :now, m.leaseUntil = NULL"
                        + " WHERE m.id IN :ids AND m.status = 'RECEIVED'")
                .setParameter("now", System.currentTimeMillis()).setParameter("ids", ids).executeUpdate();
    }

    /** Claims a straggler for a recovery attempt; null when it is done or another worker or replica holds it. */
    @Transactional(TxType.REQUIRES_NEW)
    public InboxMessage reclaim(String id, long now) {
        int n = em.createQuery("UPDATE InboxMessage m SET m.leaseUntil = :until WHERE m.id = :id"
                        + " AND m.status = 'RECEIVED' AND (m.leaseUntil IS NULL OR m.leaseUntil < :now)")
                .setParameter("until", now + PROCESSING_LEASE_MILLIS).setParameter("id", id).setParameter("now", now)
                .executeUpdate();
        return n == 1 ? em.find(InboxMessage.class, id) : null;
    }

    /** The transaction a stored (bap_id, message_id, action) belongs to, or null. */
    @Transactional(TxType.REQUIRES_NEW)
    public String transactionOf(String bapId, String messageId, String action) {
        List<String> found = em.createQuery("SELECT m.transactionId FROM InboxMessage m WHERE m.bapId = :bap"
                        + " AND m.messageId = :msg AND m.action = :action", String.class)
                .setParameter("bap", bapId).setParameter("msg", messageId).setParameter("action", action)
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** Closes a message that cannot even be answered (its error callback failed too), so it is not retried forever. */
    @Transactional(TxType.REQUIRES_NEW)
    public void abandon(String id) {
        close(id, InboxMessage.Status.FAILED);
    }

    /**
     * Closes a message still waiting for its answer, inside the caller's transaction (which then writes the answer);
     * false when it is not waiting any more (answered by another worker meanwhile).
     */
    @Transactional(TxType.MANDATORY)
    public boolean close(String id, InboxMessage.Status status) {
        return em.createQuery("UPDATE InboxMessage m SET m.status = :s, m.processedAt = :now, m.leaseUntil = NULL"
                        + " WHERE m.id = :id AND m.status = 'RECEIVED'")
                .setParameter("s", status.name()).setParameter("now", System.currentTimeMillis()).setParameter("id", id)
                .executeUpdate() == 1;
    }

    /** The message as stored. */
    @Transactional(TxType.MANDATORY)
    public InboxMessage get(String id) {
        return em.find(InboxMessage.class, id);
    }

    /** Counts a failed attempt and holds the message back until {@code retryAt}; returns the attempts so far. */
    @Transactional(TxType.REQUIRES_NEW)
    public int failedAttempt(String id, long retryAt) {
        em.createQuery("UPDATE InboxMessage m SET m.attempts = m.attempts + 1, m.leaseUntil = :at WHERE m.id = :id")
                .setParameter("at", retryAt).setParameter("id", id).executeUpdate();
        InboxMessage m = em.find(InboxMessage.class, id);
        return m == null ? Integer.MAX_VALUE : m.attempts();
    }

    /** Received messages nobody is working on (left over from a crash, or a failed attempt to retry). */
    @Transactional(TxType.REQUIRES_NEW)
    public List<String> stragglers(long receivedBefore, long now, int limit) {
        return em.createQuery("SELECT m.id FROM InboxMessage m WHERE m.status = 'RECEIVED' AND m.receivedAt < :before"
                        + " AND (m.leaseUntil IS NULL OR m.leaseUntil < :now) ORDER BY m.receivedAt", String.class)
                .setParameter("before", receivedBefore).setParameter("now", now).setMaxResults(limit).getResultList();
    }
}
