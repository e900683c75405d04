package org.evcharging.bpp.suite.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.evcharging.bpp.suite.LocalSuite;
import org.evcharging.bpp.suite.SuiteOptions;
import org.evcharging.bpp.suite.auth.DevTokens;
import org.evcharging.bpp.suite.bap.BapClient;
import org.evcharging.bpp.suite.routes.RouteTable;

/**
 * {@code ./bpp fuzz} ({@code java -jar local-suite.jar fuzz ...}): mutated, signed requests for every Beckn action and
 * mutated OCPP frames against a suite it starts itself, or against a running one ({@code --ingress}); then whether the
 * services lived through it, and the table. Exit code 0 when the run is clean, 1 when anything failed.
 */
public final class FuzzRun {

    /** What to send. */
    public record Options(long seed, int perAction, List<String> actions, int concurrency, int ocppPerAction,
            int ocppStations, Path out) {
    }

    /** Where to send it: the ingress, the BPP's id, the demo BAP, each service's own URL, charger-service's API. */
    public record Target(String ingressUrl, String bppId, BapClient bap, Map<String, String> serviceUrls,
            String chargerUrl, String operatorToken) {

        /** A suite of this JVM, fuzzed as {@code bap} (which must be the suite's demo BAP). */
        public static Target of(LocalSuite suite, BapClient bap) {
            Map<String, String> urls = new LinkedHashMap<>();
            for (String service : suite.routes().services().keySet()) {
                if (suite.isRunning(service)) {
                    urls.put(service, suite.serviceUrl(service));
                }
            }
            String charger = suite.isRunning("charger") ? suite.serviceUrl("charger") : null;
            return new Target(suite.ingressUrl(), suite.bppSubscriberId(), bap, urls, charger,
                    suite.tokens().operator());
        }
    }

    private FuzzRun() {
    }

    public static String usage() {
        return """
                       java -jar local-suite/target/local-suite.jar fuzz [options]     (./bpp fuzz ...)
                         --per-action N          mutated requests per Beckn action (default 1000)
                         --seed N                the mutations' seed (default 1): one seed, one run
                         --ingress URL           fuzz a running suite (./bpp up) instead of starting one
                         --work-dir DIR          that suite's state dir, for the demo BAP's keys (default <repo>/.suite)
                         --bpp-id ID             that suite's BPP id (default bpp.ev.localhost)
                         --charger-url URL       that suite's charger-service (default http://localhost:9086)
                         --actions a,b           Beckn actions (default: all ten)
                         --concurrency N         requests in flight (default 8)
                         --ocpp-per-action N     mutated CALLs per OCPP action and version (default: per-action / 10)
                         --ocpp-stations N       charge points per OCPP version (default 4)
                         --out DIR               the report and failing requests (default local-suite/target/fuzz)
                """;
    }

    /** The command; returns its exit code. */
    public static int main(String[] args, PrintStream out) throws Exception {
        Map<String, String> o = parse(args);
        int perAction = Integer.parseInt(o.getOrDefault("per-action", "1000"));
        Options options = new Options(Long.parseLong(o.getOrDefault("seed", "1")), perAction,
                o.containsKey("actions") ? Arrays.asList(o.get("actions").split(",")) : BecknFuzzer.ACTIONS,
                Integer.parseInt(o.getOrDefault("concurrency", "8")),
                Integer.parseInt(o.getOrDefault("ocpp-per-action", String.valueOf(Math.max(1, perAction / 10)))),
                Integer.parseInt(o.getOrDefault("ocpp-stations", "4")),
                Path.of(o.getOrDefault("out", "local-suite/target/fuzz")).toAbsolutePath());
        Files.createDirectories(options.out());
        String ingress = o.get("ingress");
        FuzzReport report;
        if (ingress == null) {
            out.println("starting a local suite for the fuzzer (two to four minutes)...");
            try (LocalSuite suite = LocalSuite.start(SuiteOptions.defaults().workDir(options.out().resolve("suite"))
                    .wipeWorkDir(true).ingressPort(0).dbPort(0).freeServicePorts(true)
                    .services(Set.of("catalog", "quote", "order", "payment", "support-rating", "charger")));
                    BapClient bap = BapClient.demo(suite, 0)) {
                report = fuzz(Target.of(suite, bap), options, out);
            }
        } else {
            Path workDir = Path.of(o.getOrDefault("work-dir", SuiteOptions.defaults().defaultWorkDir().toString()));
            try (BapClient bap = BapClient.demo(workDir, 0, ingress)) {
                Map<String, String> urls = new LinkedHashMap<>();
                try (InputStream in = FuzzRun.class.getResourceAsStream(RouteTable.CLASSPATH_RESOURCE)) {
                    RouteTable.parse(in).services().forEach((key, s) -> urls.put(key, "http://localhost:"
                            + s.localPort()));
                }
                String token = Files.exists(workDir.resolve("jwt-private.pem")) ? DevTokens.ensure(workDir).operator()
                        : null;
                Target target = new Target(ingress, o.getOrDefault("bpp-id", "bpp.ev.localhost"), bap, urls,
                        o.getOrDefault("charger-url", "http://localhost:9086"), token);
                report = fuzz(target, options, out);
            }
        }
        Files.writeString(options.out().resolve("report.txt"), report.print(), StandardCharsets.UTF_8);
        out.println("report written to " + options.out().resolve("report.txt"));
        return report.failures() == 0 ? 0 : 1;
    }

