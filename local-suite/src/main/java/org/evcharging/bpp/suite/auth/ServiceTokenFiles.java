package org.evcharging.bpp.suite.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local suite's service tokens, as a cluster's Secret volume would hold them: for each service a directory
 * {@code <root>/<caller>} with one file per peer ({@code <root>/<caller>/<callee>}), each an hour-long token whose
 * audience is that peer alone. They are written anew every {@link #RENEW_EVERY}, replacing each file in one move,
 * which the services pick up without a restart (beckn-core's {@code ServiceTokens}).
 */
public final class ServiceTokenFiles implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ServiceTokenFiles.class.getName());

    /** Well inside {@link DevTokens#SERVICE_TOKEN_LIFETIME}, so a token is always replaced before it expires. */
    public static final Duration RENEW_EVERY = Duration.ofMinutes(20);

    private final Path root;
    private final DevTokens tokens;
    /** service key -> its module (the token's subject). */
    private final Map<String, String> modules;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "service-token-renewal");
        t.setDaemon(true);
        return t;
    });

    private ServiceTokenFiles(Path root, DevTokens tokens, Map<String, String> modules) {
        this.root = root;
        this.tokens = tokens;
        this.modules = Map.copyOf(modules);
    }

    /** Writes every service's tokens now and keeps renewing them until closed. */
    public static ServiceTokenFiles start(Path root, DevTokens tokens, Map<String, String> modules) {
        ServiceTokenFiles files = new ServiceTokenFiles(root, tokens, modules);
        files.writeAll();
        long every = RENEW_EVERY.toSeconds();
        files.renewer.scheduleWithFixedDelay(() -> {
            try {
                files.writeAll();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING,
                        "cannot renew the service tokens in " + root + "; the services keep the ones they have", e);
            }
        }, every, every, TimeUnit.SECONDS);
        return files;
    }

    /** The directory a service reads its tokens from (its {@code BPP_SERVICE_TOKENS_DIR}). */
    public Path dirOf(String caller) {
        return root.resolve(caller);
    }

    /**
     * The roles of {@code caller}'s token for {@code callee}: support-rating also sets the catalog's aggregate ratings,
     * charger the connectors' availability.
     */
    static List<String> roles(String caller, String callee) {
        if ("catalog".equals(callee) && "support-rating".equals(caller)) {
            return List.of("service", "rating-service");
        }
        if ("catalog".equals(callee) && "charger".equals(caller)) {
            return List.of("service", "charger-service");
        }
        return List.of("service");
    }

    void writeAll() {
        // charger-service replicas forward commands to each other: its token for itself too
        modules.forEach((caller, module) -> modules.keySet().stream()
                .filter(callee -> !callee.equals(caller) || "charger".equals(caller))
                .forEach(callee -> write(dirOf(caller), callee,
                        tokens.service(module, callee, roles(caller, callee), DevTokens.SERVICE_TOKEN_LIFETIME))));
    }

    private static void write(Path dir, String callee, String token) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + callee, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, token, StandardCharsets.US_ASCII);
            Files.move(tmp, dir.resolve(callee), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the service token for " + callee + " in " + dir, e);
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
    }
}
