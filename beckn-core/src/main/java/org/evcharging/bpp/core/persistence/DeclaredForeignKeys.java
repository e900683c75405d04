package org.evcharging.bpp.core.persistence;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ConstraintMode;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.lang.reflect.Field;
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
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.evcharging.bpp.core.logging.SafeLog;

/**
 * Migration 4 of a service's schema: the foreign keys its entities declare, made once. EclipseLink's
 * {@code create-or-extend-tables} adds every foreign key to an existing table again at every start; MariaDB refuses
 * each one (errno 121, the constraint exists), after an {@code ALTER TABLE} on a table that may hold a whole region's
 * chargers, and each refusal was a warning with its SQL in the log of every start. So a join column declares its key
 * with {@code foreignKey = @ForeignKey(name = "fk_...", value = ConstraintMode.NO_CONSTRAINT)} (for an element
 * collection, on its {@code @CollectionTable}): EclipseLink leaves it alone, and at start this class adds each declared
 * key whose column does not reference its table yet, whatever the key is called (databases made before keep the
 * names EclipseLink gave them). A key that cannot be added (rows that reference nothing) is reported and the service
 * starts anyway. {@link DeclaredIndexes} runs it at start, after the indexes.
 */
public class DeclaredForeignKeys {

    private static final SafeLog LOG = SafeLog.of(DeclaredForeignKeys.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_]+");

    /** One declared key: {@code table.column} references {@code referencedTable.referencedColumn}. */
    public record Declared(String table, String name, String column, String referencedTable,
            String referencedColumn) {

        String ddl() {
            return "ALTER TABLE `" + table + "` ADD CONSTRAINT `" + name + "` FOREIGN KEY (`" + column
                    + "`) REFERENCES `" + referencedTable + "` (`" + referencedColumn + "`)";
        }

        String key() {
            return (table + "." + column + ">" + referencedTable).toLowerCase(Locale.ROOT);
        }

        boolean plain() {
            return Stream.of(table, name, column, referencedTable, referencedColumn)
                    .allMatch(s -> IDENTIFIER.matcher(s).matches());
        }
    }

    private final DataSource dataSource;

    public DeclaredForeignKeys(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The keys {@code entities} declare: many-to-one join columns and collection tables whose foreign key is named and
     * left to this class ({@link ConstraintMode#NO_CONSTRAINT}).
     */
    public static List<Declared> declared(Stream<Class<?>> entities) {
        List<Declared> out = new ArrayList<>();
        entities.forEach(type -> {
            String table = tableOf(type);
            if (table == null) {
                return;
            }
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    JoinColumn join = f.getAnnotation(JoinColumn.class);
                    String target = tableOf(f.getType());
                    if (f.isAnnotationPresent(ManyToOne.class) && join != null && ours(join.foreignKey())
                            && target != null) {
                        add(out, new Declared(table, join.foreignKey().name(), join.name(), target,
                                idColumn(f.getType())));
                    }
                    CollectionTable collection = f.getAnnotation(CollectionTable.class);
                    if (collection != null && ours(collection.foreignKey())
                            && collection.joinColumns().length == 1) {
                        add(out, new Declared(collection.name(), collection.foreignKey().name(),
                                collection.joinColumns()[0].name(), table, idColumn(type)));
                    }
                }
            }
        });
        return out;
    }

    private static boolean ours(ForeignKey key) {
        return key.value() == ConstraintMode.NO_CONSTRAINT && !key.name().isBlank();
    }

    private static void add(List<Declared> out, Declared d) {
        if (d.plain()) {
            out.add(d);
        } else {
            LOG.warning(() -> "foreign key " + d.name() + " of " + d.table() + " is not checked: its names are not"
                    + " plain identifiers");
        }
    }

    private static String tableOf(Class<?> type) {
        Table table = type.getAnnotation(Table.class);
        return table == null || table.name().isBlank() ? null : table.name();
    }

    private static String idColumn(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(Id.class)) {
                    Column column = f.getAnnotation(Column.class);
                    return column != null && !column.name().isBlank() ? column.name() : f.getName();
                }
            }
        }
        return "id";
    }

    /** Adds each of {@code declared} whose column does not reference its table yet. */
    public void ensure(List<Declared> declared) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            Set<String> present = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME, REFERENCED_TABLE_NAME"
                    + " FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE()"
                    + " AND REFERENCED_TABLE_NAME IS NOT NULL"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add((rs.getString(1) + "." + rs.getString(2) + ">" + rs.getString(3))
                            .toLowerCase(Locale.ROOT));
                }
            }
            for (Declared d : declared) {
                if (present.contains(d.key())) {
                    continue;
                }
                try {
                    s.execute(d.ddl());
                    LOG.log(Level.INFO, "added the foreign key {0}: {1}.{2} references {3}",
                            new Object[] {d.name(), d.table(), d.column(), d.referencedTable()});
                } catch (SQLException e) {
                    LOG.log(Level.WARNING, "the foreign key {0} of {1} could not be added: {2}",
                            new Object[] {d.name(), d.table(), e.getMessage()});
                }
            }
        } catch (SQLException e) {
            LOG.log(Level.SEVERE, "checking the declared foreign keys failed: " + e.getMessage(), e);
        }
    }
}
