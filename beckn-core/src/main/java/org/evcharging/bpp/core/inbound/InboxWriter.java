package org.evcharging.bpp.core.inbound;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;

import javax.sql.DataSource;
import org.evcharging.bpp.core.config.BppConfig;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.core.persistence.GroupCommitWorker;

/**
 * Stores ACKed requests in the inbox with group commit: the requests that arrive while one insert is being
 * committed are written together by the next one, as one multi-row {@code INSERT IGNORE} in one autocommitted
 * statement. Each request thread still waits until its own row is durable before it ACKs, so nothing ACKed is
 * lost; under load, one commit (and one round trip) serves many requests instead of one each. When idle, a
 * request is written alone at once: there is no timer and no added latency.
 *
 * <p>The rows written by one commit are handed to the {@link InboundProcessor} together, so that handlers that
 * opt in can answer them in one transaction as well.
 */
@ApplicationScoped
public class InboxWriter {

    private static final SafeLog LOG = SafeLog.of(InboxWriter.class);
    /** Rows per statement at most, and bytes of bodies: well under MariaDB's default 16 MiB packet. */
    static final int MAX_ROWS = 128;
    static final int MAX_BYTES = 4 * 1024 * 1024;
    /** How long a request thread waits for its row to be committed before it gives up (503, retry). */
    static final long WAIT_SECONDS = 10;
    private static final String COLUMNS = "INSERT IGNORE INTO beckn_inbox (id, bap_id, message_id, action,"
            + " transaction_id, body, status, received_at, attempts, answer_deadline, lease_until) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, 'RECEIVED', ?, 0, ?, ?)";

    /** A request accepted at the door, waiting for its row. */
    public record Accepted(String inboxId, InboundRequest request, String bapId, String messageId,
            String transactionId, String body, long receivedAt, long answerDeadline) {
    }

    private record Pending(Accepted row, CompletableFuture<Boolean> stored) {
    }

    @Resource(lookup = "jdbc/bpp")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    InboundProcessor processor;

    @Inject
    BppConfig config;

    private GroupCommitWorker<Pending> worker;

    @PostConstruct
    void start() {
        worker = new GroupCommitWorker<>("beckn-inbox-writer", threadFactory, MAX_ROWS, p -> p.row().body().length(),
                MAX_BYTES, this::writeOrFail);
    }

    @PreDestroy
    void stop() {
        for (Pending p : worker.stop(2_000)) {
            p.stored().completeExceptionally(new PersistenceException("shutting down"));
        }
    }

    /**
     * Stores the request and waits until it is durable; false when (bap_id, message_id, action) was stored
     * before (a retry: ACK it, do not process it again). A fresh row is handed to the processor once committed.
     */
    public boolean store(Accepted row) {
        CompletableFuture<Boolean> stored = new CompletableFuture<>();
        if (!worker.offer(new Pending(row, stored))) {
            throw new PersistenceException("the inbox is shutting down");
        }
        try {
            return stored.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new PersistenceException("inbox insert failed", e.getCause());
        } catch (TimeoutException e) {
            throw new PersistenceException("inbox insert not committed within " + WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PersistenceException("interrupted while storing the request");
        }
    }

    private void writeOrFail(List<Pending> batch) {
        try {
            write(batch);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "inbox writer", e);
            batch.forEach(p -> p.stored().completeExceptionally(e));
        }
    }

    /** One statement for the batch; if it fails as a whole, each row on its own so one bad row fails alone. */
    void write(List<Pending> batch) {
        Set<String> inserted;
        try {
            inserted = insertOnLiveConnection(batch);
        } catch (SQLException e) {
            if (batch.size() == 1) {
                batch.get(0).stored().completeExceptionally(new PersistenceException("inbox insert failed", e));
                return;
            }
            LOG.log(Level.WARNING, "inbox group insert of {0} rows failed ({1}); writing them one by one",
                    new Object[] {batch.size(), e.toString()});
            for (Pending p : batch) {
                write(List.of(p));
            }
            return;
        }
        List<Accepted> fresh = new ArrayList<>(inserted.size());
        for (Pending p : batch) {
            if (inserted.contains(p.row().inboxId())) {
                fresh.add(p.row());
            }
        }
        // Handed over before the request threads ACK: the rows are durable now (and recovery would find them).
        try {
            processor.submitAll(fresh);
        } catch (RuntimeException e) {
            // The rows are durable: recovery hands them to a worker within seconds. The ACK stands.
            LOG.log(Level.WARNING, "{0} stored requests not handed over now ({1}); recovery will",
                    new Object[] {fresh.size(), e.toString()});
        }
        for (Pending p : batch) {
            p.stored().complete(inserted.contains(p.row().inboxId()));
        }
    }

    /**
     * Inserts the batch; when the connection turns out dead (the database restarted, or failed over, between the
     * pool's check and the statement), once more on a new one. Safe: a row the lost attempt did commit carries the same
     * id, and is found as ours.
     */
    private Set<String> insertOnLiveConnection(List<Pending> batch) throws SQLException {
        try {
            return insert(batch);
        } catch (SQLException e) {
            if (!connectionLost(e)) {
                throw e;
            }
            LOG.log(Level.WARNING,
                    "inbox insert of {0} rows lost its database connection ({1}); once more on a new one",
                    new Object[] {String.valueOf(batch.size()), e.toString()});
            try {
                Thread.sleep(250); // a database just back may take a moment to accept again
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw e;
            }
            return insert(batch);
        }
    }

    /** A failure of the connection itself (SQLState class 08), not of the statement. */
    static boolean connectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** The inbox ids actually inserted (the others were repeats of a stored request). */
    private Set<String> insert(List<Pending> batch) throws SQLException {
        StringBuilder sql = new StringBuilder(COLUMNS.length() + batch.size() * (ROW.length() + 2)).append(COLUMNS);
        for (int i = 0; i < batch.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(ROW);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            int count;
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int k = 1;
                for (Pending p : batch) {
                    Accepted a = p.row();
                    ps.setString(k++, a.inboxId());
                    ps.setString(k++, a.bapId());
                    ps.setString(k++, a.messageId());
                    ps.setString(k++, a.request().action());
                    ps.setString(k++, a.transactionId());
                    ps.setString(k++, a.body());
                    ps.setLong(k++, a.receivedAt());
                    ps.setLong(k++, a.answerDeadline());
                    if (config.answering()) {
                        ps.setLong(k++, a.receivedAt() + InboxStore.PROCESSING_LEASE_MILLIS); // ours: this replica answers it
                    } else {
                        ps.setNull(k++, Types.BIGINT); // free for the replicas that answer, as soon as their recovery looks
                    }
                }
                count = ps.executeUpdate();
            }
            Set<String> ids = new HashSet<>();
            if (count == batch.size()) {
                batch.forEach(p -> ids.add(p.row().inboxId()));
                return ids;
            }
            // Some were repeats: the rows carrying our fresh ids are the ones that went in.
            StringBuilder q = new StringBuilder("SELECT id FROM beckn_inbox WHERE id IN (");
            for (int i = 0; i < batch.size(); i++) {
                q.append(i == 0 ? "?" : ", ?");
            }
            try (PreparedStatement ps = c.prepareStatement(q.append(')').toString())) {
                for (int i = 0; i < batch.size(); i++) {
                    ps.setString(i + 1, batch.get(i).row().inboxId());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        }
    }
}
