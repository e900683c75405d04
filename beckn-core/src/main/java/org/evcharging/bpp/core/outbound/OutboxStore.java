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

    /**
     * Joins the caller's transaction: the callbacks commit with the state change that caused them. One multi-row
     * INSERT on the transaction's own connection, however many callbacks a transaction answers with.
     */
    @Transactional(TxType.MANDATORY)
    public void addAll(List<OutboxMessage> messages) {
        StringBuilder sql = new StringBuilder(
                "INSERT INTO beckn_outbox (id, action, bap_id, transaction_id, message_id,"
                        + " target_url, body, status, attempts, created_at, next_attempt_at, expires_at, lease_until) VALUES ");
        for (int i = 0; i < messages.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int k = 1;
            for (OutboxMessage m : messages) {
                ps.setString(k++, m.id());
                ps.setString(k++, m.action());
                ps.setString(k++, m.beckn().bapId());
                ps.setString(k++, m.beckn().transactionId());
                ps.setString(k++, m.beckn().messageId());
                ps.setString(k++, m.targetUrl());
                ps.setString(k++, m.storedBody());
                ps.setString(k++, m.status().name());
                ps.setLong(k++, m.createdAt());
                ps.setLong(k++, m.nextAttemptAt());
                ps.setLong(k++, m.expiresAt());
                ps.setLong(k++, m.leaseUntil());
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("writing " + messages.size() + " callback(s) to the outbox failed", e);
        }
    }

    /** Leases one pending message for sending; null when it is not pending or another sender holds it. */
    @Transactional(TxType.REQUIRES_NEW)
    public OutboxMessage claim(String id, long now, long leaseMillis) {
        int n = em
                .createQuery(
                        "UPDATE OutboxMessage m SET m.leaseUntil = :until WHERE m.id = :id AND m.status = 'PENDING'"
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

    /** One delivery attempt to record: the outcome, and where it moves the message (delivered, retry at, failed). */
    public record Attempt(String outboxId, String action, long leaseToken, int attemptNo, long attemptedAt,
            Integer httpStatus, long durationMs, String outcome, OutboxMessage.Status newStatus,
            long nextAttemptAt) {
    }

    /**
     * Records attempts and moves their messages on, in one local JDBC transaction for all of them: one UPDATE of
     * all their messages (joined to the batch's values) and one multi-row INSERT of the attempt rows. Only the holder
     * of a message's lease may record: when the UPDATE finds fewer rows than the batch (a lease lost meanwhile), it
     * is rolled back and each message is updated on its own, and an attempt whose lease was lost is left out (false at
     * its index).
     */
    @Transactional(TxType.NOT_SUPPORTED)
    public boolean[] recordAttempts(List<Attempt> attempts) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean[] recorded = attempts.size() > 1 ? updateAll(c, attempts) : null;
                if (recorded == null) {
                    c.rollback();
                    recorded = updateEach(c, attempts);
                }
                insertAttempts(c, attempts, recorded);
                c.commit();
                return recorded;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new PersistenceException("recording " + attempts.size() + " delivery attempt(s) failed", e);
        }
    }

    /** One UPDATE for the whole batch; null unless it moved every message (then all are recorded). */
    private static boolean[] updateAll(Connection c, List<Attempt> attempts) throws SQLException {
        StringBuilder sql = new StringBuilder("UPDATE beckn_outbox o JOIN (");
        for (int i = 0; i < attempts.size(); i++) {
            sql.append(i == 0 ? "SELECT ? AS id, ? AS lease, ? AS attempts, ? AS status, ? AS next_at, ? AS error,"
                    + " ? AS delivered_at" : " UNION ALL SELECT ?, ?, ?, ?, ?, ?, ?");
        }
        sql.append(") v ON o.id = v.id AND o.lease_until = v.lease SET o.attempts = v.attempts, o.status = v.status,"
                + " o.next_attempt_at = v.next_at, o.lease_until = NULL, o.last_error = v.error,"
                + " o.delivered_at = v.delivered_at");
        try (PreparedStatement update = c.prepareStatement(sql.toString())) {
            int k = 1;
            for (Attempt a : attempts) {
                update.setString(k++, a.outboxId());
                update.setLong(k++, a.leaseToken());
                k = bindOutcome(update, k, a);
            }
            if (update.executeUpdate() != attempts.size()) {
                return null;
            }
        }
        boolean[] all = new boolean[attempts.size()];
        java.util.Arrays.fill(all, true);
        return all;
    }

    /** An UPDATE per message, each recorded only if its lease is still the one the attempt was made under. */
    private static boolean[] updateEach(Connection c, List<Attempt> attempts) throws SQLException {
        boolean[] recorded = new boolean[attempts.size()];
        try (PreparedStatement update = c.prepareStatement("UPDATE beckn_outbox SET attempts = ?, status = ?,"
                + " next_attempt_at = ?, lease_until = NULL, last_error = ?, delivered_at = ? WHERE id = ? AND lease_until = ?")) {
            for (int i = 0; i < attempts.size(); i++) {
                Attempt a = attempts.get(i);
                bindOutcome(update, 1, a);
                update.setString(6, a.outboxId());
                update.setLong(7, a.leaseToken());
                recorded[i] = update.executeUpdate() == 1;
            }
        }
        return recorded;
    }

    /**
     * Binds where an attempt moves its message, from parameter {@code k} on: attempts, status, next attempt, last
     * error (none once delivered), delivered at (only then). Returns the next parameter index.
     */
    private static int bindOutcome(PreparedStatement ps, int k, Attempt a) throws SQLException {
        boolean delivered = a.newStatus() == OutboxMessage.Status.DELIVERED;
        ps.setInt(k++, a.attemptNo());
        ps.setString(k++, a.newStatus().name());
        ps.setLong(k++, a.nextAttemptAt());
        ps.setString(k++, delivered ? null : truncate(a.outcome()));
        if (delivered) {
            ps.setLong(k++, a.attemptedAt());
        } else {
            ps.setNull(k++, Types.BIGINT);
        }
        return k;
    }

    /** One multi-row INSERT of the attempts that were recorded. */
    private static void insertAttempts(Connection c, List<Attempt> attempts, boolean[] recorded)
            throws SQLException {
        int n = 0;
        for (boolean r : recorded) {
            n += r ? 1 : 0;
        }
        if (n == 0) {
            return;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO beckn_outbox_attempt (outbox_id, attempt_no,"
                + " attempted_at, http_status, duration_ms, outcome) VALUES ");
        for (int i = 0; i < n; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
        }
        try (PreparedStatement insert = c.prepareStatement(sql.toString())) {
            int k = 1;
            for (int i = 0; i < attempts.size(); i++) {
                if (!recorded[i]) {
                    continue;
                }
                Attempt a = attempts.get(i);
                insert.setString(k++, a.outboxId());
                insert.setInt(k++, a.attemptNo());
                insert.setLong(k++, a.attemptedAt());
                if (a.httpStatus() == null) {
                    insert.setNull(k++, Types.INTEGER);
                } else {
                    insert.setInt(k++, a.httpStatus());
                }
                insert.setLong(k++, a.durationMs());
                insert.setString(k++, truncate(a.outcome()));
            }
            insert.executeUpdate();
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
