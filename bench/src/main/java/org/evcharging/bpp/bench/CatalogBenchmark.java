package org.evcharging.bpp.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import org.evcharging.bpp.suite.LocalSuite;
import org.evcharging.bpp.suite.SuiteOptions;
import org.evcharging.bpp.suite.bap.BapClient;

/**
 * Catalog discovery at scale: {@code search} → {@code on_search} delivered at the BAP (signed, verified), timed
 * from the BAP's send to the callback's arrival, first on a network of 1,000 EVSEs, then, in the same run, after
 * growing it to 100,000 EVSEs over 10,000 locations in four cities. The same search points are used in both
 * phases: random spots within about 11 km of a city centre, 5 km radius. Each phase searches until its rate is steady
 * ({@link SteadyLoad}) and is then measured in windows, with the CPU per search of each process.
 *
 * <pre>java -cp bench/target/bench.jar org.evcharging.bpp.bench.CatalogBenchmark [--providers 100]
 *     [--locations 100] [--small-providers 1] [--concurrency 1] [--window 10] [--agree 3] [--tolerance-pct 10]
 *     [--max-warmup 900] [--windows 6]</pre>
 */
public final class CatalogBenchmark {

    private CatalogBenchmark() {
    }

    private static final String SEARCH = "on_search";

    /** One phase: the network's size and the steady load's windows on it. */
    record Phase(long evses, SteadyLoad.Result load, double meanLocations, double meanBytes) {

        /** The median over the measured windows of each window's {@code q} quantile. */
        double p(double q) {
            return load.medianPercentileMillis(q);
        }
    }

