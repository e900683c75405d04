package org.evcharging.bpp.core.persistence;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Index;
import jakarta.persistence.PersistenceUnit;
import jakarta.persistence.Table;
import jakarta.persistence.metamodel.EntityType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.evcharging.bpp.core.logging.SafeLog;

/**
 * Migration 3 of every service's schema: the indexes the entities declare ({@code @Table(indexes = ...)}) on tables
 * that already exist. EclipseLink's {@code create-or-extend-tables} adds a new column to an existing table but creates
 * indexes only with a new table, so an index added in a release (a unique tracking token, a city filter) would be
 * missing from every database made before it: lookups would scan, and a unique one would not be unique. At start, each
 * declared index missing from its table is created; one that cannot be (a unique index over duplicate values) is
 * reported and the service starts anyway. A schema that has them all is left untouched.
 *
 * <p>
 * Unique keys are declared here too, as {@code @Index(unique = true)}, not as {@code @UniqueConstraint}: EclipseLink
 * adds a unique constraint to an existing table again at every start, and each start then logged a "Duplicate key
 * name" warning with its SQL per constraint. A unique index of the same name is the same thing in MariaDB.
 *
 * <p>
 * After the indexes it runs migration 4, {@link DeclaredForeignKeys}, on the same entities.
 */
@ApplicationScoped
public class DeclaredIndexes {

    private static final SafeLog LOG = SafeLog.of(DeclaredIndexes.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_]+");

    /** One declared index: its table, name, uniqueness and column list ({@code col [ASC|DESC]}, ...). */
    public record Declared(String table, String name, boolean unique, List<String> columns) {

        String ddl() {
            String cols = columns.stream().map(c -> {
                String[] parts = c.trim().split("\\s+");
                String direction = parts.length > 1 ? " " + parts[1].toUpperCase(Locale.ROOT) : "";
                return "`" + parts[0] + "`" + direction;
            }).collect(Collectors.joining(", "));
            return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX `" + name + "` ON `" + table + "` (" + cols + ")";
        }
    }

    @Resource(lookup = "jdbc/bpp")
    DataSource dataSource;

    @PersistenceUnit(unitName = "bpp")
    EntityManagerFactory entityManagerFactory;

    void migrate(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // The metamodel deploys the persistence unit first, so the tables of a new database exist (with their indexes).
        List<Class<?>> entities = entityManagerFactory.getMetamodel().getEntities().stream()
                .<Class<?>>map(EntityType::getJavaType).toList();
        ensure(declared(entities.stream()));
        // then the foreign keys the entities leave to a migration (MariaDB makes an index for a key that has none)
        List<DeclaredForeignKeys.Declared> keys = DeclaredForeignKeys.declared(entities.stream());
        if (!keys.isEmpty()) {
            new DeclaredForeignKeys(dataSource).ensure(keys);
        }
    }

    /** The indexes {@code entities} declare on explicitly named tables, their names and columns checked. */
    public static List<Declared> declared(Stream<Class<?>> entities) {
        List<Declared> out = new ArrayList<>();
        entities.forEach(type -> {
            Table table = type.getAnnotation(Table.class);
            if (table == null || table.name().isBlank()) {
                return;
            }
            for (Index index : table.indexes()) {
                List<String> columns = List.of(index.columnList().split(","));
                boolean safe = IDENTIFIER.matcher(index.name()).matches() && IDENTIFIER.matcher(table.name()).matches()
                        && columns.stream().map(c -> c.trim().split("\\s+")).allMatch(p -> IDENTIFIER.matcher(p[0])
                                .matches() && (p.length == 1 || p.length == 2 && p[1].matches("(?i)ASC|DESC")));
                if (safe) {
                    out.add(new Declared(table.name(), index.name(), index.unique(), columns));
                } else {
                    LOG.warning(() -> "index " + index.name() + " of " + table.name() + " is not checked: its name or "
                            + "columns are not plain identifiers");
                }
            }
        });
        return out;
    }

    /** Creates each of {@code declared} that its (existing) table lacks. */
    public void ensure(List<Declared> declared) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            Set<String> tables = new HashSet<>();
            Set<String> present = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT TABLE_NAME, INDEX_NAME FROM"
                    + " information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE()");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add((rs.getString(1) + "." + rs.getString(2)).toLowerCase(Locale.ROOT));
                }
            }
            for (Declared d : declared) {
                if (!tables.contains(d.table().toLowerCase(Locale.ROOT))
                        || present.contains((d.table() + "." + d.name()).toLowerCase(Locale.ROOT))) {
                    continue;
                }
                try {
                    s.execute(d.ddl());
                    LOG.log(Level.INFO, "created the index {0} of {1}, declared after the table was made",
                            new Object[] {d.name(), d.table()});
                } catch (SQLException e) {
                    LOG.log(Level.WARNING, "the index {0} of {1} could not be created: {2}",
                            new Object[] {d.name(), d.table(), e.getMessage()});
                }
            }
        } catch (SQLException e) {
            LOG.log(Level.SEVERE, "checking the declared indexes failed: " + e.getMessage(), e);
        }
    }
}
