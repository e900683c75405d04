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
        return em
                .createQuery(
                        "UPDATE InboxMessage m SET m.status = 'PROCESSED', m.processedAt = :now, m.leaseUntil = NULL"
                                + " WHERE m.id = :id AND m.status = 'RECEIVED'")
                .setParameter("now", System.currentTimeMillis()).setParameter("id", id).executeUpdate() == 1;
    }

    /**
     * {@link #markProcessed(String)} for several messages in one statement; the number marked, which is less
     * than asked when some were handled elsewhere meanwhile (the caller then rolls back and takes them singly).
     */
    @Transactional(TxType.MANDATORY)
    public int markProcessed(List<String> ids) {
        return em
                .createQuery(
                        "UPDATE InboxMessage m SET m.status = 'PROCESSED', m.processedAt = :now, m.leaseUntil = NULL"
                                + " WHERE m.id IN :ids AND m.status = 'RECEIVED'")
                .setParameter("now", System.currentTimeMillis()).setParameter("ids", ids).executeUpdate();
    }

    /** The transaction a stored (bap_id, message_id, action) belongs to, or null. */
    @Transactional(TxType.REQUIRES_NEW)
    public String transactionOf(String bapId, String messageId, String action) {
        List<String> found = em
                .createQuery("SELECT m.beckn.transactionId FROM InboxMessage m WHERE m.beckn.bapId = :bap"
                        + " AND m.beckn.messageId = :msg AND m.action = :action", String.class)
                .setParameter("bap", bapId).setParameter("msg", messageId).setParameter("action", action)
                .getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** The stored request (bap_id, message_id, action), or null when it is not (or no longer) stored. */
    @Transactional(TxType.MANDATORY)
    public InboxMessage find(String bapId, String messageId, String action) {
        List<InboxMessage> found = em
                .createQuery("SELECT m FROM InboxMessage m WHERE m.beckn.bapId = :bap AND m.beckn.messageId = :msg"
                        + " AND m.action = :action", InboxMessage.class)
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

    /**
     * Claims up to {@code limit} received messages nobody is working on (left over from a crash, a failed attempt
     * due again, or stored by a replica that does not answer), oldest first, for a recovery lease. The rows are
     * chosen under {@code FOR UPDATE SKIP LOCKED} and leased in the same transaction, so two replicas recovering
     * at once never claim the same row and neither waits for the other.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public List<InboxMessage> claimStragglers(long receivedBefore, long now, int limit) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em
                .createNativeQuery("SELECT id FROM beckn_inbox WHERE status = 'RECEIVED' AND received_at < ?"
                        + " AND (lease_until IS NULL OR lease_until < ?) ORDER BY received_at LIMIT ? FOR UPDATE SKIP LOCKED")
                .setParameter(1, receivedBefore).setParameter(2, now).setParameter(3, limit).getResultList();
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> claimed = ids.stream().map(String::valueOf).toList();
        em.createQuery("UPDATE InboxMessage m SET m.leaseUntil = :until WHERE m.id IN :ids")
                .setParameter("until", now + PROCESSING_LEASE_MILLIS).setParameter("ids", claimed).executeUpdate();
        return em
                .createQuery("SELECT m FROM InboxMessage m WHERE m.id IN :ids ORDER BY m.receivedAt",
                        InboxMessage.class)
                .setParameter("ids", claimed).getResultList();
    }
}
