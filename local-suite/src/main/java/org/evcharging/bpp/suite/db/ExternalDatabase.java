package org.evcharging.bpp.suite.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

/** A MariaDB the developer already runs; the suite only creates its databases and users there. */
public final class ExternalDatabase extends SuiteDatabase {

    private final String host;
    private final int port;
    private final String adminUser;
    private final String adminPassword;

    public ExternalDatabase(String host, int port, String adminUser, String adminPassword) throws SQLException {
        this.host = Objects.requireNonNull(host, "db host");
        this.port = port;
        this.adminUser = Objects.requireNonNull(adminUser, "db admin user");
        this.adminPassword = adminPassword == null ? "" : adminPassword;
        try (Connection c = adminConnection(null)) {
            c.isValid(5);
        }
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String adminUser() {
        return adminUser;
    }

    @Override
    public String adminPassword() {
        return adminPassword;
    }

    @Override
    public boolean embedded() {
        return false;
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
