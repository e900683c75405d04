package org.evcharging.bpp.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * How to start the local suite. Defaults are those of {@code ./bpp up}: work dir {@code <repo>/.suite},
 * ingress on 8080, embedded MariaDB on 3307, every service whose war is built.
 */
public final class SuiteOptions {

    Path repoRoot = Repo.root();
    Path workDir;
    int ingressPort = 8080;
    int dbPort = 3307;
    Set<String> services;
    String bppSubscriberId = "bpp.ev.localhost";
    String dbHost;
    int externalDbPort = 3306;
    String dbAdminUser;
    String dbAdminPassword;
    boolean wipeWorkDir;
    boolean freeServicePorts;
    /**
     * The services' JVM options. Five servers start at once on a developer's machine: the client compiler only and a
     * serial collector make that start cheap; benchmarks set their own (the full JIT).
     */
    String jvmArgs = "-Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    /** Per service key: environment set over what the suite gives it (e.g. another payment gateway). */
    final java.util.Map<String, java.util.Map<String, String>> environment = new java.util.LinkedHashMap<>();
    {
        // The door's rate limits (docs/rate-limits.md) are off here: the benchmarks push one BAP far past them, and
        // RateLimitIT sets its own with environment(...).
        for (String beckn : java.util.List.of("catalog", "quote", "order", "support-rating")) {
            environment(beckn, "BECKN_RATE_LIMIT_PER_BAP", "0");
            environment(beckn, "BECKN_RATE_LIMIT_GLOBAL", "0");
        }
    }
    /** How much faster than real time the simulated chargers deliver: 60 makes a 30-minute session last 30 s. */
    double chargingTimeScale = 60;
    /** The OCPP simulator's MeterValues interval, and its admin API's port (0: any free one). */
    Duration meterInterval = Duration.ofSeconds(2);
    int simulatorAdminPort = 0;
    /** Whether the demo network's chargers are registered and simulated over OCPP (when charger-service runs). */
    boolean demoChargers = true;
    /** How long after its start a swap nobody ended is completed by the platform (the services' default: 30 min). */
    Duration swapCompleteAfter = Duration.ofMinutes(30);
    /** How long catalog searches keep providers, items and categories (the service's default: 5 s). */
    Duration providerCache = Duration.ofSeconds(5);
    /** How often each service deletes answered requests and finished callbacks past their retention (10 min). */
    Duration retentionSweep = Duration.ofMinutes(10);
    Duration readyTimeout = Duration.ofSeconds(480);

    public static SuiteOptions defaults() {
        return new SuiteOptions();
    }

    public SuiteOptions repoRoot(Path root) {
        this.repoRoot = root;
        return this;
    }

    public SuiteOptions workDir(Path dir) {
        this.workDir = dir;
        return this;
    }

    /** 0 = a free port. */
    public SuiteOptions ingressPort(int port) {
        this.ingressPort = port;
        return this;
    }

    /** Port of the embedded MariaDB; 0 = a free port. */
    public SuiteOptions dbPort(int port) {
        this.dbPort = port;
        return this;
    }

    /** routes.yaml service keys to run (null = all that are built). */
    public SuiteOptions services(Set<String> keys) {
        this.services = keys == null ? null : Set.copyOf(keys);
        return this;
    }

    public SuiteOptions bppSubscriberId(String id) {
        this.bppSubscriberId = id;
        return this;
    }

    /** Use this MariaDB instead of the embedded one. */
    public SuiteOptions externalDatabase(String host, int port, String adminUser, String adminPassword) {
        this.dbHost = host;
        this.externalDbPort = port;
        this.dbAdminUser = adminUser;
        this.dbAdminPassword = adminPassword;
        return this;
    }

    /** Start from an empty work dir (the unpacked MariaDB binaries are kept, they are the same every time). */
    public SuiteOptions wipeWorkDir(boolean wipe) {
        this.wipeWorkDir = wipe;
        return this;
    }

    /**
     * Run the services on free ports instead of routes.yaml's {@code localPort}s, so tests do not collide with a
     * suite a developer is running (the ingress routes by the ports actually used).
     */
    public SuiteOptions freeServicePorts(boolean free) {
        this.freeServicePorts = free;
        return this;
    }

    public SuiteOptions chargingTimeScale(double scale) {
        if (scale <= 0) {
            throw new IllegalArgumentException("the charging time scale must be positive");
        }
        this.chargingTimeScale = scale;
        return this;
    }

    /** Off for tests that register and connect chargers of their own. */
    public SuiteOptions demoChargers(boolean simulate) {
        this.demoChargers = simulate;
        return this;
    }

    public SuiteOptions meterInterval(Duration interval) {
        this.meterInterval = interval;
        return this;
    }

    public SuiteOptions simulatorAdminPort(int port) {
        this.simulatorAdminPort = port;
        return this;
    }

    public SuiteOptions swapCompleteAfter(Duration after) {
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("a swap must be given some time to end");
        }
        this.swapCompleteAfter = after;
        return this;
    }

    public SuiteOptions retentionSweep(Duration every) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the retention sweep needs a positive interval");
        }
        this.retentionSweep = every;
        return this;
    }

    public SuiteOptions providerCache(Duration keep) {
        if (keep.isNegative()) {
            throw new IllegalArgumentException("the provider cache cannot keep for a negative time");
        }
        this.providerCache = keep;
        return this;
    }

    /** Sets {@code name=value} in one service's environment, over the suite's own value. */
    public SuiteOptions environment(String service, String name, String value) {
        environment.computeIfAbsent(service, k -> new java.util.LinkedHashMap<>()).put(name, value);
        return this;
    }

    public SuiteOptions jvmArgs(String args) {
        this.jvmArgs = args;
        return this;
    }

    public SuiteOptions readyTimeout(Duration timeout) {
        this.readyTimeout = timeout;
        return this;
    }

    /** {@code <repo>/.suite}. */
    public Path defaultWorkDir() {
        return repoRoot.resolve(".suite").toAbsolutePath().normalize();
    }

    Path resolvedWorkDir() {
        return (workDir != null ? workDir : repoRoot.resolve(".suite")).toAbsolutePath().normalize();
    }

    /** Finds the repository root: {@code -Dbpp.repo}, else upwards from this code's location or the working dir. */
    static final class Repo {

        private Repo() {
        }

        static Path root() {
            String prop = System.getProperty("bpp.repo");
            if (prop != null) {
                return Path.of(prop).toAbsolutePath().normalize();
            }
            try {
                Path code = Path.of(SuiteOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                Path found = upwards(code);
                if (found != null) {
                    return found;
                }
            } catch (Exception ignored) {
                // Fall back to the working directory.
            }
            Path found = upwards(Path.of("").toAbsolutePath());
            return found != null ? found : Path.of("").toAbsolutePath();
        }

        private static Path upwards(Path start) {
            for (Path p = start; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("local-suite/pom.xml"))) {
                    return p;
                }
            }
            return null;
        }
    }
}
