package org.evcharging.bpp.suite.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the services lived through a run: each service's JVM start (now minus MicroProfile Metrics'
 * {@code jvm_uptime_seconds}) before and after, and {@code /health/ready} after. A start that moved means the service
 * was restarted (a crash the suite or an orchestrator recovered from); a service not ready failed.
 */
final class ServiceWatch {

    private static final Pattern UPTIME = Pattern.compile("(?m)^jvm_uptime_seconds(?:\\{[^}]*\\})?\\s+([0-9.Ee+-]+)");
    /** How far two readings of one start may differ (the clock and the metric's rounding). */
    private static final long SLACK_MS = 10_000;

    private final Map<String, String> urls;
    private final Map<String, Instant> before = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    ServiceWatch(Map<String, String> serviceUrls) {
        this.urls = serviceUrls;
    }

    void before() {
        urls.forEach((service, url) -> before.put(service, started(url)));
    }

    void after(FuzzReport report) {
        urls.forEach((service, url) -> {
            Instant was = before.get(service);
            Instant now = started(url);
            int ready = ready(url);
            String state;
            boolean problem;
            if (ready != 200) {
                state = "NOT READY (/health/ready " + (ready < 0 ? "unreachable" : "HTTP " + ready) + ")";
                problem = true;
            } else if (was != null && now != null && Math.abs(now.toEpochMilli() - was.toEpochMilli()) > SLACK_MS) {
                state = "RESTARTED (JVM started " + was + ", now " + now + ")";
                problem = true;
            } else if (was == null || now == null) {
                state = "ready UP; start time unknown (no jvm_uptime_seconds)";
                problem = false;
            } else {
                state = "ready UP, not restarted (JVM up since "
                        + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        + ")";
                problem = false;
            }
            report.service(service, state, problem);
        });
    }

    private Instant started(String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/metrics?scope=base"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = UPTIME.matcher(r.body());
            if (r.statusCode() != 200 || !m.find()) {
                return null;
            }
            long upMs = (long) (Double.parseDouble(m.group(1)) * 1000);
            return Instant.now().minusMillis(upMs);
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private int ready(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/health/ready")).timeout(Duration.ofSeconds(10))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
