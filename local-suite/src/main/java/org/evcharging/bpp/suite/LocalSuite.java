package org.evcharging.bpp.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import java.util.stream.Stream;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.suite.auth.DevLoginServlet;
import org.evcharging.bpp.suite.auth.DevTokens;
import org.evcharging.bpp.suite.auth.ServiceTokenFiles;
import org.evcharging.bpp.suite.db.EmbeddedDatabase;
import org.evcharging.bpp.suite.db.ExternalDatabase;
import org.evcharging.bpp.suite.db.SuiteDatabase;
import org.evcharging.bpp.suite.ingress.Ingress;
import org.evcharging.bpp.suite.ingress.ServiceState;
import org.evcharging.bpp.suite.liberty.LibertyServer;
import org.evcharging.bpp.suite.registry.LocalRegistry;
import org.evcharging.bpp.suite.routes.RouteTable;

/**
 * The whole BPP on one machine: MariaDB (embedded or external), every built service on the shared Liberty
 * install, and the ingress with the local registry. {@code Main run} and the end-to-end tests both start it
 * here, so what the tests drive is what a developer runs.
 */
public final class LocalSuite implements AutoCloseable {

    private static final SafeLog LOG = SafeLog.of(LocalSuite.class);

    private final SuiteOptions options;
    private final Path repo;
    private final Path work;
    private final SuiteWorkDir workFiles;
    private final RouteTable routes;
    private final LocalRegistry registry;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Set<String> planned = ConcurrentHashMap.newKeySet();
    private final Map<String, LibertyServer> servers = new ConcurrentHashMap<>();
    private final List<String> notBuilt = new ArrayList<>();
    private Ingress ingress;
    private DemoNetwork network;
    private DemoChargers chargers;
    /** Replicas started besides the route table's one per service ({@link #startReplica}). */
    private final List<LibertyServer> replicas = new ArrayList<>();
    private DevTokens tokens;
    private ServiceTokenFiles serviceTokens;
    private SuiteDatabase database;
    private final Thread stopOnExit = new Thread(this::close, "local-suite-stop");
    private final SuiteControl control;

    private LocalSuite(SuiteOptions options) {
        this.options = options;
        this.repo = options.repoRoot.toAbsolutePath().normalize();
        this.work = options.resolvedWorkDir();
        this.workFiles = new SuiteWorkDir(work);
        RouteTable table = RouteTable.load(repo);
        this.routes = options.freeServicePorts ? table.withPorts(key -> FreePorts.take()) : table;
        this.registry = new LocalRegistry(work.resolve("registry.json"));
        this.control = new SuiteControl(servers, running, options.readyTimeout, () -> database);
    }

    public static LocalSuite start(SuiteOptions options) {
        LocalSuite suite = new LocalSuite(options);
        // Tests and benchmarks that are killed (failsafe's timeout, Ctrl-C) must not leave servers and mysqld behind.
        Runtime.getRuntime().addShutdownHook(suite.stopOnExit);
        try {
            suite.startAll();
            return suite;
        } catch (RuntimeException | Error e) {
            suite.close();
            throw e;
        }
    }

