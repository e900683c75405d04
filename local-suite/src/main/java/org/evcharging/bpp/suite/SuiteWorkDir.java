package org.evcharging.bpp.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.stream.Stream;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.suite.auth.DevTokens;
import org.evcharging.bpp.suite.liberty.LibertyServer;

/**
 * The suite's work dir as {@link LocalSuite} lays it out: wiped at start when asked (MariaDB's base install is
 * kept), never committed, with the payment webhook secret and the development tokens for people beside the keys.
 */
final class SuiteWorkDir {

    private static final SafeLog LOG = SafeLog.of(SuiteWorkDir.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path work;

    SuiteWorkDir(Path work) {
        this.work = work;
    }

    void prepare(boolean wipe) {
        try {
            if (wipe && Files.isDirectory(work)) {
                Path keep = work.resolve("mariadb/base");
                try (Stream<Path> top = Files.list(work)) {
                    for (Path p : (Iterable<Path>) top::iterator) {
                        if (!p.getFileName().toString().equals("mariadb")) {
                            LibertyServer.deleteTree(p);
                        }
                    }
                }
                try (Stream<Path> db = Files.exists(work.resolve("mariadb")) ? Files.list(work.resolve("mariadb"))
                        : Stream.empty()) {
                    for (Path p : (Iterable<Path>) db::iterator) {
                        if (!p.equals(keep)) {
                            LibertyServer.deleteTree(p);
                        }
                    }
                }
            }
            Files.createDirectories(work.resolve("logs"));
            Path ignore = work.resolve(".gitignore");
            if (!Files.exists(ignore)) {
                Files.writeString(ignore, "# The local suite's data, keys and logs: never committed.\n*\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the work dir " + work, e);
        }
    }

    /** The sandbox payment gateway's webhook secret: made once per work dir, kept beside the keys (mode 600). */
    String webhookSecret() {
        Path file = work.resolve("payment-webhook-secret");
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[32];
                RANDOM.nextBytes(random);
                Files.createFile(file,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, HexFormat.of().formatHex(random));
            }
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the payment webhook secret in " + file, e);
        }
    }

    /** Writes {@code dev-tokens.env} (mode 600): bearer tokens for the operator and each demo partner. */
    Path writeDevTokens(String ingressUrl, DevTokens tokens) {
        Path file = work.resolve("dev-tokens.env");
        StringBuilder b = new StringBuilder("# Development bearer tokens (30 days), e.g.\n"
                + "#   curl -H \"Authorization: Bearer $OPERATOR_TOKEN\" " + ingressUrl + "/catalog/v1/providers\n");
        b.append("OPERATOR_TOKEN=").append(tokens.operator()).append('\n');
        for (String provider : DemoNetwork.DEMO_PROVIDERS) {
            b.append("PARTNER_TOKEN_").append(provider.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT))
                    .append('=').append(tokens.partner(provider)).append('\n');
        }
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, b.toString());
        } catch (IOException e) {
            LOG.warning(() -> "cannot write " + file + ": " + e.getMessage());
        }
        return file;
    }
}
