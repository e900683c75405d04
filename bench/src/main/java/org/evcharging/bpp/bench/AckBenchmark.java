package org.evcharging.bpp.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.evcharging.bpp.suite.LocalSuite;
import org.evcharging.bpp.suite.SuiteOptions;
import org.evcharging.bpp.suite.bap.BapClient;

/**
 * The ACK benchmark of the foundation issue: signed {@code search} requests ACKed through the local ingress
 * (signature check, registry cache, schema validation, context checks, inbox insert in MariaDB, ACK) versus a bare
 * {@code /echo} on the same Liberty, through the same ingress, with the same signed body. Rounds alternate echo and
 * search; medians are reported. One run has two parts, on the same two cores:
 * <ol>
 * <li><b>the door alone</b>: catalog-service runs with {@code beckn.inbound.answering=false}, so it stores and ACKs
 *     every search but answers none while the rounds run. Then it is restarted with answering on, and the run waits
 *     until the BAP has received and verified an {@code on_search} for every search that was ACKed (their ttl is
 *     long enough): stored, not lost, answered after a restart.</li>
 * <li><b>the whole path</b>: the same rounds while every search is also answered: handled, its {@code on_search}
 *     written to the outbox, signed, delivered and verified by the BAP, all on the same cores as the ACKs.</li>
 * </ol>
 *
 * <pre>java -jar bench/target/bench.jar [--rounds 3] [--seconds 10] [--max-warmup 900] [--concurrency 16]
 *     [--part both|whole] [--only search|echo] [--service-jvm-args "-Xmx384m -agentpath:..."]</pre>
 * {@code --part whole} runs only the second part (for a before/after of the answering path); {@code --only} and {@code --service-jvm-args} are for profiling one side (e.g. with async-profiler loaded as an
 * agent into the service's JVM) with answering on; the reported ratios need both sides.
 */
public final class AckBenchmark {

    /** The searches' ttl: long enough that those ACKed while answering is held are still due when it resumes. */
    private static final String SEARCH_TTL = "PT30M";
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(25);

    /**
     * One round: requests sent for {@code seconds}; in the whole path, then the wait until every search ACKed in it
     * was answered ({@code drainSeconds}), so that a round's answers are not left to the next. Its throughput and
     * cores cover both: searches answered and delivered per second of the whole round.
     */
    private record Round(String target, long requests, long errors, double seconds, double drainSeconds,
            long[] latenciesNanos, java.util.Map<String, Double> cores) {

        double throughput() {
            return requests / (seconds + drainSeconds);
        }

        double percentileMillis(double p) {
            return AckBenchmark.percentileMillis(latenciesNanos, p);
        }
    }

    /**
     * The searches ACKed and not yet answered with a verified {@code on_search}. It keeps the outstanding ids, not
     * every id ever seen, so checking for answers costs nothing while the drain loop polls it; an answer may arrive
     * before its ACK is recorded, so such early answers are parked until the ACK comes.
     */
    private static final class Ledger {

        private final Set<String> pending = new HashSet<>();
        private final Set<String> early = new HashSet<>();
        private long acked;
        long unverified;

        synchronized void acked(String id) {
            acked++;
            if (!early.remove(id)) {
                pending.add(id);
            }
        }

        void collect(BapClient bap) {
            for (BapClient.Callback c : bap.takeCallbacks()) {
                if (!c.verified()) {
                    unverified++;
                } else if ("on_search".equals(c.action())) {
                    answered(c.messageId());
                }
            }
        }

        private synchronized void answered(String id) {
            if (!pending.remove(id)) {
                early.add(id); // its ACK is still being recorded, or a redelivery (at-least-once)
            }
        }

        synchronized long acked() {
            return acked;
        }

        synchronized long unanswered() {
            return pending.size();
        }
    }

