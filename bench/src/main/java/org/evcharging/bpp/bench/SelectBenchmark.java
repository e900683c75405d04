package org.evcharging.bpp.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import org.evcharging.bpp.suite.LocalSuite;
import org.evcharging.bpp.suite.SuiteOptions;
import org.evcharging.bpp.suite.bap.BapClient;

/**
 * {@code select} → {@code on_select} delivered at the BAP, one at a time, with catalog-service on the path (the
 * quote service fetches the offer for every select), on the demo network with Chargezone's demo tariff. Reports
 * p50/p99 at the BAP and, from quote-service's metrics, the time of the catalog call and of the whole handling.
 *
 * <pre>java -cp bench/target/bench.jar org.evcharging.bpp.bench.SelectBenchmark [--selects 500] [--warmup 300]</pre>
 */
public final class SelectBenchmark {

    private SelectBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int selects = AckBenchmark.intArg(args, "--selects", 500);
        int warmup = AckBenchmark.intArg(args, "--warmup", 300);
        Path work = Path.of("bench/target/select-suite").toAbsolutePath();
        try (LocalSuite suite = LocalSuite.start(SuiteOptions.defaults().workDir(work).wipeWorkDir(true)
                .jvmArgs("-Xmx384m")
                .ingressPort(0).dbPort(0).freeServicePorts(true).services(java.util.Set.of("catalog", "quote")));
                BapClient bap = BapClient.demo(suite, 0)) {
            long[] lat = new long[selects];
            for (int i = 0; i < warmup + selects; i++) {
                long t0 = System.nanoTime();
                BapClient.Sent sent = bap.send("select", select());
                if (!sent.acked()) {
                    throw new IllegalStateException("select not ACKed: " + sent.body());
                }
                BapClient.Callback cb = bap.awaitCallback(sent.messageId(), "on_select", Duration.ofSeconds(30));
                long took = System.nanoTime() - t0;
                if (!cb.verified() || !cb.body().path("error").isMissingNode()) {
                    throw new IllegalStateException("bad on_select: " + cb.body());
                }
                if (i >= warmup) {
                    lat[i - warmup] = took;
                }
                bap.clearCallbacks();
            }
            Arrays.sort(lat);
            HttpClient http = HttpClient.newHttpClient();
            String metrics = http
                    .send(HttpRequest.newBuilder(URI.create(suite.serviceUrl("quote") + "/metrics?scope=application"))
                            .build(), HttpResponse.BodyHandlers.ofString())
                    .body();
            double catalogP50 = quantile(metrics, "quote_catalog_call_seconds", "0.5") * 1000;
            double handleP50 = quantile(metrics, "beckn_handle_seconds{action=\"select\"", "0.5") * 1000;
            double p50 = p(lat, 0.5);
            String report = String.format(Locale.ROOT,
                    """
                            Select benchmark, %s, %d selects (after %d warm-up), one at a time, Chargezone 4 kWh DC with the demo tariff

                            | at the BAP | p50 ms | p90 ms | p99 ms | max ms |
                            |---|---|---|---|---|
                            | select -> on_select | %.2f | %.2f | %.2f | %.2f |

                            quote-service: handling p50 %.2f ms (p99 %.2f), of which the catalog call p50 %.2f ms (p99 %.2f);
                            the catalog call is %.0f %% of the median select at the BAP
                            """,
                    LocalDate.now(), selects, warmup, p50, p(lat, 0.9), p(lat, 0.99), p(lat, 1.0),
                    handleP50, quantile(metrics, "beckn_handle_seconds{action=\"select\"", "0.99") * 1000,
                    catalogP50, quantile(metrics, "quote_catalog_call_seconds", "0.99") * 1000, 100 * catalogP50 / p50);
            System.out.println(report);
            Files.createDirectories(Path.of("bench/target"));
            Files.writeString(Path.of("bench/target/select-benchmark.md"), report);
        }
    }

    private static ObjectNode select() {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        ObjectNode o = m.putObject("order");
        o.putObject("provider").put("id", "chargezone.in");
        ObjectNode i = o.putArray("items").addObject();
        i.put("id", "pe-charging-01");
        i.putObject("quantity").putObject("selected").putObject("measure").put("value", "4").put("unit", "kWh");
        ArrayNode f = o.putArray("fulfillments");
        f.addObject().put("id", "cz-mg-1-ccs2");
        return m;
    }

    private static double p(long[] sorted, double q) {
        return AckBenchmark.percentileMillis(sorted, q);
    }

    /** A quantile of a Prometheus summary line starting with {@code prefix}, in seconds (NaN when absent). */
    private static double quantile(String metrics, String prefix, String q) {
        return metrics.lines().filter(l -> l.startsWith(prefix) && l.contains("quantile=\"" + q + "\""))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(Double.NaN);
    }
}
