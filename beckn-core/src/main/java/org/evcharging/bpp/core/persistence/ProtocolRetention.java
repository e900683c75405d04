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
 *
 * <p>The chunks are paced: after each one the sweep rests three times as long as the chunk took, so that deleting a
 * minute's worth of rows (at 150 searches a second, 9,000 a table, outbox bodies of up to 140 KB) is not a burst of
 * back-to-back deletes that every request waiting for the database queues behind (the soak's p99, RELIABILITY.md).
 * A sweep goes on until nothing is past its retention or it has run as long as the pause between sweeps; in the
 * second case it says so (retention is falling behind the traffic: sweep more often).
 */
@ApplicationScoped
public class ProtocolRetention implements Sweep {

    private static final SafeLog LOG = SafeLog.of(ProtocolRetention.class);
    static final int CHUNK = 500;
    /** MariaDB's ER_NO_SUCH_TABLE. */
    private static final int NO_SUCH_TABLE = 1146;
    /** After each chunk the sweep rests this many times as long as the chunk took (a quarter of its time working). */
    static final int REST_FACTOR = 3;
    /** The longest rest between two chunks. */
    static final long MAX_REST_NANOS = 2_000_000_000L;

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

    /** One sweep: deletes what is past its retention, in paced chunks, for at most {@link #every()}. */
    @Override
    public void sweep() {
        long before = System.currentTimeMillis() - keep().toMillis();
        Chunks.Result done;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement inbox = c
                    .prepareStatement("DELETE FROM beckn_inbox WHERE status IN ('PROCESSED', 'FAILED')"
                            + " AND received_at < ? LIMIT " + CHUNK)) {
                Chunk answered = () -> {
                    inbox.setLong(1, before);
                    return inbox.executeUpdate();
                };
                Chunk finished = () -> {
                    List<String> ids = finishedCallbacks(c, before);
                    if (!ids.isEmpty()) {
                        deleteCallbacks(c, ids);
                    }
                    return ids.size();
                };
                done = Chunks.run(answered, finished, every().toNanos(), System::nanoTime, Chunks::rest);
            }
        } catch (SQLException e) {
            if (e.getErrorCode() == NO_SUCH_TABLE) {
                return; // a service just started: its first request creates the tables
            }
            throw new IllegalStateException("protocol table retention: " + e.getMessage(), e);
        }
        if (done.first() + done.second() > 0) {
            LOG.log(Level.INFO, "retention: deleted {0} answered requests and {1} finished callbacks older than {2}",
                    new Object[] {done.first(), done.second(), keep()});
        }
        if (!done.complete()) {
            LOG.log(Level.WARNING, "retention is falling behind: after {0} of paced deletes rows older than {1} are"
                    + " still left; set beckn.retention.sweep shorter (now {2})",
                    new Object[] {every(), keep(), every()});
        }
    }

    /** One chunk of deletes: how many rows it deleted (fewer than {@link #CHUNK}: nothing more is due). */
    @FunctionalInterface
    interface Chunk {

        int delete() throws SQLException;
    }

    /** The pacing of a sweep's chunks, apart from the database so that it can be tested with a clock of its own. */
    static final class Chunks {

        private Chunks() {
        }

        /** Rows deleted by each kind of chunk, and whether both ran out before the budget did. */
        record Result(int first, int second, boolean complete) {
        }

        /** Sleeps for {@code nanos}; an interrupt (the service stopping) ends the sweep. */
        interface Rest {

            boolean rest(long nanos);
        }

        static boolean rest(long nanos) {
            try {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /**
         * Runs both kinds of chunk in turn until each deletes fewer than a full chunk, resting {@link #REST_FACTOR}
         * times each chunk's time after it, and stops early once {@code budgetNanos} are spent.
         */
        static Result run(Chunk first, Chunk second, long budgetNanos, java.util.function.LongSupplier clock,
                Rest rest) throws SQLException {
            long start = clock.getAsLong();
            int[] deleted = new int[2];
            boolean[] more = {true, true};
            Chunk[] chunks = {first, second};
            while (more[0] || more[1]) {
                for (int k = 0; k < 2; k++) {
                    if (!more[k]) {
                        continue;
                    }
                    long t0 = clock.getAsLong();
                    int n = chunks[k].delete();
                    long took = clock.getAsLong() - t0;
                    deleted[k] += n;
                    more[k] = n >= CHUNK;
                    if (!more[0] && !more[1]) {
                        break;
                    }
                    if (clock.getAsLong() - start >= budgetNanos
                            || !rest.rest(Math.min(took * REST_FACTOR, MAX_REST_NANOS))) {
                        return new Result(deleted[0], deleted[1], false);
                    }
                }
            }
            return new Result(deleted[0], deleted[1], true);
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