    /** Fuzzes the target and prints the table; the caller decides what a failure means. */
    public static FuzzReport fuzz(Target t, Options o, PrintStream out) throws IOException, InterruptedException {
        FuzzReport report = new FuzzReport();
        long t0 = System.nanoTime();
        report.header(String.format("fuzz run %s: seed %d, %d per Beckn action (%s), %d per OCPP action and version,"
                + " %d in flight; ingress %s%n", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                o.seed(), o.perAction(), String.join(",", o.actions()), o.ocppPerAction(), o.concurrency(),
                t.ingressUrl()));
        ServiceWatch watch = new ServiceWatch(t.serviceUrls());
        watch.before();
        BecknFuzzer beckn = new BecknFuzzer(t.bap(), t.ingressUrl(), t.bppId(), o.seed(), report,
                o.out().resolve("failing-requests"));
        if (o.perAction() > 0) {
            List<String> refused = beckn.checkSeeds(o.actions());
            refused.forEach(r -> report.example("seed not ACKed: " + r));
            if (!refused.isEmpty()) {
                report.service("(seeds)", refused.size() + " seed(s) not ACKed unmutated", true);
            }
            out.printf("Beckn: %d mutated requests per action, %d actions...%n", o.perAction(), o.actions().size());
            beckn.run(o.actions(), o.perAction(), o.concurrency());
            out.printf("Beckn: sent in %.1f s; waiting for the callbacks to settle...%n",
                    (System.nanoTime() - t0) / 1e9);
            beckn.awaitCallbacks(Duration.ofSeconds(5), Duration.ofSeconds(90));
        }
        if (o.ocppPerAction() > 0 && o.ocppStations() > 0) {
            if (t.chargerUrl() == null || t.operatorToken() == null) {
                out.println("OCPP: skipped (no charger-service, or no operator token in the work dir)");
            } else {
                OcppFuzzer ocpp = new OcppFuzzer(t.chargerUrl(), t.operatorToken(), o.seed(), report);
                String run = Long.toString(o.seed(), 36) + "-"
                        + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
                List<OcppFuzzer.Station> stations = ocpp.register(run, o.ocppStations());
                out.printf("OCPP: %d mutated CALLs per action and version, %d charge points per version...%n",
                        o.ocppPerAction(), o.ocppStations());
                ocpp.run(stations, o.ocppPerAction());
            }
        }
        watch.after(report);
        report.duration((System.nanoTime() - t0) / 1_000_000);
        out.println(report.print());
        return report;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("fuzz: unexpected argument " + a + "\n" + usage());
            }
            String name = a.substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) {
                o.put(name.substring(0, eq), name.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                o.put(name, args[++i]);
            } else {
                o.put(name, "true");
            }
        }
        return o;
    }

    /** {@code java -cp ... org.evcharging.bpp.suite.fuzz.FuzzRun --per-action 10000 --seed 7}. */
    public static void main(String[] args) throws Exception {
        int rc;
        try {
            rc = main(args, System.out);
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage());
            rc = 2;
        }
        System.exit(rc);
    }
}
