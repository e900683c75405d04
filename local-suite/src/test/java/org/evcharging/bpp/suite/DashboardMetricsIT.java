package org.evcharging.bpp.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.evcharging.bpp.suite.bap.BapCli;
import org.evcharging.bpp.suite.bap.BapClient;
import org.junit.jupiter.api.Test;

/**
 * The chart's Grafana dashboards ask for what the services expose: every metric a panel's query names is on the
 * {@code /metrics} of a running service of the suite, with every label the query filters or groups by (apart from
 * {@code namespace} and {@code pod}, which Prometheus adds when it scrapes a pod). One search goes through first, so the
 * Beckn timers, registered at their first request, exist.
 */
class DashboardMetricsIT {

    private static final Path DASHBOARDS = Path.of("").toAbsolutePath().getParent()
            .resolve("helm/ev-charging-bpp/dashboards");
    private static final Set<String> SCRAPE_LABELS = Set.of("namespace", "pod");
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "max", "min", "avg", "count", "by", "without",
            "rate", "increase", "irate", "delta", "on", "ignoring", "group_left", "group_right", "and", "or",
            "unless", "histogram_quantile", "topk", "bottomk", "label_values", "offset", "vector");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{([^}]*)\\}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s");
    private static final Pattern LABEL_VALUES = Pattern
            .compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)");
    private static final Pattern SAMPLE_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

    @Test
    void every_metric_and_label_a_dashboard_panel_queries_is_exposed_by_a_running_service() throws Exception {
        LocalSuite suite = SharedSuite.get();
        try (BapClient bap = BapClient.demo(suite, 0)) {
            BapClient.Sent sent = bap.send("search", BapCli.searchMessage(CatalogFixtures.CENTER, "5"));
            assertTrue(sent.acked(), sent.body());
            bap.awaitCallback(sent.messageId(), "on_search", Duration.ofSeconds(30));
        }

        Map<String, List<String>> queries = queries();
        assertTrue(queries.size() >= 20, "the dashboards' queries: " + queries.keySet());
        Map<String, Set<String>> exposed = new HashMap<>();
        Instant deadline = Instant.now().plusSeconds(30);
        List<String> problems;
        do {
            // the callback's timer is recorded with its attempt, a moment after the BAP has the answer
            exposed.clear();
            for (String service : List.of("catalog", "quote", "order", "payment", "support-rating", "charger")) {
                scrape(suite.serviceUrl(service) + "/metrics", exposed);
            }
            problems = problems(queries, exposed);
            if (!problems.isEmpty()) {
                Thread.sleep(500);
            }
        } while (!problems.isEmpty() && Instant.now().isBefore(deadline));
        assertEquals(List.of(), problems, "queried by a dashboard, exposed by no service");
    }

    /** Every query's metric names with the labels it uses, and where (dashboard file / panel title). */
    private static Map<String, List<String>> queries() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, List<String>> queries = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(DASHBOARDS)) {
            files = listing.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertEquals(3, files.size(), DASHBOARDS.toString());
        for (Path f : files) {
            JsonNode dashboard = json.readTree(f.toFile());
            for (JsonNode variable : dashboard.at("/templating/list")) {
                Matcher m = LABEL_VALUES.matcher(variable.path("definition").asText());
                if (m.matches()) {
                    // label_values(metric, label): the metric, with that label
                    queries.computeIfAbsent(m.group(1) + "{" + m.group(2) + "=~\".+\"}", k -> new ArrayList<>())
                            .add(f.getFileName() + " / variable " + variable.path("name").asText());
                }
            }
            for (JsonNode panel : dashboard.path("panels")) {
                for (JsonNode t : panel.path("targets")) {
                    queries.computeIfAbsent(t.path("expr").asText(), k -> new ArrayList<>())
                            .add(f.getFileName() + " / " + panel.path("title").asText());
                }
            }
        }
        return queries;
    }

    private static List<String> problems(Map<String, List<String>> queries, Map<String, Set<String>> exposed) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<String>> q : queries.entrySet()) {
            String expr = q.getKey();
            Set<String> grouping = new TreeSet<>();
            Matcher g = GROUPING.matcher(expr);
            while (g.find()) {
                for (String l : g.group(1).split(",")) {
                    if (!l.isBlank()) {
                        grouping.add(l.trim());
                    }
                }
            }
            String bare = GROUPING.matcher(expr).replaceAll(" ");
            Matcher s = SELECTOR.matcher(bare);
            Set<String> metrics = new TreeSet<>();
            while (s.find()) {
                String metric = s.group(1);
                metrics.add(metric);
                Set<String> labels = new TreeSet<>(grouping);
                Matcher m = MATCHER_LABEL.matcher(s.group(2));
                while (m.find()) {
                    labels.add(m.group(1));
                }
                labels.removeAll(SCRAPE_LABELS);
                Set<String> has = exposed.get(metric);
                if (has == null) {
                    problems.add(metric + " (" + q.getValue() + ")");
                } else if (!has.containsAll(labels)) {
                    Set<String> missing = new TreeSet<>(labels);
                    missing.removeAll(has);
                    problems.add(metric + " without the labels " + missing + " (" + q.getValue() + ")");
                }
            }
            // a metric named without a selector would escape the check: every one must have {namespace=~...}
            Matcher word = Pattern.compile("\\b([a-zA-Z_][a-zA-Z0-9_]*)\\b").matcher(
                    SELECTOR.matcher(bare).replaceAll(" ").replaceAll("\\[[^]]*\\]", " ").replaceAll("\"[^\"]*\"",
                            " "));
            while (word.find()) {
                String w = word.group(1);
                if (!PROMQL_WORDS.contains(w) && !w.matches("\\d.*")) {
                    problems.add("'" + w + "' outside a selector in: " + expr);
                }
            }
            assertTrue(!metrics.isEmpty(), "a query with no metric: " + expr);
        }
        return problems;
    }

    /** The metric names on a /metrics page, with the labels their samples carry. */
    private static void scrape(String url, Map<String, Set<String>> exposed) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Accept", "text/plain").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url);
        for (String line : r.body().lines().toList()) {
            Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.find()) {
                continue;
            }
            Set<String> labels = exposed.computeIfAbsent(m.group(1), k -> new TreeSet<>());
            if (m.group(2) != null) {
                Matcher l = SAMPLE_LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.add(l.group(1));
                }
            }
        }
    }
}
