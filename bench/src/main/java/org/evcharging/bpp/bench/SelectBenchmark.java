package org.evcharging.bpp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.evcharging.bpp.suite.LocalSuite;
import org.evcharging.bpp.suite.SuiteOptions;
import org.evcharging.bpp.suite.bap.BapClient;
import org.evcharging.bpp.suite.bap.BookingFlow;

/**
 * {@code select} → {@code on_select} delivered at the BAP at steady state, with catalog-service on the path (the quote
 * service fetches the offer for every select) and order-service (it says which slots of the charger other orders
 * have). The selects vary: six connectors of Chargezone, 2-20 kWh, and a slot among 16 half-hours per connector, half
 * of which are booked before the load starts (a select for one of those is answered with the slot taken); a quarter
 * of the selects ask for no slot. Reports the rate and latencies at the BAP per window, the CPU per select of each
 * process and, from quote-service's metrics, the time of the catalog call and of the whole handling.
 *
 * <pre>java -cp bench/target/bench.jar org.evcharging.bpp.bench.SelectBenchmark [--concurrency 1] [--window 10]
 *     [--agree 3] [--tolerance-pct 10] [--max-warmup 900] [--windows 6] [--service-jvm-args "-Xmx384m"]</pre>
 */
public final class SelectBenchmark {

    private static final List<String> CONNECTORS = List.of("cz-mg-1-ccs2", "cz-mg-2-chademo", "cz-mg-3-type2",
            "cz-in-1-ccs2", "cz-in-2-type2", "cz-wf-1-ccs2");
    private static final int SLOTS = 16;
    private static final String ANSWERED = "on_select";
    private static final BookingFlow.Billing BILLING = new BookingFlow.Billing("Bench User", "bench@example.com",
            "+91-9000000000");

    private SelectBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        SteadyLoad.Plan plan = SteadyLoad.Plan.of(args, 1, ANSWERED);
        Path work = Path.of("bench/target/select-suite").toAbsolutePath();
        try (LocalSuite suite = LocalSuite.start(SuiteOptions.defaults().workDir(work).wipeWorkDir(true)
                .jvmArgs(AckBenchmark.stringArg(args, "--service-jvm-args", "-Xmx384m"))
                .ingressPort(0).dbPort(0).freeServicePorts(true)
                .services(java.util.Set.of("catalog", "quote", "order", "payment")));
                BapClient bap = BapClient.demo(suite, 0)) {
            OffsetDateTime base = OffsetDateTime.now(ZoneOffset.ofHoursMinutes(5, 30)).plusDays(2)
                    .truncatedTo(ChronoUnit.DAYS);
            int booked = book(bap, base);
            System.out.printf("%d slots booked before the load%n", booked);
            System.out.println(plan.describe());
            LongAdder taken = new LongAdder();
            SteadyLoad.Result r = SteadyLoad.run(plan, worker -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                OffsetDateTime start = base.plusMinutes(30L * random.nextInt(SLOTS));
                boolean anySlot = random.nextInt(4) == 0;
                BookingFlow.Choice c = new BookingFlow.Choice("chargezone.in", "pe-charging-01",
                        String.valueOf(2 + random.nextInt(19)), null,
                        CONNECTORS.get(random.nextInt(CONNECTORS.size())), anySlot ? null : start,
                        anySlot ? null : start.plusMinutes(30), random.nextBoolean(), List.of(), null);
                BapClient.Sent sent = bap.send("select", BookingFlow.selectMessage(c));
                try {
                    BapClient.Callback cb = SteadyLoad.answered(bap, sent, "select");
                    JsonNode error = cb.body().path("error");
                    if (!error.isMissingNode() && !error.isNull()) {
                        if (!"30008".equals(error.path("code").asText())) {
                            throw new IllegalStateException("on_select with an error: " + error);
                        }
                        taken.increment();
                    }
                    return ANSWERED;
                } finally {
                    bap.forgetTransaction(sent.transactionId());
                }
            });
            HttpClient http = HttpClient.newHttpClient();
            String metrics = http
                    .send(HttpRequest.newBuilder(URI.create(suite.serviceUrl("quote") + "/metrics?scope=application"))
                            .build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            double catalogP50 = quantile(metrics, "quote_catalog_call_seconds", "0.5") * 1000;
            double handleP50 = quantile(metrics, "beckn_handle_seconds{action=\"select\"", "0.5") * 1000;
            double p50 = r.medianPercentileMillis(0.5);
            String report = String.format(Locale.ROOT,
                    """
                            Select benchmark, %s, Chargezone with the demo tariff, %d cores

                            command: `java -cp bench/target/bench.jar org.evcharging.bpp.bench.SelectBenchmark%s`
                            %s; %d of %d slots booked beforehand

                            | at the BAP | selects/s | p50 ms | p90 ms | p99 ms |
                            |---|---|---|---|---|
                            | select -> on_select | %.1f | %.2f | %.2f | %.2f |

                            (latencies: the median over the measured windows of each window's quantile; %d selects
                            measured; %d of all selects were answered that the slot is taken; %d failed)

                            quote-service (whole run): handling p50 %.2f ms (p99 %.2f), of which the catalog call p50
                            %.2f ms (p99 %.2f); the catalog call is %.0f %% of the median select at the BAP

                            """,
                    LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                    args.length == 0 ? "" : " " + String.join(" ", args), plan.describe(), booked,
                    CONNECTORS.size() * SLOTS, r.medianRate(), p50, r.medianPercentileMillis(0.9),
                    r.medianPercentileMillis(0.99), r.total(ANSWERED), taken.sum(), r.failed(), handleP50,
                    quantile(metrics, "beckn_handle_seconds{action=\"select\"", "0.99") * 1000, catalogP50,
                    quantile(metrics, "quote_catalog_call_seconds", "0.99") * 1000, 100 * catalogP50 / p50)
                    + r.windows() + "\n" + r.cpu();
            r.failures().stream().limit(5).forEach(f -> System.out.println("failure: " + f));
            System.out.println(report);
            Files.createDirectories(Path.of("bench/target"));
            Files.writeString(Path.of("bench/target/select-benchmark.md"), report);
        }
    }

    /** Books every other (connector, slot) of the grid, so that selects meet slots that other orders have. */
    private static int book(BapClient bap, OffsetDateTime base) throws Exception {
        BookingFlow flow = new BookingFlow(bap, Duration.ofSeconds(60));
        int booked = 0;
        for (int k = 0; k < CONNECTORS.size(); k++) {
            for (int slot = k % 2; slot < SLOTS; slot += 2) {
                OffsetDateTime start = base.plusMinutes(30L * slot);
                BookingFlow.Booking b = flow.book(new BookingFlow.Choice("chargezone.in", "pe-charging-01", "4", null,
                        CONNECTORS.get(k), start, start.plusMinutes(30), true, List.of(), null), BILLING);
                if (!b.confirmed()) {
                    throw new IllegalStateException("booking " + CONNECTORS.get(k) + " at " + start + " failed: "
                            + (b.confirm() != null ? b.confirm().outcome()
                                    : b.init() != null ? b.init().outcome() : b.select().outcome()));
                }
                booked++;
                flow.forget(b.transactionId());
                bap.forgetTransaction(b.transactionId());
            }
        }
        return booked;
    }

    /** A quantile of a Prometheus summary line starting with {@code prefix}, in seconds (NaN when absent). */
    private static double quantile(String metrics, String prefix, String q) {
        return metrics.lines().filter(l -> l.startsWith(prefix) && l.contains("quantile=\"" + q + "\""))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(Double.NaN);
    }
}