    public static void main(String[] args) throws Exception {
        int providers = AckBenchmark.intArg(args, "--providers", 100);
        int locations = AckBenchmark.intArg(args, "--locations", 100);
        int small = AckBenchmark.intArg(args, "--small-providers", 1);
        SteadyLoad.Plan plan = SteadyLoad.Plan.of(args, 1, SEARCH);
        Path work = Path.of("bench/target/catalog-suite").toAbsolutePath();

        try (LocalSuite suite = LocalSuite.start(SuiteOptions.defaults().workDir(work).wipeWorkDir(true)
                .ingressPort(0).dbPort(0).freeServicePorts(true).services(java.util.Set.of("catalog"))
                .jvmArgs("-Xmx768m -Xlog:gc:file=" + work.resolve("catalog-gc.log")));
                BapClient bap = BapClient.demo(suite, 0)) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<String> points = points(2000, 42);
            System.out.println(plan.describe());

            double importSeconds = load(http, suite, 0, small, locations);
            Phase a = measure(plan, suite, bap, points);
            System.out.printf(Locale.ROOT, "phase 1: %d EVSEs (import %.1f s): p50 %.2f ms, p99 %.2f ms%n", a.evses(),
                    importSeconds, a.p(0.5), a.p(0.99));

            importSeconds = load(http, suite, small, providers, locations);
            settle(suite);
            Phase b = measure(plan, suite, bap, points);
            System.out.printf(Locale.ROOT, "phase 2: %d EVSEs (import %.1f s): p50 %.2f ms, p99 %.2f ms%n", b.evses(),
                    importSeconds, b.p(0.5), b.p(0.99));

            String report = report(plan, a, b, importSeconds, providers - small, args)
                    + AckBenchmark.serverSide(http, suite.serviceUrl("catalog"), "whole run");
            System.out.println(report);
            Files.createDirectories(Path.of("bench/target"));
            Files.writeString(Path.of("bench/target/catalog-benchmark.md"), report);
        }
    }

    /** Bulk-imports providers [from, to) through the onboarding API; returns the seconds it took. */
    private static double load(HttpClient http, LocalSuite suite, int from, int to, int locations) throws Exception {
        String token = suite.tokens().operator();
        long t0 = System.nanoTime();
        for (int p = from; p < to; p++) {
            ObjectNode network = SyntheticNetwork.provider(p, locations, 7);
            String id = network.at("/provider/id").asText();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create(suite.serviceUrl("catalog") + "/catalog/v1/providers/" + id + "/network"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofMinutes(5))
                    .PUT(HttpRequest.BodyPublishers.ofString(network.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("import of " + id + ": HTTP " + r.statusCode() + " " + r.body());
            }
            if ((p - from + 1) % 10 == 0) {
                System.out.printf("  imported %d/%d providers%n", p - from + 1, to - from);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * After a bulk load, as an operator would before opening the doors: refresh the optimizer's statistics and
     * let InnoDB write the loaded pages out (bounded to a minute), so the timings are of searching, not of the
     * load's aftermath.
     */
    private static void settle(LocalSuite suite) throws Exception {
        try (Connection db = suite.openDb("catalog"); Statement s = db.createStatement()) {
            s.execute("ANALYZE TABLE location, evse, connector, item, provider");
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'")) {
                    rs.next();
                    if (rs.getLong(2) < 100) {
                        break;
                    }
                }
                Thread.sleep(1000);
            }
        }
    }

    /**
     * Searches one at a time (or {@code --concurrency} at a time) from the points in turn until the rate is steady,
     * then measures: both phases are warmed the same way, so neither meets a colder JVM than the other.
     */
    private static Phase measure(SteadyLoad.Plan plan, LocalSuite suite, BapClient bap, List<String> points)
            throws Exception {
        long evses;
        try (Connection db = suite.openDb("catalog");
                Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM evse")) {
            rs.next();
            evses = rs.getLong(1);
        }
        AtomicInteger next = new AtomicInteger();
        DoubleAdder locations = new DoubleAdder();
        DoubleAdder bytes = new DoubleAdder();
        LongAdder answers = new LongAdder();
        SteadyLoad.Result r = SteadyLoad.run(plan, worker -> {
            String point = points.get(Math.floorMod(next.getAndIncrement(), points.size()));
            ObjectNode message = org.evcharging.bpp.suite.bap.BapCli.searchMessage(point, "5");
            BapClient.Sent sent = bap.send("search", message);
            try {
                BapClient.Callback cb = SteadyLoad.answered(bap, sent, "search");
                int n = 0;
                for (var p : cb.body().at("/message/catalog/providers")) {
                    n += p.path("locations").size();
                }
                locations.add(n);
                bytes.add(cb.rawBody().length);
                answers.increment();
                return SEARCH;
            } finally {
                bap.forgetTransaction(sent.transactionId());
            }
        });
        long n = Math.max(1, answers.sum());
        return new Phase(evses, r, locations.sum() / n, bytes.sum() / n);
    }

    /** Random points within ±0.1° of the city centres. */
    static List<String> points(int n, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] c = SyntheticNetwork.CITIES[i % SyntheticNetwork.CITIES.length];
            out.add(String.format(Locale.ROOT, "%.6f,%.6f", c[0] + (r.nextDouble() * 2 - 1) * 0.1,
                    c[1] + (r.nextDouble() * 2 - 1) * 0.1));
        }
        return out;
    }

    private static String report(SteadyLoad.Plan plan, Phase a, Phase b, double importSeconds,
            int importedProviders, String[] args) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Catalog benchmark, %s, 5 km radius, %d cores%n%n"
                + "command: `java -cp bench/target/bench.jar org.evcharging.bpp.bench.CatalogBenchmark%s`%n%s%n%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                args.length == 0 ? "" : " " + String.join(" ", args), plan.describe()));
        s.append("| network | searches/s | p50 ms | p90 ms | p99 ms | locations per on_search (mean) |"
                + " on_search bytes (mean) |\n");
        s.append("|---|---|---|---|---|---|---|\n");
        for (Phase p : List.of(a, b)) {
            s.append(String.format(Locale.ROOT, "| %,d EVSEs | %.1f | %.2f | %.2f | %.2f | %.1f | %,.0f |%n",
                    p.evses(), p.load().medianRate(), p.p(0.5), p.p(0.9), p.p(0.99), p.meanLocations(),
                    p.meanBytes()));
        }
        s.append("(latencies: the median over the measured windows of each window's quantile)\n");
        s.append(String.format(Locale.ROOT,
                "%np50 ratio (large / small) = %.2f (target <= 2); p99 at %,d EVSEs = %.2f ms (target <= 50)%n",
                b.p(0.5) / a.p(0.5), b.evses(), b.p(0.99)));
        s.append(String.format(Locale.ROOT, "bulk import of the second phase: %d providers in %.1f s (%,.0f EVSEs/s)%n",
                importedProviders, importSeconds, (b.evses() - a.evses()) / importSeconds));
        for (Phase p : List.of(a, b)) {
            s.append(String.format(Locale.ROOT, "%n#### %,d EVSEs%n%n", p.evses())).append(p.load().windows())
                    .append('\n').append(p.load().cpu());
        }
        return s.toString();
    }
}
