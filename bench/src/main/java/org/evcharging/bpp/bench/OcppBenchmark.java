package org.evcharging.bpp.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.evcharging.bpp.ocpp.OcppVersion;
import org.evcharging.bpp.simulator.BootStatus;
import org.evcharging.bpp.simulator.ChargerFleet;
import org.evcharging.bpp.simulator.ChargerSpec;
import org.evcharging.bpp.simulator.ConnectionState;
import org.evcharging.bpp.simulator.ConnectorSpec;
import org.evcharging.bpp.simulator.FleetOptions;
import org.evcharging.bpp.simulator.Scheduler;
import org.evcharging.bpp.simulator.SimulatedCharger;
import org.evcharging.bpp.suite.LocalSuite;
import org.evcharging.bpp.suite.SuiteOptions;
import org.evcharging.bpp.suite.bap.BapClient;
import org.evcharging.bpp.suite.bap.BookingFlow;
import org.evcharging.bpp.suite.bap.SessionFlow;

/**
 * The OCPP benchmark of issue 19: thousands of simulated chargers connected at once to one charger-service replica,
 * each with a heartbeat every 30 s (the central system's interval) and, for those in a transaction, MeterValues every
 * 30 s. One run, on the suite's own MariaDB and Liberty servers (catalog, quote, order, payment, charger):
 * <ol>
 * <li>a synthetic provider network is onboarded into the catalog (one EVSE and connector per charger), the chargers
 *     are registered through charger-service's onboarding API (operator token), each bound to its catalog
 *     connector, so availability publishing runs for real;</li>
 * <li>the chargers connect in steps of {@code --step} at {@code --ramp-rate} connections a second: connect time,
 *     failures, and at every step (0 included) the charger-service JVM's RSS and CPU once the step is held;</li>
 * <li>{@code --in-transaction} of them are put in a transaction through the internal session API (as order-service's
 *     OCPP driver does, with a service token for audience charger), so their MeterValues are stored for a real
 *     transaction;</li>
 * <li>windows of {@code --window} seconds: MeterValues per second and the p50 / p99 of a MeterValues CALL, from the
 *     charger handing the frame to its socket to the CALLRESULT arriving (loopback: an upper bound of received →
 *     stored → answered); warm-up until the rate and the p50 are stable over consecutive windows, then
 *     {@code --windows} measured windows, reported as medians of the per-window figures;</li>
 * <li>with all of that still running, a signed BAP books and starts charging at the demo network's chargers: from
 *     sending {@code update} start-charging to the charger receiving RemoteStart, to {@code on_update}, and to the
 *     first {@code status} whose progress shows energy above 0 (polled every 250 ms).</li>
 * </ol>
 *
 * <pre>java -cp bench/target/bench.jar org.evcharging.bpp.bench.OcppBenchmark [--chargers 5000] [--in-transaction 500]
 *     [--ramp-rate 200] [--step 1000] [--hold 40] [--window 60] [--windows 5] [--max-warmup 8] [--update-runs 5]
 *     [--charger-jvm-args "-Xmx512m"] [--jfr]</pre>
 */
