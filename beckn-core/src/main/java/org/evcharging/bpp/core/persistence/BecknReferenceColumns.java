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
import java.util.Map;
import java.util.logging.Level;

import javax.sql.DataSource;
import org.evcharging.bpp.core.logging.SafeLog;

/**
 * Migration 2 of every service's schema: the Beckn id columns ({@code bap_id}, {@code transaction_id},
 * {@code message_id}) were declared by each entity and had drifted (the quote table had a 900-character
 * {@code bap_id} and a 200-character {@code transaction_id}). They now come from {@link BecknReferences}; a column
 * of another size is changed to the shared one at start, keeping its nullability. A column holding a value longer
 * than the shared size is left as it is and reported (the door has refused such ids since they were limited, so
 * only data written before could have them). Runs at start; a schema whose columns already fit is left untouched.
 */
@ApplicationScoped
public class BecknReferenceColumns {

    private static final SafeLog LOG = SafeLog.of(BecknReferenceColumns.class);

    static final Map<String, Integer> SIZES = Map.of(
            "bap_id", BecknReferences.BAP_ID_LENGTH,
            "transaction_id", BecknReferences.TRANSACTION_ID_LENGTH,
            "message_id", BecknReferences.MESSAGE_ID_LENGTH);

    @Resource(lookup = "jdbc/bpp")
    DataSource dataSource;

    void migrate(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            List<String[]> drifted = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME, IS_NULLABLE,"
                    + " CHARACTER_MAXIMUM_LENGTH FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND DATA_TYPE = 'varchar' AND COLUMN_NAME IN ('bap_id', 'transaction_id', 'message_id')");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(4) != SIZES.get(rs.getString(2))) {
                        drifted.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                    }
                }
            }
            for (String[] col : drifted) {
                int size = SIZES.get(col[1]);
                String t = "`" + col[0] + "`";
                String name = "`" + col[1] + "`";
                try (ResultSet rs = s
                        .executeQuery("SELECT COUNT(*) FROM " + t + " WHERE CHAR_LENGTH(" + name + ") > " + size)) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        LOG.log(Level.WARNING,
                                "{0}.{1} keeps its size: {2} rows hold a value longer than {3} characters",
                                new Object[] {col[0], col[1], rs.getLong(1), size});
                        continue;
                    }
                }
                s.execute("ALTER TABLE " + t + " MODIFY " + name + " VARCHAR(" + size + ") "
                        + ("NO".equals(col[2]) ? "NOT NULL" : "NULL"));
                LOG.log(Level.INFO, "resized {0}.{1} to VARCHAR({2})", new Object[] {col[0], col[1], size});
            }
        } catch (SQLException e) {
            LOG.log(Level.SEVERE, "resizing the Beckn id columns failed: " + e.getMessage(), e);
        }
    }
}
