package org.evcharging.bpp.core.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.config.BppConfig;
import java.util.logging.Level;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.tasks.Sweep;

/**
 * Keeps the protocol tables from growing without bound: answered inbox rows (PROCESSED or FAILED) and finished
 * callbacks (DELIVERED or FAILED, with their attempt records) are deleted once older than {@code beckn.retention}
 * (default 7 days, never less than twice the longest callback window: a request retried up to a whole window
 * after its answer's last attempt is still recognised), a few hundred rows per statement so
 * that no delete holds many locks. A request stays de-duplicated for that long; a request still waiting for its
 * answer and a callback still being delivered are never touched.
 */
@ApplicationScoped
public class ProtocolRetention implements Sweep {

    private static final SafeLog LOG = SafeLog.of(ProtocolRetention.class);
    static final int CHUNK = 500;
    /** MariaDB's ER_NO_SUCH_TABLE. */
    private static final int NO_SUCH_TABLE = 1146;
    /** Chunks per table and sweep at most: a large backlog is worked off over several sweeps. */
    static final int MAX_CHUNKS = 40;

    @Resource(lookup = "jdbc/bpp")
    DataSource dataSource;

    @Inject
    BppConfig config;

    @Inject
    @ConfigProperty(name = "beckn.retention", defaultValue = "P7D")
    String retention;

    @Inject
    @ConfigProperty(name = "beckn.retention.sweep", defaultValue = "PT10M")
    String sweepEvery;

    @Override
    public String name() {
        return "protocol table retention";
    }

    @Override
    public Duration every() {
        return Duration.parse(sweepEvery);
    }

    /** How long answered requests and finished callbacks are kept. */
    Duration keep() {
        return keep(Duration.parse(retention), config.maxCallbackWindow());
    }

    static Duration keep(Duration configured, Duration maxCallbackWindow) {
        Duration least = maxCallbackWindow.multipliedBy(2);
        return configured.compareTo(least) < 0 ? least : configured;
    }

    /** One sweep: deletes what is past its retention, a bounded number of chunks per table. */
    @Override
    public void sweep() {
        long before = System.currentTimeMillis() - keep().toMillis();
        int inbox = 0;
        int outbox = 0;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c
                    .prepareStatement("DELETE FROM beckn_inbox WHERE status IN ('PROCESSED', 'FAILED')"
                            + " AND received_at < ? LIMIT " + CHUNK)) {
                for (int i = 0; i < MAX_CHUNKS; i++) {
                    ps.setLong(1, before);
                    int n = ps.executeUpdate();
                    inbox += n;
                    if (n < CHUNK) {
                        break;
                    }
                }
            }
            for (int i = 0; i < MAX_CHUNKS; i++) {
                List<String> ids = finishedCallbacks(c, before);
                if (!ids.isEmpty()) {
                    deleteCallbacks(c, ids);
                    outbox += ids.size();
                }
                if (ids.size() < CHUNK) {
                    break;
                }
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == NO_SUCH_TABLE) {
                return; // a service just started: its first request creates the tables
            }
            throw new IllegalStateException("protocol table retention: " + e.getMessage(), e);
        }
        if (inbox + outbox > 0) {
            LOG.log(Level.INFO, "retention: deleted {0} answered requests and {1} finished callbacks older than {2}",
                    new Object[] {inbox, outbox, keep()});
        }
    }

    /** Callbacks delivered or given up (their last attempt, {@code next_attempt_at}, before {@code before}). */
    private static List<String> finishedCallbacks(Connection c, long before) throws SQLException {
        try (PreparedStatement ps = c
                .prepareStatement("SELECT id FROM beckn_outbox WHERE status IN ('DELIVERED', 'FAILED')"
                        + " AND next_attempt_at < ? LIMIT " + CHUNK)) {
            ps.setLong(1, before);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    /** The callbacks and their attempt records, in one transaction. */
    private static void deleteCallbacks(Connection c, List<String> ids) throws SQLException {
        String in = String.join(",", Collections.nCopies(ids.size(), "?"));
        c.setAutoCommit(false);
        try (PreparedStatement attempts = c
                .prepareStatement("DELETE FROM beckn_outbox_attempt WHERE outbox_id IN (" + in + ")");
                PreparedStatement rows = c.prepareStatement("DELETE FROM beckn_outbox WHERE id IN (" + in + ")"
                        + " AND status IN ('DELIVERED', 'FAILED')")) {
            for (int i = 0; i < ids.size(); i++) {
                attempts.setString(i + 1, ids.get(i));
                rows.setString(i + 1, ids.get(i));
            }
            attempts.executeUpdate();
            rows.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
