package org.evcharging.bpp.core.outbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.evcharging.bpp.core.persistence.MigrationDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * Delivery outcomes recorded a batch at a time on a real MariaDB: one UPDATE moves every message of the batch when
 * all leases still hold; a lease lost meanwhile (another sender took the message over) leaves that message as the
 * other sender will record it, and only the others are recorded, each with its attempt row.
 */
class OutboxStoreIT {

    private static MigrationDatabase db;
    private static MariaDbDataSource dataSource;
    private static OutboxStore store;

    @BeforeAll
    static void database() throws Exception {
        db = MigrationDatabase.fresh("outbox-store-db");
        dataSource = db.dataSource();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // The columns as the services' schema generation makes them (OutboxMessage, OutboxAttempt).
            s.execute("CREATE TABLE beckn_outbox (id VARCHAR(36) NOT NULL PRIMARY KEY, action VARCHAR(20) NOT NULL,"
                    + " bap_id VARCHAR(255) NOT NULL, transaction_id VARCHAR(255) NOT NULL, message_id VARCHAR(255),"
                    + " target_url VARCHAR(1000) NOT NULL, body LONGTEXT NOT NULL, status VARCHAR(12) NOT NULL,"
                    + " attempts INTEGER NOT NULL, created_at BIGINT NOT NULL, next_attempt_at BIGINT NOT NULL,"
                    + " expires_at BIGINT NOT NULL, lease_until BIGINT, delivered_at BIGINT, last_error VARCHAR(500))");
            s.execute("CREATE TABLE beckn_outbox_attempt (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " outbox_id VARCHAR(36) NOT NULL, attempt_no INTEGER NOT NULL, attempted_at BIGINT NOT NULL,"
                    + " http_status INTEGER, duration_ms BIGINT NOT NULL, outcome VARCHAR(500))");
        }
        store = new OutboxStore();
        store.dataSource = dataSource;
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    @BeforeEach
    void threePendingCallbacksLeasedUntil1000() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM beckn_outbox_attempt");
            s.execute("DELETE FROM beckn_outbox");
            for (String id : List.of("a", "b", "c")) {
                s.execute("INSERT INTO beckn_outbox VALUES ('" + id + "', 'on_search', 'bap', 'txn-" + id
                        + "', 'msg-" + id + "', 'https://bap.example/on_search', '{}', 'PENDING', 0, 1, 1, 99999,"
                        + " 1000, NULL, NULL)");
            }
        }
    }

    private static OutboxStore.Attempt delivered(String id, long lease) {
        return new OutboxStore.Attempt(id, "on_search", lease, 1, 500, 200, 7, "ACK", OutboxMessage.Status.DELIVERED,
                500);
    }

    private static OutboxStore.Attempt retry(String id, long lease) {
        return new OutboxStore.Attempt(id, "on_search", lease, 1, 500, 503, 9, "HTTP 503, 12 bytes",
                OutboxMessage.Status.PENDING, 1500);
    }

    @Test
    void a_batch_whose_leases_all_hold_is_recorded_whole() throws SQLException {
        boolean[] recorded = store
                .recordAttempts(List.of(delivered("a", 1000), retry("b", 1000), delivered("c", 1000)));

        assertArrayEquals(new boolean[] {true, true, true}, recorded);
        assertEquals("DELIVERED 1 500 null null", row("a"));
        assertEquals("PENDING 1 1500 null HTTP 503, 12 bytes", row("b"), "retried at 1500, its error kept");
        assertEquals("DELIVERED 1 500 null null", row("c"));
        assertEquals(3, count("SELECT COUNT(*) FROM beckn_outbox_attempt"));
        assertEquals(1, count("SELECT COUNT(*) FROM beckn_outbox_attempt WHERE outbox_id = 'b' AND http_status = 503"
                + " AND duration_ms = 9"));
    }

    @Test
    void a_lost_lease_leaves_that_message_alone_and_the_rest_are_recorded() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE beckn_outbox SET lease_until = 2000 WHERE id = 'b'"); // another sender claimed it
        }

        boolean[] recorded = store
                .recordAttempts(List.of(delivered("a", 1000), delivered("b", 1000), retry("c", 1000)));

        assertArrayEquals(new boolean[] {true, false, true}, recorded);
        assertEquals("DELIVERED 1 500 null null", row("a"));
        assertEquals("PENDING 0 1 2000 null", row("b"), "the new holder's lease and state untouched");
        assertEquals("PENDING 1 1500 null HTTP 503, 12 bytes", row("c"));
        assertEquals(0, count("SELECT COUNT(*) FROM beckn_outbox_attempt WHERE outbox_id = 'b'"));
        assertEquals(2, count("SELECT COUNT(*) FROM beckn_outbox_attempt"));
    }

    @Test
    void one_message_twice_in_a_batch_is_recorded_once() throws SQLException {
        boolean[] recorded = store.recordAttempts(List.of(delivered("a", 1000), delivered("a", 1000)));

        assertArrayEquals(new boolean[] {true, false}, recorded);
        assertEquals(1, count("SELECT COUNT(*) FROM beckn_outbox_attempt WHERE outbox_id = 'a'"));
    }

    @Test
    void a_single_attempt_is_recorded() throws SQLException {
        assertArrayEquals(new boolean[] {true}, store.recordAttempts(List.of(delivered("c", 1000))));
        assertEquals("DELIVERED 1 500 null null", row("c"));
        assertNull(lastError("c"));
    }

    /** status, attempts, next attempt (or lease while pending under a lease), lease, last error. */
    private static String row(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT status, attempts, next_attempt_at, lease_until,"
                        + " last_error, delivered_at FROM beckn_outbox WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String status = rs.getString(1);
                long when = "DELIVERED".equals(status) ? rs.getLong(6) : rs.getLong(3);
                return status + " " + rs.getInt(2) + " " + when + " " + rs.getObject(4) + " " + rs.getString(5);
            }
        }
    }

    private static String lastError(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT last_error FROM beckn_outbox WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
