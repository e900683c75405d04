package org.evcharging.bpp.suite;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.evcharging.bpp.suite.db.SuiteDatabase;
import org.evcharging.bpp.suite.liberty.LibertyServer;

/**
 * Crashes and restarts single services of a running {@link LocalSuite} ({@link LocalSuite#control()}): what the
 * fault tests do (a crash with messages in flight, a peer that is down for a while) and what the ACK benchmark does
 * (a service restarted with other settings). Running the suite does not need it.
 */
public final class SuiteControl {

    private final Map<String, LibertyServer> servers;
    private final Set<String> running;
    private final Duration readyTimeout;
    private final java.util.function.Supplier<SuiteDatabase> database;

    /** Works on the suite's own map of servers and set of running services, so that the ingress sees every change. */
    SuiteControl(Map<String, LibertyServer> servers, Set<String> running, Duration readyTimeout,
            java.util.function.Supplier<SuiteDatabase> database) {
        this.servers = servers;
        this.database = database;
        this.running = running;
        this.readyTimeout = readyTimeout;
    }

    /**
     * Kills a running service abruptly and starts it again, waiting until it is ready: what a crash and a
     * restart do to messages in flight (nothing ACKed may be lost).
     */
    public void crashAndRestart(String service) {
        crash(service);
        restart(service);
    }

    /** Kills a service's server (as a crash would); {@link #restart} brings it back. */
    public void crash(String service) {
        LibertyServer server = servers.get(service);
        if (server == null) {
            throw new IllegalArgumentException(service + " is not running in this suite");
        }
        running.remove(service);
        server.crash();
    }

    /** Kills the suite's embedded MariaDB (kill -9); every service loses its database until {@link #restartDatabase}. */
    public void crashDatabase() {
        database.get().crash();
    }

    /** Starts the crashed MariaDB again; the services reconnect by themselves (nothing here restarts them). */
    public void restartDatabase() {
        database.get().restart();
    }

    /** Starts a crashed service again and waits until it is ready. */
    public void restart(String service) {
        start(service, Map.of());
    }

    /**
     * Stops a service cleanly and starts it again with some of its environment changed (for example
     * {@code JVM_ARGS} with another {@code -D} setting), waiting until it is ready.
     */
    public void restartWith(String service, Map<String, String> changes) {
        LibertyServer server = servers.get(service);
        if (server == null) {
            throw new IllegalArgumentException(service + " is not part of this suite");
        }
        running.remove(service);
        server.close();
        start(service, changes);
    }

    private void start(String service, Map<String, String> changes) {
        LibertyServer server = servers.get(service);
        if (server == null) {
            throw new IllegalArgumentException(service + " is not part of this suite");
        }
        try {
            server.start(changes);
        } catch (IOException e) {
            throw new IllegalStateException("could not restart " + service, e);
        }
        server.awaitReady(readyTimeout);
        running.add(service);
    }
}
