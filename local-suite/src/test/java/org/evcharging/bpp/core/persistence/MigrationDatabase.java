package org.evcharging.bpp.core.persistence;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.evcharging.bpp.suite.db.EmbeddedDatabase;
import org.mariadb.jdbc.MariaDbDataSource;

/** A real MariaDB with an empty database {@code migration}, for the tests of beckn-core's schema migrations. */
public final class MigrationDatabase implements AutoCloseable {

    private final EmbeddedDatabase db;
    private final MariaDbDataSource dataSource;

    private MigrationDatabase(EmbeddedDatabase db, MariaDbDataSource dataSource) {
        this.db = db;
        this.dataSource = dataSource;
    }

    /** Starts MariaDB in {@code target/<dir>} on a free port and (re)creates the database {@code migration}. */
    public static MigrationDatabase fresh(String dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of("target", dir).toAbsolutePath(), port);
        try (Connection c = db.adminConnection(null); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS migration");
            s.execute("CREATE DATABASE migration");
        }
        MariaDbDataSource dataSource = new MariaDbDataSource(db.jdbcUrl("migration"));
        dataSource.setUser(db.adminUser());
        dataSource.setPassword(db.adminPassword());
        return new MigrationDatabase(db, dataSource);
    }

    public MariaDbDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        db.close();
    }
}
