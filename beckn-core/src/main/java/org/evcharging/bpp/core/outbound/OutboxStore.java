package org.evcharging.bpp.core.outbound;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import javax.sql.DataSource;

/** The outbox tables. Claims use a lease so that several replicas of a service never send one callback twice. */
@ApplicationScoped
public class OutboxStore {

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Resource(lookup = "jdbc/bpp")
    DataSource dataSource;

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

    /**
     * Records an attempt and moves the message on: delivered, retried at {@code nextAttemptAt}, or failed. Two
     * statements in one local JDBC transaction: this runs once per callback, so it skips the JTA machinery.
     * Only the holder of the lease may record: false (and nothing written) when the lease was lost meanwhile.
     */
    @Transactional(TxType.NOT_SUPPORTED)
    public boolean recordAttempt(String id, long leaseToken, int attemptNo, long attemptedAt, Integer httpStatus,
                                 long durationMs, String outcome, OutboxMessage.Status newStatus, long nextAttemptAt) {
        boolean delivered = newStatus == OutboxMessage.Status.DELIVERED;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("UPDATE beckn_outbox SET attempts = ?, status = ?,"
                    + " next_attempt_at = ?, lease_until = NULL, last_error = ?, delivered_at = ? WHERE id = ? AND lease_until = ?");
                 PreparedStatement attempt = c.prepareStatement("INSERT INTO beckn_outbox_attempt (outbox_id, attempt_no,"
                         + " attempted_at, http_status, duration_ms, outcome) VALUES (?, ?, ?, ?, ?, ?)")) {
                update.setInt(1, attemptNo);
                update.setString(2, newStatus.name());
                update.setLong(3, nextAttemptAt);
                update.setString(4, delivered ? null : truncate(outcome));
                if (delivered) {
                    update.setLong(5, attemptedAt);
                } else {
                    update.setNull(5, Types.BIGINT);
                }
                update.setString(6, id);
                update.setLong(7, leaseToken);
                if (update.executeUpdate() != 1) {
                    c.rollback();
                    return false;
                }
                attempt.setString(1, id);
                attempt.setInt(2, attemptNo);
                attempt.setLong(3, attemptedAt);
                if (httpStatus == null) {
                    attempt.setNull(4, Types.INTEGER);
                } else {
                    attempt.setInt(4, httpStatus);
                }
                attempt.setLong(5, durationMs);
                attempt.setString(6, truncate(outcome));
                attempt.executeUpdate();
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new PersistenceException("recording the attempt of " + id + " failed", e);
        }
    }

    /** Gives a lease back at once (a send that could not even be started), so the poller retries without delay. */
    @Transactional(TxType.REQUIRES_NEW)
    public void release(String id) {
        em.createQuery("UPDATE OutboxMessage m SET m.leaseUntil = NULL WHERE m.id = :id AND m.status = 'PENDING'")
                .setParameter("id", id).executeUpdate();
    }

    private static String truncate(String s) {
        return s == null ? null : s.substring(0, Math.min(500, s.length()));
    }
}