    public static void main(String[] args) throws Exception {
        int rounds = intArg(args, "--rounds", 3);
        int seconds = intArg(args, "--seconds", 10);
        Duration maxWarmup = Duration.ofSeconds(intArg(args, "--max-warmup", 900));
        int concurrency = intArg(args, "--concurrency", 16);
        Path work = Path.of("bench/target/suite").toAbsolutePath();
        String only = stringArg(args, "--only", null);
        String serviceJvmArgs = stringArg(args, "--service-jvm-args", "-Xmx384m");
        boolean wholeOnly = "whole".equals(stringArg(args, "--part", "both"));
        String heldJvmArgs = serviceJvmArgs + " -Dbeckn.inbound.answering=false";

        try (LocalSuite suite = LocalSuite.start(SuiteOptions.defaults().workDir(work).wipeWorkDir(true)
                .ingressPort(0).dbPort(0).freeServicePorts(true).services(Set.of("catalog"))
                .jvmArgs(only != null || wholeOnly ? serviceJvmArgs : heldJvmArgs));
                BapClient bap = BapClient.demo(suite, 0)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            Ledger ledger = new Ledger();
            if (only != null) {
                System.out.printf("%s only, %d s...%n", only, rounds * seconds);
                Round r = run(http, bap, suite, only, rounds * seconds, concurrency, ledger, false);
                System.out.printf("%s: %.0f req/s, p50 %.2f ms, p99 %.2f ms%n", only, r.throughput(),
                        r.percentileMillis(0.5), r.percentileMillis(0.99));
                return;
            }
            String doorPart = "";
            if (!wholeOnly) {
                System.out.println("part 1, the door alone: catalog-service stores and ACKs, answering held");
                List<List<Round>> door = rounds(http, bap, suite, rounds, seconds, maxWarmup, concurrency, ledger,
                        false);
                String drained = release(suite, bap, ledger, serviceJvmArgs);
                System.out.println(drained);
                doorPart = "\n### The door alone (answering held while measuring)\n\n"
                        + report(door.get(0), door.get(1), "a diagnostic: the old target of 0.5 is retired")
                        + "\n" + drained + "\n";
            }
            System.out.println("part 2, the whole path: every search is also answered, on the same cores");
            List<List<Round>> whole = rounds(http, bap, suite, rounds, seconds, maxWarmup, concurrency, ledger,
                    true);
            String report = header(args, rounds, seconds, concurrency) + doorPart
                    + "\n### The whole path (every search also answered meanwhile)\n\n"
                    + report(whole.get(0), whole.get(1), "target >= 0.25: searches answered and delivered")
                    + callbacksSeen(bap, ledger)
                    + serverSide(http, suite.serviceUrl("catalog"),
                            "since its restart: the answers to part 1 and all of part 2");
            System.out.println(report);
            Files.createDirectories(Path.of("bench/target"));
            Files.writeString(Path.of("bench/target/ack-benchmark.md"), report);
        }
    }

