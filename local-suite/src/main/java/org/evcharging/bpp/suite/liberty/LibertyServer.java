package org.evcharging.bpp.suite.liberty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import java.util.stream.Stream;
import org.evcharging.bpp.core.logging.SafeLog;

/**
 * One service on the suite's shared Open Liberty install: a server named after the service's module in the
 * suite's own user dir ({@code WLP_USER_DIR}), configured from the module's {@code src/main/liberty/config},
 * run as a child process with the environment contract the services' server.xml reads.
 */
public final class LibertyServer implements AutoCloseable {

    private static final SafeLog LOG = SafeLog.of(LibertyServer.class);

    private final String module;
    private final int port;
    private final Path wlp;
    private final Path userDir;
    private final Path log;
    private final Map<String, String> env;
    private Process process;
    /** Whether this server was started before in this suite (a restart keeps Liberty's caches). */
    private boolean startedOnce;

    public LibertyServer(String module, int port, Path wlp, Path userDir, Path log, Map<String, String> env) {
        this.module = module;
        this.port = port;
        this.wlp = wlp;
        this.userDir = userDir;
        this.log = log;
        this.env = Map.copyOf(env);
    }

    public String module() {
        return module;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /**
     * Lays out {@code <userDir>/servers/<module>}: the module's Liberty config, its war in {@code apps/}, and
     * the JDBC driver jars in {@code <userDir>/shared/resources/jdbc}.
     */
    public static void prepare(String module, Path moduleConfig, Path war, List<Path> jdbcJars, Path userDir)
            throws IOException {
        Path server = userDir.resolve("servers").resolve(module);
        deleteTree(server.resolve("apps"));
        deleteTree(server.resolve("configDropins"));
        Files.createDirectories(server.resolve("apps"));
        if (!Files.isRegularFile(moduleConfig.resolve("server.xml"))) {
            throw new IOException("no " + moduleConfig.resolve("server.xml") + ": cannot configure " + module);
        }
        copyTree(moduleConfig, server);
        Files.copy(war, server.resolve("apps").resolve(module + ".war"), StandardCopyOption.REPLACE_EXISTING);
        Path jdbc = userDir.resolve("shared/resources/jdbc");
        Files.createDirectories(jdbc);
        for (Path jar : jdbcJars) {
            Files.copy(jar, jdbc.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Starts {@code server run <module>} in the background; output goes to {@link #log()}. */
    public void start() throws IOException {
        start(Map.of());
    }

    /** {@link #start()} with some environment variables changed for this run (JVM_ARGS, a setting). */
    public void start(Map<String, String> changes) throws IOException {
        requirePortFree();
        Files.createDirectories(log.getParent());
        // Liberty's caches (its resolved features and bundles) are kept from one start to the next, as a container
        // image primed by configure.sh keeps them, so that a start is as quick as a pod's. They are cleared only when
        // the runtime itself is not the one they were made by (a rebuild unpacked another Open Liberty); a changed
        // application or server.xml is picked up by Liberty on every start anyway.
        List<String> command = new ArrayList<>(List.of(wlp.resolve("bin/server").toString(), "run", module));
        if (!startedOnce && runtimeChanged()) {
            command.add("--clean");
        }
        startedOnce = true;
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        pb.environment().putAll(changes);
        pb.environment().put("WLP_USER_DIR", userDir.toString());
        process = pb.start();
        LOG.info(() -> module + ": starting on port " + port + ", log " + log);
    }

    /**
     * Whether this server's caches were made by another runtime than {@link #wlp} (or never made); records the
     * current one, so that only the first start after a change is a clean start.
     */
    private boolean runtimeChanged() throws IOException {
        Path marker = userDir.resolve("servers").resolve(module).resolve(".runtime-fingerprint");
        Path fingerprint = wlp.resolve("lib/versions/service.fingerprint");
        String now = wlp.toAbsolutePath().normalize() + "\n"
                + (Files.isRegularFile(fingerprint) ? Files.readString(fingerprint, StandardCharsets.UTF_8) : "?")
                + "\n" + Files.getLastModifiedTime(wlp.resolve("lib")).toMillis();
        boolean changed = !Files.isRegularFile(marker)
                || !now.equals(Files.readString(marker, StandardCharsets.UTF_8));
        if (changed) {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, now, StandardCharsets.UTF_8);
        }
        return changed;
    }

    /**
     * A server left over from a suite that was killed would answer our readiness probe and hide a failed start,
     * so a busy port is an error, with the command that stops the leftover.
     */
    private void requirePortFree() {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(port));
        } catch (IOException busy) {
            throw new IllegalStateException("port " + port + " for " + module + " is in use. A suite still running?"
                    + " A leftover server stops with: WLP_USER_DIR=" + userDir + " " + wlp.resolve("bin/server")
                    + " stop " + module);
        }
    }

    /** Waits until {@code /health/ready} answers 200; fails early if the server exits, with the tail of its log. */
    public void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(timeout);
        int lastStatus = -1;
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(module + " exited with code " + process.exitValue()
                        + " before it was ready; last lines of " + log + ":\n" + tail(40));
            }
            try {
                lastStatus = http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == 200) {
                    LOG.info(() -> module + ": ready on " + url());
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + module, e);
            }
            try {
                process.waitFor(250, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + module, e);
            }
        }
        throw new IllegalStateException(module + " not ready on " + url() + "/health/ready after " + timeout.toSeconds()
                + " s (last HTTP status " + lastStatus + "); last lines of " + log + ":\n" + tail(40));
    }

    /** {@code server stop}, then the process tree by force if it has not gone within 60 s. */
    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        try {
            ProcessBuilder stop = new ProcessBuilder(wlp.resolve("bin/server").toString(), "stop", module)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            stop.environment().putAll(env);
            stop.environment().put("WLP_USER_DIR", userDir.toString());
            stop.start().waitFor(60, TimeUnit.SECONDS);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                destroyTree();
            }
            LOG.info(() -> module + ": stopped");
        } catch (IOException e) {
            LOG.warning(module + ": server stop failed (" + e.getMessage() + "), killing it");
            destroyTree();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            destroyTree();
        }
    }

    /** The server's JVM (the launch script's java child, or the process itself) while it runs: for soak figures. */
    public java.util.Optional<ProcessHandle> jvm() {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return java.util.Optional.empty();
        }
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(p.toHandle()), p.descendants())
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false)).findFirst();
    }

    /** Kills the server abruptly (kill -9 of the whole tree), as a crash or an evicted pod would end it. */
    public void crash() {
        if (process != null && process.isAlive()) {
            destroyTree();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void destroyTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path p : paths) {
            try {
                Files.delete(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + p, e);
            }
        }
    }
}
