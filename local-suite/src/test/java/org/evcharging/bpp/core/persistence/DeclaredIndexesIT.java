package org.evcharging.bpp.core.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * Indexes declared after their table was made, on a real MariaDB: a table as an older release made it (no tracking
 * token index, no city index) gets them at start, a unique index is then enforced, a unique index over duplicates is
 * reported and skipped, and a second start changes nothing.
 */
class DeclaredIndexesIT {

    private static MigrationDatabase db;
    private static MariaDbDataSource dataSource;

    @Entity
    @Table(name = "orders", indexes = {@Index(name = "ux_order_tracking", columnList = "tracking_token", unique = true),
            @Index(name = "ix_order_bap", columnList = "bap_id, created DESC")})
    static class OrderLike {
    }

    @Entity
    @Table(name = "location", indexes = {@Index(name = "ux_location_city", columnList = "city_code", unique = true)})
    static class Duplicates {
    }

    @Entity
    @Table(name = "not_made_yet", indexes = {@Index(name = "ix_x", columnList = "x")})
    static class NoTable {
    }

    @BeforeAll
    static void database() throws Exception {
        db = MigrationDatabase.fresh("migration-db-indexes");
        dataSource = db.dataSource();
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    private static DeclaredIndexes migration() {
        DeclaredIndexes m = new DeclaredIndexes();
        m.dataSource = dataSource;
        return m;
    }

    private static long indexes(String table, String name) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(DISTINCT INDEX_NAME) FROM information_schema.STATISTICS"
                        + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + table + "' AND INDEX_NAME = '"
                        + name + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void creates_the_indexes_an_older_table_lacks_and_skips_what_cannot_be_made() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id VARCHAR(36) PRIMARY KEY, bap_id VARCHAR(190), created DATETIME(6),"
                    + " tracking_token VARCHAR(43) NULL)");
            s.execute("INSERT INTO orders VALUES ('o1', 'bap', NOW(6), NULL), ('o2', 'bap', NOW(6), NULL),"
                    + " ('o3', 'bap', NOW(6), 'token-3')");
            s.execute("CREATE TABLE location (id VARCHAR(36) PRIMARY KEY, city_code VARCHAR(20))");
            s.execute("INSERT INTO location VALUES ('l1', 'std:080'), ('l2', 'std:080')");
        }
        List<DeclaredIndexes.Declared> declared = DeclaredIndexes
                .declared(Stream.of(OrderLike.class, Duplicates.class, NoTable.class));
        assertEquals(4, declared.size());

        migration().ensure(declared);

        assertEquals(1, indexes("orders", "ux_order_tracking"));
        assertEquals(1, indexes("orders", "ix_order_bap"));
        assertEquals(0, indexes("location", "ux_location_city"), "duplicates: reported, not created");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThrows(SQLException.class,
                    () -> s.execute("INSERT INTO orders VALUES ('o4', 'bap', NOW(6), 'token-3')"),
                    "the unique index is enforced");
            s.execute("INSERT INTO orders VALUES ('o5', 'bap', NOW(6), NULL)"); // many orders have no token yet
        }

        migration().ensure(declared);
        assertEquals(1, indexes("orders", "ux_order_tracking"), "a second start changes nothing");
    }
}