    private void startAll() {
        workFiles.prepare(options.wipeWorkDir);
        Path wlp = suiteTarget().resolve("liberty/wlp");
        if (!Files.isExecutable(wlp.resolve("bin/server"))) {
            throw new IllegalStateException(
                    "no Liberty install at " + wlp + ": build first (mvn -pl local-suite package)");
        }
        for (RouteTable.Service s : routes.services().values()) {
            if ((options.services == null || options.services.contains(s.key())) && Files.isRegularFile(war(s))) {
                planned.add(s.key());
            }
        }
        ingress = Ingress.start(options.ingressPort, routes, this::state, registry,
                new DevLoginServlet(() -> tokens, this::consoleUrl, DemoNetwork.DEMO_PROVIDERS));
        network = DemoNetwork.ensure(work, options.bppSubscriberId, ingress.url(), registry, Clock.systemUTC());
        registry.acceptSubscriptions(network.registrySubscriptions(registry, Clock.systemUTC()));
        tokens = DevTokens.ensure(work);
        Map<String, String> modules = new LinkedHashMap<>();
        // Service tokens for the services that call each other; the console calls none (its pages use the user's token).
        routes.services().values().stream().filter(s -> !"console".equals(s.key()))
                .forEach(s -> modules.put(s.key(), s.module()));
        serviceTokens = ServiceTokenFiles.start(work.resolve("service-tokens"), tokens, modules);
        database = options.dbHost != null ? external() : EmbeddedDatabase.start(work.resolve("mariadb"),
                options.dbPort == 0 ? FreePorts.take() : options.dbPort);
        for (RouteTable.Service s : routes.services().values()) {
            if (!s.hasDatabase()) {
                continue;
            }
            try {
                database.ensureServiceDatabase(s.databaseName(), s.databaseName(), s.databaseName());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + s.databaseName() + ": " + e.getMessage(),
                        e);
            }
        }
        startServers(wlp);
        network.joinRegistry(this);
        network.seedProviders(this);
        network.seedTariffs(this);
        if (options.demoChargers && isRunning("charger")) {
            chargers = DemoChargers.start(this, options.chargingTimeScale, options.meterInterval,
                    options.simulatorAdminPort);
        }
    }

    /** The demo network's simulated OCPP chargers; empty when charger-service does not run or demoChargers(false). */
    public java.util.Optional<DemoChargers> chargers() {
        return java.util.Optional.ofNullable(chargers);
    }

    private ServiceState state(String service) {
        if (running.contains(service)) {
            return ServiceState.RUNNING;
        }
        return planned.contains(service) ? ServiceState.STARTING : ServiceState.NOT_DEPLOYED;
    }

    private SuiteDatabase external() {
        try {
            return new ExternalDatabase(options.dbHost, options.externalDbPort, options.dbAdminUser,
                    options.dbAdminPassword);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach MariaDB at " + options.dbHost + ":" + options.externalDbPort
                    + " as " + options.dbAdminUser + ": " + e.getMessage(), e);
        }
    }

    private void startServers(Path wlp) {
        Path userDir = work.resolve("wlp-usr");
        List<Path> jdbcJars = listJars(suiteTarget().resolve("jdbc"));
        for (RouteTable.Service s : routes.services().values()) {
            if (options.services != null && !options.services.contains(s.key())) {
                continue;
            }
            Path war = war(s);
            if (!Files.isRegularFile(war)) {
                notBuilt.add(s.key());
                LOG.info(() -> s.key() + ": not built (no " + war + "), its routes answer NACK 40001");
                continue;
            }
            try {
                LibertyServer.prepare(s.module(), repo.resolve(s.module()).resolve("src/main/liberty/config"), war,
                        jdbcJars, userDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lay out the Liberty server of " + s.key(), e);
            }
            servers.put(s.key(), new LibertyServer(s.module(), s.localPort(), wlp, userDir,
                    work.resolve("logs").resolve(s.module() + ".log"), environment(s)));
        }
        for (LibertyServer server : servers.values()) {
            try {
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + server.module(), e);
            }
        }
        ExecutorService waiters = Executors.newFixedThreadPool(Math.max(1, servers.size()));
        try {
            Map<String, Future<?>> ready = new LinkedHashMap<>();
            servers.forEach((key, server) -> ready.put(key, waiters.submit(() -> {
                server.awaitReady(options.readyTimeout);
                running.add(key);
            })));
            for (Future<?> f : ready.values()) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while services started", e);
                }
            }
        } finally {
            waiters.shutdownNow();
        }
    }

    /** The environment contract of the services' server.xml and MicroProfile Config. */
    private Map<String, String> environment(RouteTable.Service s) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HTTP_PORT", String.valueOf(s.localPort()));
        env.put("HTTPS_PORT", "-1");
        // Loopback only: from outside this machine the suite is reached through its ingress, which binds loopback too.
        env.put("HTTP_HOST", "127.0.0.1");
        env.put("DB_HOST", database.host());
        env.put("DB_PORT", String.valueOf(database.port()));
        env.put("DB_NAME", s.databaseName());
        env.put("DB_USER", s.databaseName());
        env.put("DB_PASSWORD", s.databaseName());
        env.put("BECKN_SUBSCRIBER_ID", network.bpp().subscriberId());
        env.put("BECKN_SUBSCRIBER_URI", ingress.url());
        env.put("BECKN_KEY_ID", network.bpp().keyId());
        env.put("BECKN_SIGNING_PRIVATE_KEY", network.bpp().privateKeySeed());
        env.put("BECKN_REGISTRY_URL", registryUrl());
        // Joining the network by subscribe / on_subscribe (docs/network-onboarding.md): our encryption key, the
        // registry's published keys, and our city.
        env.put("BECKN_ENCRYPTION_PRIVATE_KEY", network.bppEncryptionKey());
        env.put("BECKN_REGISTRY_SUBSCRIBER_ID", network.registry().subscriberId());
        env.put("BECKN_REGISTRY_SIGNING_PUBLIC_KEY", network.registry().publicKey());
        env.put("BECKN_REGISTRY_ENCRYPTION_PUBLIC_KEY", network.registryEncryptionPublicKey());
        env.put("BECKN_CITY", "std:080");
        env.put("BECKN_ECHO_ENABLED", "true");
        // Every BAP of a local suite runs on this machine: callbacks to loopback are the point here.
        env.put("BECKN_CALLBACK_ALLOW_PRIVATE_ADDRESSES", "true");
        env.put("MP_JWT_VERIFY_PUBLICKEY", tokens.publicKeyPem());
        env.put("MP_JWT_VERIFY_ISSUER", DevTokens.ISSUER);
        // Service to service: where the peers are, and this service's own tokens for them (one file per peer).
        for (String peer : List.of("catalog", "quote", "payment", "order", "charger")) {
            RouteTable.Service p = routes.services().get(peer);
            if (p != null) {
                env.put(peer.toUpperCase(java.util.Locale.ROOT) + "_MP_REST_URL", "http://localhost:" + p.localPort());
            }
        }
        // Payment links are opened by people, through the ingress; the sandbox gateway signs its webhooks.
        env.put("PAYMENT_PUBLIC_URL", ingress.url());
        env.put("PAYMENT_SANDBOX_WEBHOOK_SECRET", workFiles.webhookSecret());
        env.put("ORDER_CANCELLATION_TERMS_URL", ingress.url() + "/orders/v1/terms");
        // Tracking pages (on_track's url) are opened by people, through the ingress.
        env.put("ORDER_PUBLIC_URL", ingress.url());
        // Refunds owed are asked for often.
        // The central system: this replica's own URL for forwarding, a short heartbeat so the watchdog is seen at
        // work, a remote start that must begin within 20 s.
        RouteTable.Service charger = routes.services().get("charger");
        if (charger != null) {
            env.put("CHARGER_REPLICA_URL", "http://localhost:" + charger.localPort());
        }
        env.put("CHARGER_HEARTBEAT_INTERVAL", "PT60S");
        env.put("CHARGER_START_TIMEOUT", "PT20S");
        env.put("ORDER_REFUND_SWEEP_SECONDS", "2");
        env.put("ORDER_SWAP_COMPLETE_AFTER", options.swapCompleteAfter.toString());
        env.put("CATALOG_SEARCH_PROVIDER_CACHE", options.providerCache.toString());
        env.put("BECKN_RETENTION_SWEEP", options.retentionSweep.toString());
        env.put("BPP_SERVICE_TOKENS_DIR", serviceTokens.dirOf(s.key()).toString());
        // The feedback form a rating's on_rating links to is opened by people, through the ingress.
        env.put("SUPPORT_PUBLIC_URL", ingress.url());
        // The platform's own helpdesk, for providers that give no support contacts of their own.
        env.put("SUPPORT_PLATFORM_PHONE", "+91 80 4000 9000");
        env.put("SUPPORT_PLATFORM_EMAIL", "helpdesk@ev-charging-bpp.org");
        // The console signs people in with the suite's development login (local only), which issues DevTokens.
        env.put("CONSOLE_OIDC_ISSUER", DevTokens.ISSUER);
        env.put("CONSOLE_OIDC_AUTHORIZATION_ENDPOINT", ingress.url() + "/dev-login/authorize");
        env.put("CONSOLE_OIDC_TOKEN_ENDPOINT", ingress.url() + "/dev-login/token");
        env.put("CONSOLE_DEV_LOGIN", "true");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JVM_ARGS", options.jvmArgs);
        env.putAll(options.environment.getOrDefault(s.key(), Map.of()));
        return env;
    }

    private Path war(RouteTable.Service s) {
        return suiteTarget().resolve("apps").resolve(s.module() + ".war");
    }

    private Path suiteTarget() {
        return repo.resolve("local-suite/target");
    }

    private static List<Path> listJars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String ingressUrl() {
        return ingress.url();
    }

    /** The operator and partner console, through the ingress. */
    public String consoleUrl() {
        return ingress.url() + "/console/";
    }

    public String registryUrl() {
        return ingress.url() + "/registry";
    }

    public LocalRegistry registry() {
        return registry;
    }

    public String bppSubscriberId() {
        return network.bpp().subscriberId();
    }

    public DemoNetwork.Party bpp() {
        return network.bpp();
    }

    public DemoNetwork.Party demoBap() {
        return network.demoBap();
    }

    /** The demo network's keys: the BPP's, the demo BAP's, the local registry's. */
    public DemoNetwork network() {
        return network;
    }

    /** Development bearer tokens for the services' REST APIs (onboarding, admin). */
    public DevTokens tokens() {
        return tokens;
    }

    public Path workDir() {
        return work;
    }

    public RouteTable routes() {
        return routes;
    }

    /** Direct URL of a running service (routes.yaml key), bypassing the ingress. */
    public String serviceUrl(String service) {
        LibertyServer s = servers.get(service);
        if (s == null || !running.contains(service)) {
            throw new IllegalArgumentException(service + " is not running");
        }
        return s.url();
    }

    public boolean isRunning(String service) {
        return running.contains(service);
    }

    public List<String> notBuilt() {
        return List.copyOf(notBuilt);
    }

    public SuiteDatabase database() {
        return database;
    }

    public String jdbcUrl(String service) {
        return database.jdbcUrl(databaseName(service));
    }

    public String dbAdminUser() {
        return database.adminUser();
    }

    public String dbAdminPassword() {
        return database.adminPassword();
    }

    /** An admin JDBC connection to a service's database, for tests that look at its tables (e.g. the outbox). */
    public Connection openDb(String service) throws SQLException {
        return database.adminConnection(databaseName(service));
    }

    private String databaseName(String service) {
        return routes.service(service).orElseThrow(() -> new IllegalArgumentException("no service " + service))
                .databaseName();
    }

    /**
     * Starts one more replica of a running service, as a Kubernetes Deployment scaled up would: the same war,
     * configuration and database, its own Liberty directory, port and log ({@code <module>-<n>.log}), and its own
     * address as {@code CHARGER_REPLICA_URL}. Closed with the suite; {@link LibertyServer#crash()} kills it.
     */
    public synchronized LibertyServer startReplica(String service) {
        RouteTable.Service s = routes.service(service)
                .orElseThrow(() -> new IllegalArgumentException("no service " + service));
        if (!running.contains(service)) {
            throw new IllegalStateException(service + " is not running");
        }
        int n = replicas.size() + 2;
        int port = FreePorts.take();
        Path userDir = work.resolve("wlp-usr-" + service + "-" + n);
        try {
            LibertyServer.prepare(s.module(), repo.resolve(s.module()).resolve("src/main/liberty/config"), war(s),
                    listJars(suiteTarget().resolve("jdbc")), userDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out replica " + n + " of " + service, e);
        }
        Map<String, String> env = new LinkedHashMap<>(environment(s));
        env.put("HTTP_PORT", String.valueOf(port));
        env.put("CHARGER_REPLICA_URL", "http://localhost:" + port);
        LibertyServer replica = new LibertyServer(s.module(), port, suiteTarget().resolve("liberty/wlp"), userDir,
                work.resolve("logs").resolve(s.module() + "-" + n + ".log"), env);
        try {
            replica.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start replica " + n + " of " + service, e);
        }
        replicas.add(replica);
        replica.awaitReady(options.readyTimeout);
        return replica;
    }

    /** The JVM of a running service (its route table replica), for soak figures (RSS, threads). */
    public java.util.Optional<ProcessHandle> jvmOf(String service) {
        LibertyServer server = servers.get(service);
        return server == null ? java.util.Optional.empty() : server.jvm();
    }

    /** Crashes and restarts single services, for fault tests. */
    public SuiteControl control() {
        return control;
    }

    /** Where everything listens, for people. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        String row = "  %-28s %s%n";
        b.append(String.format("%nEV charging BPP local suite (BPP %s)%n", bppSubscriberId()));
        b.append(String.format(row, "ingress (Beckn actions)", ingress.url()));
        b.append(String.format(row, "registry lookup", registryUrl() + "/lookup"));
        b.append(String.format(row, "registry entries", registryUrl() + "/subscribers  (" + registry.file() + ")"));
        b.append(String.format(row, "MariaDB", (database.embedded() ? "embedded " : "external ") + database.host() + ":"
                + database.port() + "  admin " + database.adminUser() + "/" + database.adminPassword()));
        if (isRunning("console")) {
            b.append(String.format(row, "console", consoleUrl() + "  (development login: operator or a demo partner)"));
        }
        b.append(String.format(row, "onboarding API (catalog)", ingress.url() + "/catalog/v1/providers"));
        b.append(String.format(row, "development tokens",
                workFiles.writeDevTokens(ingress.url(), tokens) + "  (operator, demo partners)"));
        for (RouteTable.Service s : routes.services().values()) {
            LibertyServer server = servers.get(s.key());
            if (server == null) {
                String why = notBuilt.contains(s.key()) ? "not built" : "not selected";
                b.append(String.format(row, s.key(), why + " (routes answer NACK 40001)"
                        + (s.hasDatabase() ? "; db " + s.databaseName() : "")));
            } else {
                String base = server.url();
                b.append(String.format(row, s.key() + " (" + s.module() + ")",
                        base + (s.hasDatabase() ? "  db " + s.databaseName() : "")));
                b.append(String.format(row, "", "console".equals(s.key()) ? base + "/health/ready"
                        : base + "/health/ready  " + base + "/openapi/ui  " + base + "/metrics"));
            }
        }
        if (chargers != null) {
            b.append(String.format(row, "OCPP central system", serviceUrl("charger").replaceFirst("^http", "ws")
                    + "/ocpp/<chargePointId>  (" + chargers.specs().size() + " simulated chargers connected)"));
            b.append(String.format(row, "charger API", ingress.url() + "/chargers/v1/charge-points"));
            b.append(String.format(row, "charger simulator", chargers.adminUrl() + "/chargers  (./bpp charger list)"));
        }
        b.append(String.format(row, "work dir", work));
        b.append(String.format(row, "logs", work.resolve("logs")));
        b.append(String.format(row, "keys", DemoNetwork.keysFile(work) + " (BPP " + bpp().keyId() + ", demo BAP "
                + demoBap().subscriberId() + ")"));
        return b.toString();
    }

    /** Stops the ingress, then the services, then the database. Idempotent. */
    @Override
    public synchronized void close() {
        if (Thread.currentThread() != stopOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook runs anyway; this call does the work first.
            }
        }
        if (chargers != null) {
            chargers.close();
            chargers = null;
        }
        if (ingress != null) {
            ingress.close();
            ingress = null;
        }
        if (registry.subscriptions() != null) {
            registry.subscriptions().close();
        }
        if (serviceTokens != null) {
            serviceTokens.close();
            serviceTokens = null;
        }
        List<Thread> stops = new ArrayList<>();
        List<LibertyServer> all = new ArrayList<>(servers.values());
        all.addAll(replicas);
        replicas.clear();
        for (LibertyServer s : all) {
            Thread t = new Thread(s::close, "stop-" + s.module());
            t.start();
            stops.add(t);
        }
        for (Thread t : stops) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        servers.clear();
        running.clear();
        planned.clear();
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
