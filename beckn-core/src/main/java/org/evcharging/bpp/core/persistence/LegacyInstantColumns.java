package org.evcharging.bpp.core.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import javax.sql.DataSource;
import org.evcharging.bpp.core.logging.SafeLog;

/**
 * Migration 1 of every service's schema: time columns written before {@link InstantConverter} existed hold
 * Java-serialized {@code Instant}s in LONGBLOB columns. Each such column (a LONGBLOB named {@code *_at},
 * {@code *_until}, {@code slot_start} or {@code slot_end}; the services keep no other blobs) is converted in place
 * to a UTC {@code DATETIME(3)}: the serialized form ends with the epoch seconds (8 bytes) and nanoseconds (4 bytes),
 * big-endian, then one end-of-block byte. Runs at start; a schema without such columns is left untouched.
 */
@ApplicationScoped
public class LegacyInstantColumns {

    private static final SafeLog LOG = SafeLog.of(LegacyInstantColumns.class);

    @Resource(lookup = "jdbc/bpp")
    DataSource dataSource;

    void migrate(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("SET time_zone = '+00:00'");
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement ps = c
                    .prepareStatement("SELECT TABLE_NAME, COLUMN_NAME, IS_NULLABLE FROM information_schema.COLUMNS"
                            + " WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE = 'longblob' AND (COLUMN_NAME LIKE '%\\_at'"
                            + " OR COLUMN_NAME LIKE '%\\_until' OR COLUMN_NAME IN ('slot_start', 'slot_end'))");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            for (String[] col : columns) {
                String t = "`" + col[0] + "`";
                String old = "`" + col[1] + "`";
                String tmp = "`" + col[1] + "__utc`";
                String seconds = "CONV(HEX(SUBSTRING(" + old + ", LENGTH(" + old + ") - 12, 8)), 16, 10)";
                String nanos = "CONV(HEX(SUBSTRING(" + old + ", LENGTH(" + old + ") - 4, 4)), 16, 10)";
                s.execute("ALTER TABLE " + t + " ADD COLUMN " + tmp + " DATETIME(3) NULL");
                s.execute(
                        "UPDATE " + t + " SET " + tmp + " = FROM_UNIXTIME(" + seconds + " + " + nanos + " / 1000000000)"
                                + " WHERE " + old + " IS NOT NULL AND LENGTH(" + old + ") > 13");
                s.execute("ALTER TABLE " + t + " DROP COLUMN " + old);
                s.execute("ALTER TABLE " + t + " CHANGE " + tmp + " " + old + " DATETIME(3) "
                        + ("NO".equals(col[2]) ? "NOT NULL" : "NULL"));
                LOG.log(Level.INFO, "migrated {0}.{1} from a serialized Instant blob to a UTC DATETIME(3)", col);
            }
        } catch (SQLException e) {
            LOG.log(Level.SEVERE, "migrating time columns failed: " + e.getMessage(), e);
        }
    }
}