public final class OcppBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration INTERVAL = Duration.ofSeconds(30);
    private static final int EVSES_PER_LOCATION = 10;
    private static final int LOCATIONS_PER_PROVIDER = 50;
    private static final String PASSWORD = "bench-charger-password-0001";
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final List<String> DEMO_CONNECTORS = List.of("cz-mg-1-ccs2", "cz-mg-2-chademo", "cz-in-1-ccs2",
            "cz-mg-3-type2", "cz-in-2-type2", "cz-wf-1-ccs2");

    private OcppBenchmark() {
    }

    /** One window's answered CALLs: MeterValues and Heartbeat latencies (ns), errors, and who heard back. */
    private static final class Window {

        final long startNanos = System.nanoTime();
        final List<Long> meter = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<Long> heartbeat = java.util.Collections.synchronizedList(new ArrayList<>());
        final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
        final Set<String> heartbeatAnswered = ConcurrentHashMap.newKeySet();
        final AtomicLong otherCalls = new AtomicLong();
        volatile double seconds;

        void add(String action, String chargePointId, long nanos, boolean error) {
            if (error) {
                errors.computeIfAbsent(action, a -> new AtomicLong()).incrementAndGet();
            } else if ("MeterValues".equals(action)) {
                meter.add(nanos);
            } else if ("Heartbeat".equals(action)) {
                heartbeat.add(nanos);
                heartbeatAnswered.add(chargePointId);
            } else {
                otherCalls.incrementAndGet();
            }
        }

        long[] sorted(List<Long> list) {
            synchronized (list) {
                return list.stream().mapToLong(Long::longValue).sorted().toArray();
            }
        }

        double meterRate() {
            return meter.size() / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        int chargers = AckBenchmark.intArg(args, "--chargers", 5000);
        int inTransaction = AckBenchmark.intArg(args, "--in-transaction", 500);
        int rampRate = AckBenchmark.intArg(args, "--ramp-rate", 200);
        int step = AckBenchmark.intArg(args, "--step", 1000);
        int hold = AckBenchmark.intArg(args, "--hold", 40);
        int windowSeconds = AckBenchmark.intArg(args, "--window", 60);
        int windows = AckBenchmark.intArg(args, "--windows", 5);
        int maxWarmup = AckBenchmark.intArg(args, "--max-warmup", 8);
        int updateRuns = AckBenchmark.intArg(args, "--update-runs", 5);
        String chargerJvm = stringArg(args, "--charger-jvm-args", "-Xmx512m");
        boolean jfr = Arrays.asList(args).contains("--jfr");
        String command = "java -cp bench/target/bench.jar org.evcharging.bpp.bench.OcppBenchmark "
                + String.join(" ", args);
        Instant startedAt = Instant.now();
        StringBuilder report = new StringBuilder();
        Path work = Path.of("bench/target/ocpp-suite").toAbsolutePath();

        System.out.println("starting the suite (catalog, quote, order, payment, charger)...");
        try (LocalSuite suite = LocalSuite.start(SuiteOptions.defaults().workDir(work).wipeWorkDir(true)
                .ingressPort(0).dbPort(0).freeServicePorts(true)
                .services(Set.of("catalog", "quote", "order", "payment", "charger"))
                .jvmArgs("-Xmx384m").environment("charger", "JVM_ARGS", chargerJvm)
                .environment("charger", "CHARGER_HEARTBEAT_INTERVAL", INTERVAL.toString())
                .meterInterval(INTERVAL).chargingTimeScale(1));
                BapClient bap = BapClient.demo(suite, 0)) {
            long pid = chargerPid();
            System.out.printf("charger-service pid %d, JVM args '%s'%n", pid, chargerJvm);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();

            long t0 = System.nanoTime();
            List<String> connectors = onboardNetwork(http, suite, chargers);
            double onboardSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            List<ChargerSpec> specs = registerChargers(http, suite, connectors);
            double registerSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("network onboarded in %.1f s, %d chargers registered in %.1f s%n", onboardSeconds,
                    specs.size(), registerSeconds);

            URI base = URI.create(suite.serviceUrl("charger").replaceFirst("^http", "ws") + "/ocpp");
            TimedDialer dialer = new TimedDialer(base, Duration.ofSeconds(30), rampRate);
            AtomicReference<Window> window = new AtomicReference<>(new Window());
            dialer.sink((action, id, nanos, error) -> window.get().add(action, id, nanos, error));
            ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> {
                Thread t = new Thread(r, "bench-sim-timer");
                t.setDaemon(true);
                return t;
            });
            Scheduler scheduler = (delay, task) -> {
                var f = timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            };
            FleetOptions options = FleetOptions.defaults().withMeterInterval(INTERVAL).withTimeScale(1)
                    .withReconnect(Duration.ofSeconds(1), Duration.ofSeconds(30));
            try (ChargerFleet fleet = ChargerFleet.start(specs, options, dialer, scheduler, Clock.systemUTC(), () -> {
                timers.shutdownNow();
                dialer.close();
            })) {
                // ---- the ramp, in steps, with RSS and CPU at each
                List<String> steps = new ArrayList<>();
                steps.add(stepLine(0, 0, pid, hold, Double.NaN));
                System.out.println(steps.get(0));
                long rampStart = System.nanoTime();
                double connectingSeconds = 0;
                for (int target = Math.min(step, chargers);; target = Math.min(target + step, chargers)) {
                    long s0 = System.nanoTime();
                    dialer.allow(target);
                    int reached = awaitBooted(fleet, target, Duration.ofSeconds(Math.max(60, 3L * step / rampRate)));
                    double took = (System.nanoTime() - s0) / 1e9;
                    connectingSeconds += took;
                    steps.add(stepLine(target, reached, pid, hold, took));
                    System.out.println(steps.get(steps.size() - 1));
                    if (target >= chargers) {
                        break;
                    }
                }
                double rampWall = (System.nanoTime() - rampStart) / 1e9;
                long[] connectMs = dialer.connectNanos.values().stream().mapToLong(n -> n / 1_000_000).sorted()
                        .toArray();

                // ---- transactions through the internal session API
                t0 = System.nanoTime();
                String[] started = startSessions(http, suite, specs, connectors, inTransaction);
                double startSeconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("%s sessions started in %.1f s (%s)%n", started[0], startSeconds, started[1]);

                // ---- windows: warm-up until stable, then measure
                List<Window> warm = new ArrayList<>();
                List<Window> measured = new ArrayList<>();
                boolean jfrOn = false;
                double cpuBefore = 0;
                long measureStart = 0;
                for (int w = 0; measured.size() < windows; w++) {
                    boolean measuring = warm.size() >= maxWarmup || stable(warm);
                    if (measuring && measured.isEmpty()) {
                        if (jfr) {
                            jfrOn = jcmd(pid, "JFR.start", "name=ocpp", "settings=profile",
                                    "filename=" + Path.of("bench/target/ocpp-charger.jfr").toAbsolutePath())
                                    .contains("Started");
                        }
                        cpuBefore = cpuSeconds(pid);
                        measureStart = System.nanoTime();
                    }
                    Window current = new Window();
                    window.set(current);
                    Thread.sleep(windowSeconds * 1000L);
                    current.seconds = (System.nanoTime() - current.startNanos) / 1e9;
                    window.set(new Window());
                    (measuring ? measured : warm).add(current);
                    System.out.printf("%s window %d: %s%n", measuring ? "measured" : "warm-up", w + 1,
                            windowLine(current));
                }
                double measureSeconds = (System.nanoTime() - measureStart) / 1e9;
                double cpuCores = (cpuSeconds(pid) - cpuBefore) / measureSeconds;
                long rssAfter = rssKb(pid);
                if (jfrOn) {
                    jcmd(pid, "JFR.stop", "name=ocpp");
                }
                String heap = jcmd(pid, "GC.heap_info");
                int connected = 0;
                int booted = 0;
                int charging = 0;
                for (SimulatedCharger c : fleet.chargers()) {
                    if (c.connectionState() == ConnectionState.CONNECTED) {
                        connected++;
                    }
                    if (c.bootStatus() == BootStatus.ACCEPTED) {
                        booted++;
                    }
                    if (c.connectors().get(0).charging()) {
                        charging++;
                    }
                }
                Set<String> heardBack = ConcurrentHashMap.newKeySet();
                measured.forEach(m -> heardBack.addAll(m.heartbeatAnswered));
                Map<String, Long> errors = new TreeMap<>();
                for (Window m : measured) {
                    m.errors.forEach((a, n) -> errors.merge(a, n.get(), Long::sum));
                }
                Map<String, Integer> unanswered = dialer.unanswered(Duration.ofSeconds(30));

                // ---- update start → RemoteStart → on_status with energy, while all of the above runs
                List<double[]> updates = updateStarts(suite, bap, updateRuns);

                report.append(String.format(Locale.ROOT,
                        "OCPP benchmark, run started %s, %d cores, %s; command: %s%n%n", startedAt,
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"), command));
                report.append(String.format(Locale.ROOT,
                        "charger-service JVM: '%s'; other services -Xmx384m; heartbeat interval %s (central system),"
                                + " MeterValues interval %s, all chargers OCPP 1.6J, one connector each%n%n",
                        chargerJvm, INTERVAL, INTERVAL));
                report.append(String.format(Locale.ROOT,
                        "setup: catalog network of %d EVSEs onboarded in %.1f s; %d charge points registered in %.1f s"
                                + " (%.0f/s)%n%n",
                        connectors.size(), onboardSeconds, specs.size(), registerSeconds,
                        specs.size() / registerSeconds));
                report.append("**Ramp** (dials at most ").append(rampRate).append("/s, in steps of ").append(step)
                        .append("; RSS and CPU over the ").append(hold).append(" s each step is held)\n\n");
                report.append("| chargers connected and booted | time to connect the step s | charger-service RSS MB |"
                        + " charger-service CPU while held (cores) | CPU per 1,000 chargers (cores) |\n");
                report.append("|---|---|---|---|---|\n");
                steps.forEach(l -> report.append(l).append('\n'));
                report.append(String.format(Locale.ROOT,
                        "%nconnect (handshake with HTTP Basic → open), per charger: p50 %d ms, p99 %d ms, max %d ms;"
                                + " %d sockets opened, %d dials failed, %d closed by the central system; ramp %.0f s"
                                + " in all (%.0f s connecting)%n",
                        pct(connectMs, 0.5), pct(connectMs, 0.99),
                        connectMs.length == 0 ? 0 : connectMs[connectMs.length
                                - 1],
                        dialer.opened.sum(), dialer.failedDials.sum(), dialer.closedByServer.sum(), rampWall,
                        connectingSeconds));
                report.append(String.format(Locale.ROOT,
                        "%ntransactions: %s of %d started through POST /internal/chargers/v1/sessions in %.1f s (%s)%n",
                        started[0], inTransaction, startSeconds, started[1]));
                report.append(String.format(Locale.ROOT,
                        "%n**MeterValues** (client side: frame handed to the socket → CALLRESULT in; %d warm-up"
                                + " windows, %d measured, %d s each)%n%n",
                        warm.size(), measured.size(), windowSeconds));
                report.append("| window | MeterValues/s | n | p50 ms | p99 ms | max ms | Heartbeat n | Heartbeat p50 /"
                        + " p99 ms | CALLERRORs |\n|---|---|---|---|---|---|---|---|---|\n");
                for (int i = 0; i < warm.size(); i++) {
                    report.append(windowRow("warm-up " + (i + 1), warm.get(i)));
                }
                for (int i = 0; i < measured.size(); i++) {
                    report.append(windowRow("measured " + (i + 1), measured.get(i)));
                }
                double p50 = SteadyLoad
                        .median(measured.stream().mapToDouble(m -> AckBenchmark.percentileMillis(m.sorted(m.meter),
                                0.5)).toArray());
                double p99 = SteadyLoad
                        .median(measured.stream().mapToDouble(m -> AckBenchmark.percentileMillis(m.sorted(m.meter),
                                0.99)).toArray());
                double rate = SteadyLoad.median(measured.stream().mapToDouble(Window::meterRate).toArray());
                report.append(String.format(Locale.ROOT,
                        "%nmedian of the measured windows: %.1f MeterValues/s, p50 **%.2f ms**, p99 **%.2f ms**"
                                + " (target p99 ≤ 20 ms: %s)%n",
                        rate, p50, p99, p99 <= 20 ? "met" : "MISSED"));
                report.append(String.format(Locale.ROOT,
                        "%nat the end: %d of %d chargers connected, %d booted (Accepted), %d charging; %d chargers"
                                + " had a Heartbeat answered during the measured windows; CALLERRORs there: %s;"
                                + " CALLs unanswered after 30 s (whole run): %s (target all %d connected and"
                                + " answered: %s)%n",
                        connected, chargers, booted, charging, heardBack.size(), errors, unanswered, chargers,
                        connected == chargers && heardBack.size() == chargers && errors.isEmpty()
                                && unanswered.isEmpty() ? "met" : "MISSED"));
                report.append(String.format(Locale.ROOT,
                        "%ncharger-service over the measured windows: %.3f cores = %.3f cores per 1,000 chargers;"
                                + " RSS %.0f MB (target ≤ 768 MB: %s)%n",
                        cpuCores, cpuCores * 1000 / chargers, rssAfter / 1024.0,
                        rssAfter / 1024.0 <= 768 ? "met" : "MISSED"));
                report.append("\nheap at the end (jcmd GC.heap_info):\n");
                heap.lines().skip(1).forEach(l -> report.append("    ").append(l).append('\n'));
                report.append(updatesReport(updates, updateRuns));
                if (jfrOn) {
                    report.append("\nJFR recording of charger-service over the measured windows:"
                            + " bench/target/ocpp-charger.jfr\n");
                }
            }
        }
        System.out.println();
        System.out.println(report);
        Files.createDirectories(Path.of("bench/target"));
        Files.writeString(Path.of("bench/target/ocpp-benchmark.md"), report);
        System.exit(0);
    }

    // ------------------------------------------------------------------ setup

    /** Providers of 50 locations x 10 single-connector EVSEs, ids unique across providers; the connector ids. */
    private static List<String> onboardNetwork(HttpClient http, LocalSuite suite, int chargers) throws Exception {
        List<String> connectors = new ArrayList<>();
        int perProvider = LOCATIONS_PER_PROVIDER * EVSES_PER_LOCATION;
        String token = suite.tokens().operator();
        for (int p = 0; p * perProvider < chargers; p++) {
            String provider = String.format(Locale.ROOT, "ocpp-%02d.bench", p);
            ObjectNode network = JSON.createObjectNode();
            network.putObject("provider").put("id", provider).put("code", String.format(Locale.ROOT, "OB%02d", p))
                    .put("name", "OCPP bench network " + p).put("energySource", "CHARGING_NETWORK");
            network.putArray("categories").addObject().put("id", "g").put("code", "green-tariff")
                    .put("name", "green tariff");
            ArrayNode locations = network.putArray("locations");
            for (int l = 0; l < LOCATIONS_PER_PROVIDER && connectors.size() < chargers; l++) {
                double[] city = SyntheticNetwork.CITIES[(p + l) % SyntheticNetwork.CITIES.length];
                ObjectNode loc = locations.addObject();
                String lid = String.format(Locale.ROOT, "ob%02d-l%02d", p, l);
                loc.put("id", lid).put("name", "Bench station " + lid).put("gps", String.format(Locale.ROOT,
                        "%.6f,%.6f", city[0] + (l % 10) * 0.01, city[1] + (l / 10) * 0.01));
                ArrayNode evses = loc.putArray("evses");
                for (int e = 0; e < EVSES_PER_LOCATION && connectors.size() < chargers; e++) {
                    String evse = lid + "-e" + e;
                    ObjectNode node = evses.addObject().put("id", evse).put("chargerType", "AC").put("powerKw", 22);
                    node.putArray("connectors").addObject().put("id", evse + "-c").put("type", "Type2");
                    connectors.add(evse + "-c");
                }
            }
            ObjectNode item = network.putArray("items").addObject();
            item.put("id", "energy").put("code", "energy").put("name", "EV charging").put("unit", "KWH")
                    .put("price", "18.00").put("currency", "INR").put("availableQuantity", "500");
            item.putArray("categoryIds").add("g");
            item.putArray("fulfillmentTypes").add("CHARGING");
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create(suite.serviceUrl("catalog") + "/catalog/v1/providers/" + provider + "/network"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofMinutes(5))
                    .PUT(HttpRequest.BodyPublishers.ofString(network.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("onboarding " + provider + ": HTTP " + r.statusCode() + " "
                        + r.body());
            }
        }
        return connectors;
    }

    /** Registers one 1.6J charge point per catalog connector, four at a time, as the operator. */
    private static List<ChargerSpec> registerChargers(HttpClient http, LocalSuite suite, List<String> connectors)
            throws Exception {
        String token = suite.tokens().operator();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<ChargerSpec>> futures = new ArrayList<>();
        for (int i = 0; i < connectors.size(); i++) {
            String connector = connectors.get(i);
            String id = "ob-cp-" + String.format(Locale.ROOT, "%05d", i);
            String provider = String.format(Locale.ROOT, "ocpp-%02d.bench",
                    i / (LOCATIONS_PER_PROVIDER * EVSES_PER_LOCATION));
            futures.add(pool.submit(() -> {
                ObjectNode spec = JSON.createObjectNode().put("id", id).put("providerId", provider)
                        .put("protocol", "1.6J").put("password", PASSWORD).put("enabled", true);
                spec.putArray("connectors").addObject().put("evseId", 1).put("connectorId", 1)
                        .put("catalogConnector", connector);
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create(suite.serviceUrl("charger") + "/chargers/v1/charge-points/" + id))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60))
                        .PUT(HttpRequest.BodyPublishers.ofString(spec.toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("registering " + id + ": HTTP " + r.statusCode() + " "
                            + r.body());
                }
                return new ChargerSpec(id, PASSWORD, OcppVersion.OCPP_1_6, List.of(ConnectorSpec.of(1, 22)));
            }));
        }
        List<ChargerSpec> specs = new ArrayList<>();
        for (Future<ChargerSpec> f : futures) {
            specs.add(f.get());
        }
        pool.shutdown();
        return specs;
    }

    private static int booted(ChargerFleet fleet) {
        int n = 0;
        for (SimulatedCharger c : fleet.chargers()) {
            if (c.connectionState() == ConnectionState.CONNECTED && c.bootStatus() == BootStatus.ACCEPTED) {
                n++;
            }
        }
        return n;
    }

    private static int awaitBooted(ChargerFleet fleet, int target, Duration limit) throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        int n = booted(fleet);
        while (n < target && System.nanoTime() < until) {
            Thread.sleep(250);
            n = booted(fleet);
        }
        return n;
    }

    /** Holds the step for {@code hold} s, then: one table row with RSS and the CPU over the second half. */
    private static String stepLine(int target, int reached, long pid, int hold, double connectSeconds)
            throws Exception {
        Thread.sleep(hold * 500L);
        double cpu0 = cpuSeconds(pid);
        long t0 = System.nanoTime();
        Thread.sleep(hold * 500L);
        double cores = (cpuSeconds(pid) - cpu0) / ((System.nanoTime() - t0) / 1e9);
        return String.format(Locale.ROOT, "| %d%s | %s | %.0f | %.3f | %s |", reached,
                reached < target ? " (of " + target + ")" : "",
                Double.isNaN(connectSeconds) ? "–" : String.format(Locale.ROOT, "%.1f", connectSeconds),
                rssKb(pid) / 1024.0, cores,
                reached == 0 ? "–" : String.format(Locale.ROOT, "%.3f", cores * 1000 / reached));
    }

    /** Starts {@code n} sessions, 8 at a time; [started count, outcome summary]. */
    private static String[] startSessions(HttpClient http, LocalSuite suite, List<ChargerSpec> specs,
            List<String> connectors, int n) throws Exception {
        String token = suite.tokens().service("order-service", "charger", List.of("service"), Duration.ofHours(4));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        // spread the transactions over the fleet: every (chargers / n)-th charger
        int stride = Math.max(1, specs.size() / Math.max(1, n));
        for (int i = 0; i < n && i * stride < specs.size(); i++) {
            String connector = connectors.get(i * stride);
            String order = "bench-order-" + i;
            futures.add(pool.submit(() -> {
                ObjectNode body = JSON.createObjectNode().put("orderId", order).put("connector", connector)
                        .put("targetKwh", 200);
                String outcome;
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create(suite.serviceUrl("charger") + "/internal/chargers/v1/sessions"))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                            HttpResponse.BodyHandlers.ofString());
                    outcome = "HTTP " + r.statusCode();
                } catch (IOException e) {
                    outcome = e.getClass().getSimpleName();
                }
                outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        AtomicInteger ok = outcomes.getOrDefault("HTTP 200", new AtomicInteger());
        return new String[] {String.valueOf(ok.get()), outcomes.toString()};
    }

    // ------------------------------------------------------------------ windows

    /** The last two warm-up windows agree: MeterValues rate within 10 %, p50 within 15 %. */
    private static boolean stable(List<Window> warm) {
        if (warm.size() < 2) {
            return false;
        }
        Window a = warm.get(warm.size() - 2);
        Window b = warm.get(warm.size() - 1);
        double ra = a.meterRate();
        double rb = b.meterRate();
        double pa = AckBenchmark.percentileMillis(a.sorted(a.meter), 0.5);
        double pb = AckBenchmark.percentileMillis(b.sorted(b.meter), 0.5);
        return ra > 0 && Math.abs(rb - ra) / ra <= 0.10 && Math.abs(pb - pa) / pa <= 0.15;
    }

    private static String windowLine(Window w) {
        long[] m = w.sorted(w.meter);
        long[] h = w.sorted(w.heartbeat);
        return String.format(Locale.ROOT,
                "%.1f MeterValues/s, n %d, p50 %.2f ms, p99 %.2f ms, max %.2f ms; Heartbeat n %d p50 %.2f p99 %.2f;"
                        + " errors %s",
                w.meterRate(), m.length, AckBenchmark.percentileMillis(m, 0.5),
                AckBenchmark.percentileMillis(m, 0.99), AckBenchmark.percentileMillis(m, 1.0), h.length,
                AckBenchmark.percentileMillis(h, 0.5), AckBenchmark.percentileMillis(h, 0.99), w.errors);
    }

    private static String windowRow(String name, Window w) {
        long[] m = w.sorted(w.meter);
        long[] h = w.sorted(w.heartbeat);
        return String.format(Locale.ROOT, "| %s | %.1f | %d | %.2f | %.2f | %.2f | %d | %.2f / %.2f | %s |%n", name,
                w.meterRate(), m.length, AckBenchmark.percentileMillis(m, 0.5),
                AckBenchmark.percentileMillis(m, 0.99), AckBenchmark.percentileMillis(m, 1.0), h.length,
                AckBenchmark.percentileMillis(h, 0.5), AckBenchmark.percentileMillis(h, 0.99),
                w.errors.isEmpty() ? "0" : w.errors.toString());
    }

    // ------------------------------------------------------------------ update start

    /**
     * Per run: [ms to RemoteStart received, ms to on_update, ms to the first status with energy, ms from the
     * charger's first MeterValues sent to that status]; NaN where it did not happen.
     */
    private static List<double[]> updateStarts(LocalSuite suite, BapClient bap, int runs) throws Exception {
        List<double[]> results = new ArrayList<>();
        BookingFlow booking = new BookingFlow(bap, Duration.ofSeconds(60));
        SessionFlow session = new SessionFlow(bap, Duration.ofSeconds(60));
        BookingFlow.Billing billing = new BookingFlow.Billing("Bench User", "bench@example.com", "+91-9000000000");
        for (int run = 0; run < runs; run++) {
            String connector = DEMO_CONNECTORS.get(run % DEMO_CONNECTORS.size());
            String chargerId = connector.substring(0, connector.lastIndexOf('-'));
            SimulatedCharger charger = suite.chargers().orElseThrow().fleet().charger(chargerId);
            boolean v16 = charger.version() == OcppVersion.OCPP_1_6;
            OffsetDateTime start = OffsetDateTime.now(IST).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1)
                    .plusMinutes(40L * (run / DEMO_CONNECTORS.size()));
            BookingFlow.Booking b = booking.book(new BookingFlow.Choice("chargezone.in", "pe-charging-01", "4", null,
                    connector, start, start.plusMinutes(30), true, List.of(), null), billing);
            if (!b.confirmed()) {
                System.out.println("update run " + (run + 1) + ": booking failed: " + b);
                results.add(new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN});
                continue;
            }
            String txn = b.transactionId();
            String orderId = b.confirm().order().path("id").asText();
            AtomicLong remoteAt = new AtomicLong();
            AtomicLong meterAt = new AtomicLong();
            charger.nextCallReceived(v16 ? "RemoteStartTransaction" : "RequestStartTransaction")
                    .thenRun(() -> remoteAt.set(System.nanoTime()));
            CompletableFuture<?> firstMeter = v16 ? charger.nextCallSent("MeterValues")
                    : charger.nextCallSent("TransactionEvent")
                            .thenCompose(started -> charger.nextCallSent("TransactionEvent"));
            firstMeter.thenRun(() -> meterAt.set(System.nanoTime()));
            long t0 = System.nanoTime();
            BookingFlow.Step started = session.start(txn, b.confirm().order());
            long onUpdate = System.nanoTime();
            double energyMs = Double.NaN;
            double fromMeterMs = Double.NaN;
            if (started.ok()) {
                long until = t0 + Duration.ofSeconds(120).toNanos();
                while (System.nanoTime() < until) {
                    BookingFlow.Step status = session.status(txn, orderId);
                    long now = System.nanoTime();
                    if (status.ok()) {
                        BigDecimal e = SessionFlow.progress(status.order()).energyKwh();
                        if (e != null && e.signum() > 0) {
                            energyMs = (now - t0) / 1e6;
                            fromMeterMs = meterAt.get() == 0 ? Double.NaN : (now - meterAt.get()) / 1e6;
                            break;
                        }
                    }
                    Thread.sleep(250);
                }
                session.end(txn, b.confirm().order());
            } else {
                System.out.println("update run " + (run + 1) + ": start failed: " + started.outcome());
            }
            double[] r = {remoteAt.get() == 0 ? Double.NaN : (remoteAt.get() - t0) / 1e6,
                    started.ok() ? (onUpdate - t0) / 1e6 : Double.NaN, energyMs, fromMeterMs};
            System.out.printf(Locale.ROOT,
                    "update run %d (%s, %s): RemoteStart %.0f ms, on_update %.0f ms, status with energy %.0f ms"
                            + " (%.0f ms after the charger sent its first meter value)%n",
                    run + 1, connector, v16 ? "1.6J" : "2.0.1", r[0], r[1], r[2], r[3]);
            results.add(r);
        }
        return results;
    }

    private static String updatesReport(List<double[]> runs, int n) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "%n**update start-charging** (signed BAP, demo chargers, %d runs while the fleet runs; status polled"
                        + " every 250 ms)%n%n| run | ms to RemoteStart at the charger | ms to on_update | ms to the"
                        + " first status with energy > 0 | of which after the charger's first meter value |%n"
                        + "|---|---|---|---|---|%n",
                n));
        for (int i = 0; i < runs.size(); i++) {
            double[] r = runs.get(i);
            b.append(String.format(Locale.ROOT, "| %d (%s) | %.0f | %.0f | %.0f | %.0f |%n", i + 1,
                    DEMO_CONNECTORS.get(i % DEMO_CONNECTORS.size()), r[0], r[1], r[2], r[3]));
        }
        b.append("| **median** |");
        for (int k = 0; k < 4; k++) {
            int col = k;
            double[] v = runs.stream().mapToDouble(r -> r[col]).filter(d -> !Double.isNaN(d)).toArray();
            b.append(String.format(Locale.ROOT, " %.0f |", v.length == 0 ? Double.NaN : SteadyLoad.median(v)));
        }
        return b.append('\n').toString();
    }

    // ------------------------------------------------------------------ the process

    /** The charger-service Liberty server's JVM: {@code ... ws-server.jar charger-service ...}. */
    private static long chargerPid() {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains("ws-server.jar")
                && c.matches(".*ws-server\\.jar\\s+charger-service(\\s.*)?")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("no charger-service JVM found"));
    }

    /** VmRSS from /proc/pid/status, in kB. */
    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** utime + stime from /proc/pid/stat, in seconds (clock ticks of 100 Hz). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": state is field 3, utime 14, stime 15 → indexes 11 and 12 here
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static String jcmd(long pid, String... command) {
        List<String> cmd = new ArrayList<>(List.of("jcmd", String.valueOf(pid)));
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(60, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "jcmd failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static long pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0
                : sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
    }

    private static String stringArg(String[] args, String name, String def) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return def;
    }
}
