package org.evcharging.bpp.core.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * The migration of the Beckn id columns on a real MariaDB: a schema as an older quote-service made it (a 900-character
 * {@code bap_id}, a 200-character {@code transaction_id}) is brought to {@link BecknReferences}' sizes with its data
 * and nullability kept; a column holding a longer value is left alone, and a second run changes nothing.
 */
class BecknReferenceColumnsIT {

    private static MigrationDatabase db;
    private static MariaDbDataSource dataSource;

    @BeforeAll
    static void database() throws Exception {
        db = MigrationDatabase.fresh("migration-db");
        dataSource = db.dataSource();
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.close();
        }
    }

    private static BecknReferenceColumns migration() {
        BecknReferenceColumns m = new BecknReferenceColumns();
        m.dataSource = dataSource;
        return m;
    }

    private static String column(String table, String column) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s
                        .executeQuery("SELECT CHARACTER_MAXIMUM_LENGTH, IS_NULLABLE FROM information_schema.COLUMNS"
                                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + table
                                + "' AND COLUMN_NAME = '" + column
                                + "'")) {
            rs.next();
            return rs.getLong(1) + (rs.getString(2).equals("NO") ? " NOT NULL" : " NULL");
        }
    }

    @Test
    void brings_drifted_columns_to_the_shared_sizes_and_keeps_what_they_hold() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE quote (id VARCHAR(36) PRIMARY KEY, bap_id VARCHAR(900) NOT NULL,"
                    + " transaction_id VARCHAR(200) NOT NULL, message_id VARCHAR(255) NULL)");
            s.execute("INSERT INTO quote VALUES ('q1', 'example-bap.com', 'txn-1', NULL)");
            s.execute("CREATE TABLE legacy (id VARCHAR(36) PRIMARY KEY, transaction_id VARCHAR(300) NOT NULL)");
            s.execute("INSERT INTO legacy VALUES ('l1', '" + "t".repeat(150) + "')");
        }

        migration().migrate(null);

        assertEquals("190 NOT NULL", column("quote", "bap_id"));
        assertEquals("100 NOT NULL", column("quote", "transaction_id"));
        assertEquals("100 NULL", column("quote", "message_id"));
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT bap_id, transaction_id FROM quote WHERE id = 'q1'")) {
            rs.next();
            assertEquals("example-bap.com", rs.getString(1));
            assertEquals("txn-1", rs.getString(2));
        }
        assertEquals("300 NOT NULL", column("legacy", "transaction_id"), "a longer value keeps its column as it is");

        migration().migrate(null);
        assertEquals("190 NOT NULL", column("quote", "bap_id"), "a second start changes nothing");
    }
}