    /**
     * Warm-up until steady (three consecutive pairs of rounds whose search and echo rates each agree within 10 % and in
     * each of which the JIT compilers used at most 5 % of the cores, at most {@code maxWarmup}), then {@code rounds} pairs of echo and search rounds: [echo rounds, search rounds]. With
     * {@code drain}, each search round waits for the answers to its searches before the next round starts.
     */
    private static List<List<Round>> rounds(HttpClient http, BapClient bap, LocalSuite suite, int rounds, int seconds,
            Duration maxWarmup, int concurrency, Ledger ledger, boolean drain) throws InterruptedException {
        List<double[]> warm = new ArrayList<>();
        long warmupEnds = System.nanoTime() + maxWarmup.toNanos();
        boolean steady = false;
        while (!steady && System.nanoTime() < warmupEnds) {
            CpuShares cpu = CpuShares.start();
            Round s = run(http, bap, suite, "search", seconds, concurrency, ledger, drain);
            Round e = run(http, bap, suite, "echo", seconds, concurrency, ledger, false);
            double jit = CpuShares.jitShare(cpu.coresUsed(), cpu.jitCoresUsed());
            warm.add(new double[] {s.throughput(), e.throughput(), jit});
            System.out.printf(Locale.ROOT, "warm-up pair %d: search %.0f/s, echo %.0f/s, JIT %.0f %% of the cores%n",
                    warm.size(), s.throughput(), e.throughput(), 100 * jit);
            List<double[]> last = warm.subList(Math.max(0, warm.size() - 3), warm.size());
            // the rates alone once looked steady while C2 still took 16 % of catalog-service's CPU
            steady = warm.size() >= 3 && agree(last, 0) && agree(last, 1)
                    && last.stream().allMatch(p -> p[2] <= MAX_JIT_SHARE);
        }
        System.out.println(steady ? "steady after " + warm.size() + " pairs of rounds"
                : "NOT STEADY after " + warm.size() + " pairs of rounds: the rounds below are not steady-state");
        List<Round> echo = new ArrayList<>();
        List<Round> search = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            echo.add(run(http, bap, suite, "echo", seconds, concurrency, ledger, false));
            search.add(run(http, bap, suite, "search", seconds, concurrency, ledger, drain));
            System.out.printf(
                    "round %d: echo %.0f req/s, search %.0f req/s%n    echo cores: %s%n    search cores: %s%n",
                    r, echo.get(r - 1).throughput(), search.get(r - 1).throughput(),
                    CpuShares.format(echo.get(r - 1).cores()), CpuShares.format(search.get(r - 1).cores()));
        }
        return List.of(echo, search);
    }

    /** At most this share of the cores used by the JIT compilers of the run's JVMs in a steady pair of rounds. */
    private static final double MAX_JIT_SHARE = 0.05;

    /** The values at {@code index} of the pairs lie within 10 % of their mean. */
    private static boolean agree(List<double[]> pairs, int index) {
        double mean = pairs.stream().mapToDouble(p -> p[index]).average().orElse(0);
        return mean > 0 && pairs.stream().allMatch(p -> Math.abs(p[index] - mean) <= 0.1 * mean);
    }

    /**
     * Restarts catalog-service with answering on and waits until every search ACKed so far has its verified
     * {@code on_search} at the BAP; says how long that took.
     */
    private static String release(LocalSuite suite, BapClient bap, Ledger ledger, String serviceJvmArgs)
            throws InterruptedException {
        ledger.collect(bap);
        long waiting = ledger.unanswered();
        System.out.printf("restarting catalog-service with answering on; %d ACKed searches wait for their answer%n",
                waiting);
        long t0 = System.nanoTime();
        suite.control().restartWith("catalog", Map.of("JVM_ARGS", serviceJvmArgs));
        double restarted = (System.nanoTime() - t0) / 1e9;
        long left = waiting;
        while (left > 0 && System.nanoTime() - t0 < DRAIN_LIMIT.toNanos()) {
            Thread.sleep(2_000);
            ledger.collect(bap);
            left = ledger.unanswered();
        }
        double took = (System.nanoTime() - t0) / 1e9;
        return left == 0
                ? String.format(Locale.ROOT, "All %d searches ACKed while answering was held were answered after the"
                        + " restart, each on_search verified by the BAP: %.0f s in all (restart %.0f s, then %.0f"
                        + " answers/s).", waiting, took, restarted, waiting / Math.max(1e-9, took - restarted))
                : String.format(Locale.ROOT, "NOT ALL ANSWERED: %d of %d searches ACKed while answering was held had"
                        + " no verified on_search %.0f s after the restart.", left, waiting, took);
    }

    private static String callbacksSeen(BapClient bap, Ledger ledger) {
        ledger.collect(bap);
        return String.format(Locale.ROOT, "%nWhole run: %d searches ACKed, %d answered with a verified on_search by the"
                + " end of the measuring (the rest are still on their way), %d callbacks failed verification.%n",
                ledger.acked(), ledger.acked() - ledger.unanswered(), ledger.unverified);
    }

    private static Round run(HttpClient http, BapClient bap, LocalSuite suite, String target, int seconds,
            int concurrency, Ledger ledger, boolean drain) throws InterruptedException {
        URI uri = URI.create(suite.ingressUrl() + "/" + target);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong errors = new AtomicLong();
        List<long[]> perThread = new ArrayList<>();
        long[] counts = new long[concurrency];
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int t = 0; t < concurrency; t++) {
            long[] lat = new long[2_000_000 / concurrency];
            perThread.add(lat);
            int idx = t;
            Thread worker = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        String id = UUID.randomUUID().toString();
                        byte[] body = searchBody(bap, id);
                        HttpRequest request = HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .header("Authorization", bap.authorizationFor(body))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            long took = System.nanoTime() - t0;
                            if (response.statusCode() != 200) {
                                errors.incrementAndGet();
                            } else {
                                if (counts[idx] < lat.length) {
                                    lat[(int) counts[idx]] = took;
                                    counts[idx]++;
                                }
                                if ("search".equals(target)) {
                                    ledger.acked(id);
                                }
                            }
                        } catch (IOException e) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "bench-" + target + "-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        long start = System.nanoTime();
        CpuShares cpu = CpuShares.start();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        double drained = 0;
        if (drain) {
            long d0 = System.nanoTime();
            ledger.collect(bap);
            while (ledger.unanswered() > 0 && System.nanoTime() - d0 < DRAIN_LIMIT.toNanos()) {
                Thread.sleep(50);
                ledger.collect(bap);
            }
            drained = (System.nanoTime() - d0) / 1e9;
        }
        java.util.Map<String, Double> cores = cpu.coresUsed();
        long total = Arrays.stream(counts).sum();
        long[] all = new long[(int) total];
        int k = 0;
        for (int t = 0; t < concurrency; t++) {
            System.arraycopy(perThread.get(t), 0, all, k, (int) counts[t]);
            k += (int) counts[t];
        }
        Arrays.sort(all);
        ledger.collect(bap);
        return new Round(target, total, errors.get(), elapsed, drained, all, cores);
    }

    private static byte[] searchBody(BapClient bap, String id) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("context", bap.context("search", id, id).put("ttl", SEARCH_TTL));
        ObjectNode stop = body.putObject("message").putObject("intent").putObject("fulfillment").putArray("stops")
                .addObject();
        stop.putObject("location").put("gps", "12.9716,77.5946").putObject("circle").put("gps", "12.9716,77.5946")
                .putObject("radius").put("type", "CONSTANT").put("value", "5").put("unit", "km");
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String header(String[] args, int rounds, int seconds, int concurrency) {
        return String.format(Locale.ROOT,
                "ACK benchmark, %s UTC, %d rounds x %d s per part, %d concurrent clients, %d cores%n"
                        + "command: `java -jar bench/target/bench.jar%s`%n",
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES), rounds, seconds,
                concurrency, Runtime.getRuntime().availableProcessors(),
                Arrays.stream(args).map(a -> " " + (a.contains(" ") ? "\"" + a + "\"" : a))
                        .collect(java.util.stream.Collectors.joining()));
    }

    private static String report(List<Round> echo, List<Round> search, String target) {
        double echoTp = SteadyLoad.median(echo.stream().mapToDouble(Round::throughput).toArray());
        double searchTp = SteadyLoad.median(search.stream().mapToDouble(Round::throughput).toArray());
        StringBuilder sb = new StringBuilder();
        sb.append("| target (through the local ingress) | req/s (median of rounds) | p50 ms | p99 ms | non-200 |\n");
        sb.append("|---|---|---|---|---|\n");
        for (List<Round> list : List.of(echo, search)) {
            sb.append(String.format(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %d |%n",
                    list.get(0).target().equals("echo") ? "bare `/echo` on the same Liberty" : "signed `search` → ACK",
                    SteadyLoad.median(list.stream().mapToDouble(Round::throughput).toArray()),
                    SteadyLoad.median(list.stream().mapToDouble(r -> r.percentileMillis(0.50)).toArray()),
                    SteadyLoad.median(list.stream().mapToDouble(r -> r.percentileMillis(0.99)).toArray()),
                    list.stream().mapToLong(Round::errors).sum()));
        }
        sb.append(String.format(Locale.ROOT, "%nratio search/echo = %.2f (%s)%n", searchTp / echoTp, target));
        sb.append("CPU ms per request, median of the rounds: echo [").append(cpuPerRequest(echo))
                .append("]; search [").append(cpuPerRequest(search)).append("]\n");
        sb.append("per round (echo, search req/s): ");
        for (int i = 0; i < echo.size(); i++) {
            sb.append(
                    String.format(Locale.ROOT, "(%.0f, %.0f) ", echo.get(i).throughput(), search.get(i).throughput()));
        }
        sb.append('\n');
        for (int i = 0; i < echo.size(); i++) {
            sb.append(String.format(Locale.ROOT, "round %d cores: echo [%s]; search [%s]%n", i + 1,
                    CpuShares.format(echo.get(i).cores()), CpuShares.format(search.get(i).cores())));
        }
        return sb.toString();
    }

    /** Each process's CPU milliseconds per request (median over the rounds), and their sum. */
    private static String cpuPerRequest(List<Round> rounds) {
        java.util.Map<String, List<Double>> perProcess = new java.util.LinkedHashMap<>();
        List<Double> totals = new ArrayList<>();
        for (Round r : rounds) {
            double total = 0;
            for (var e : r.cores().entrySet()) {
                double ms = e.getValue() * (r.seconds() + r.drainSeconds()) * 1000 / Math.max(1, r.requests());
                perProcess.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(ms);
                total += ms;
            }
            totals.add(total);
        }
        StringBuilder sb = new StringBuilder();
        perProcess.forEach((p, v) -> sb.append(String.format(Locale.ROOT, "%s %.2f, ", p,
                SteadyLoad.median(v.stream().mapToDouble(Double::doubleValue).toArray()))));
        return sb.append(String.format(Locale.ROOT, "all %.2f",
                SteadyLoad.median(totals.stream().mapToDouble(Double::doubleValue).toArray()))).toString();
    }

    /** The service's own view from /metrics: time from request to ACK inside Liberty, and callback delivery. */
    static String serverSide(HttpClient http, String serviceUrl, String covering) {
        try {
            String metrics = http
                    .send(HttpRequest.newBuilder(URI.create(serviceUrl + "/metrics?scope=application")).GET()
                            .build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            StringBuilder sb = new StringBuilder("\nserver side (catalog-service /metrics, " + covering + "):\n");
            metrics.lines().filter(l -> l.startsWith("beckn_") && !l.contains("_max")
                    && (l.contains("quantile") || l.contains("_count") || l.contains("_sum")))
                    .forEach(l -> sb.append("    ").append(l).append('\n'));
            return sb.toString();
        } catch (IOException | InterruptedException e) {
            return "\n(server-side metrics unavailable: " + e + ")\n";
        }
    }

    static String stringArg(String[] args, String name, String def) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return def;
    }

    /** The {@code q} quantile (nearest rank) of sorted nanosecond latencies, in milliseconds; NaN when empty. */
    static double percentileMillis(long[] sortedNanos, double q) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(q * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, i)] / 1e6;
    }

    static int intArg(String[] args, String name, int def) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return def;
    }
}
