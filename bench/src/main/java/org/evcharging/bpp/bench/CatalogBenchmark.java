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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.evcharging.bpp.suite.LocalSuite;
import org.evcharging.bpp.suite.SuiteOptions;
import org.evcharging.bpp.suite.bap.BapClient;

/**
 * Catalog discovery at scale: {@code search} → {@code on_search} delivered at the BAP (signed, verified), timed
 * from the BAP's send to the callback's arrival, first on a network of 1,000 EVSEs, then, in the same run, after
 * growing it to 100,000 EVSEs over 10,000 locations in four cities. The same search points are used in both
 * phases: random spots within about 11 km of a city centre, 5 km radius.
 *
 * <pre>java -cp bench/target/bench.jar org.evcharging.bpp.bench.CatalogBenchmark [--providers 100]
 *     [--locations 100] [--small-providers 1] [--searches 300] [--warmup 100]</pre>
 */
public final class CatalogBenchmark {

    private CatalogBenchmark() {
    }

    record Phase(long evses, long[] latenciesNanos, double meanLocations, double meanBytes) {

        double p(double q) {
            return AckBenchmark.percentileMillis(latenciesNanos, q);
        }
    }

    public static void main(String[] args) throws Exception {
        int providers = AckBenchmark.intArg(args, "--providers", 100);
        int locations = AckBenchmark.intArg(args, "--locations", 100);
        int small = AckBenchmark.intArg(args, "--small-providers", 1);
        int searches = AckBenchmark.intArg(args, "--searches", 300);
        int warmup = AckBenchmark.intArg(args, "--warmup", 100);
        Path work = Path.of("bench/target/catalog-suite").toAbsolutePath();

        try (LocalSuite suite = LocalSuite.start(SuiteOptions.defaults().workDir(work).wipeWorkDir(true)
                .ingressPort(0).dbPort(0).freeServicePorts(true).services(java.util.Set.of("catalog"))
                .jvmArgs("-Xmx768m -Xlog:gc:file=" + work.resolve("catalog-gc.log")));
                BapClient bap = BapClient.demo(suite, 0)) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<String> points = points(searches + warmup, 42);

            double importSeconds = load(http, suite, 0, small, locations);
            Phase a = measure(suite, bap, points, warmup);
            System.out.printf(Locale.ROOT, "phase 1: %d EVSEs (import %.1f s): p50 %.2f ms, p99 %.2f ms%n", a.evses(),
                    importSeconds, a.p(0.5), a.p(0.99));

            importSeconds = load(http, suite, small, providers, locations);
            settle(suite);
            Phase b = measure(suite, bap, points, warmup);
            System.out.printf(Locale.ROOT, "phase 2: %d EVSEs (import %.1f s): p50 %.2f ms, p99 %.2f ms%n", b.evses(),
                    importSeconds, b.p(0.5), b.p(0.99));

            String report = report(a, b, searches, importSeconds, providers - small)
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

    private static Phase measure(LocalSuite suite, BapClient bap, List<String> points, int warmup) throws Exception {
        long evses;
        try (Connection db = suite.openDb("catalog");
                Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM evse")) {
            rs.next();
            evses = rs.getLong(1);
        }
        long[] lat = new long[points.size() - warmup];
        double locations = 0;
        double bytes = 0;
        for (int i = 0; i < points.size(); i++) {
            ObjectNode message = org.evcharging.bpp.suite.bap.BapCli.searchMessage(points.get(i), "5");
            long t0 = System.nanoTime();
            BapClient.Sent sent = bap.send("search", message);
            if (!sent.acked()) {
                throw new IllegalStateException("search not ACKed: " + sent.body());
            }
            BapClient.Callback cb = bap.awaitCallback(sent.messageId(), "on_search", Duration.ofSeconds(30));
            long took = System.nanoTime() - t0;
            if (!cb.verified()) {
                throw new IllegalStateException("on_search not verified: " + cb.verificationError());
            }
            if (i >= warmup) {
                lat[i - warmup] = took;
                int n = 0;
                for (var p : cb.body().at("/message/catalog/providers")) {
                    n += p.path("locations").size();
                }
                locations += n;
                bytes += cb.rawBody().length;
            }
            bap.clearCallbacks();
        }
        Arrays.sort(lat);
        return new Phase(evses, lat, locations / lat.length, bytes / lat.length);
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

    private static String report(Phase a, Phase b, int searches, double importSeconds, int importedProviders) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT,
                "Catalog benchmark, %s, %d searches per phase (after warm-up), one at a time, 5 km radius%n%n",
                LocalDate.now(), searches));
        s.append(
                "| network | p50 ms | p90 ms | p99 ms | max ms | locations per on_search (mean) | on_search bytes (mean) |\n");
        s.append("|---|---|---|---|---|---|---|\n");
        for (Phase p : List.of(a, b)) {
            s.append(String.format(Locale.ROOT, "| %,d EVSEs | %.2f | %.2f | %.2f | %.2f | %.1f | %,.0f |%n", p.evses(),
                    p.p(0.5),
                    p.p(0.9), p.p(0.99), p.p(1.0), p.meanLocations(), p.meanBytes()));
        }
        s.append(String.format(Locale.ROOT,
                "%np50 ratio (large / small) = %.2f (target <= 2); p99 at %,d EVSEs = %.2f ms (target <= 50)%n",
                b.p(0.5) / a.p(0.5), b.evses(), b.p(0.99)));
        s.append(String.format(Locale.ROOT, "bulk import of the second phase: %d providers in %.1f s (%,.0f EVSEs/s)%n",
                importedProviders, importSeconds, (b.evses() - a.evses()) / importSeconds));
        return s.toString();
    }
}
