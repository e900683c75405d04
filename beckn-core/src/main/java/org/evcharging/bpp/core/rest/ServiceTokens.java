package org.evcharging.bpp.core.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.ConfigProvider;
import org.evcharging.bpp.core.logging.SafeLog;

/**
 * This service's bearer tokens for its peers' internal APIs: one per callee, each in its own file
 * {@code <bpp.service-tokens.dir>/<callee>} (a Kubernetes Secret volume, or the local suite's work dir). A token names
 * the caller ({@code sub}) and the one callee it is for ({@code aud} = {@code ev-charging-bpp/<callee>}), and lives
 * briefly: whoever mints them replaces the files before they expire, and the next call reads the new one, with no
 * restart. A file is read again when its modification time changes, checked at most every few seconds.
 *
 * <p>Each REST client names its callee: {@code @ClientHeaderParam(name = "Authorization", value = "{bearer}")} with
 * {@code default String bearer() { return ServiceTokens.bearer("catalog"); }}.
 */
public final class ServiceTokens {

    private static final SafeLog LOG = SafeLog.of(ServiceTokens.class);

    /** How often a token file's modification time is looked at. */
    static final Duration RECHECK = Duration.ofSeconds(5);

    private static final ServiceTokens SHARED = new ServiceTokens(null, Clock.systemUTC());

    private record Held(String token, FileTime modified, long checkedAt) {
    }

    private final Path fixedDir;
    private final Clock clock;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Map<String, Boolean> warned = new ConcurrentHashMap<>();

    ServiceTokens(Path dir, Clock clock) {
        this.fixedDir = dir;
        this.clock = clock;
    }

    /** {@code Bearer <token>} for calls to {@code callee} (a routes.yaml service key), or none when no token is there. */
    public static String bearer(String callee) {
        return SHARED.header(callee);
    }

    String header(String callee) {
        return token(callee).map(t -> "Bearer " + t).orElse(null);
    }

    Optional<String> token(String callee) {
        Path dir = dir();
        if (dir == null) {
            warnOnce(callee,
                    "bpp.service-tokens.dir is not set: calls to " + callee + " carry no token and are refused");
            return Optional.empty();
        }
        long now = clock.millis();
        Held h = held.get(callee);
        if (h != null && now - h.checkedAt() < RECHECK.toMillis()) {
            return Optional.ofNullable(h.token());
        }
        Path file = dir.resolve(callee);
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (h != null && modified.equals(h.modified())) {
                held.put(callee, new Held(h.token(), modified, now));
                return Optional.ofNullable(h.token());
            }
            String token = Files.readString(file, StandardCharsets.US_ASCII).trim();
            held.put(callee, new Held(token.isEmpty() ? null : token, modified, now));
            warned.remove(callee);
            if (h != null) {
                LOG.info(() -> "service token for " + callee + " renewed from " + file);
            }
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (NoSuchFileException e) {
            held.put(callee, new Held(null, null, now));
            warnOnce(callee, "no service token for " + callee + " at " + file + ": calls to it are refused");
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // keep the token held before (if any) rather than calling with none while the file is being replaced
            warnOnce(callee, "cannot read the service token for " + callee + " at " + file + ": " + e);
            return h == null ? Optional.empty() : Optional.ofNullable(h.token());
        }
    }

    private Path dir() {
        if (fixedDir != null) {
            return fixedDir;
        }
        return ConfigProvider.getConfig().getOptionalValue("bpp.service-tokens.dir", String.class)
                .filter(s -> !s.isBlank()).map(Path::of).orElse(null);
    }

    private void warnOnce(String callee, String message) {
        if (warned.putIfAbsent(callee, Boolean.TRUE) == null) {
            LOG.warning(message);
        }
    }
}
