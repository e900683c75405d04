package org.evcharging.bpp.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rate limits the chart sets (docs/rate-limits.md): the door's token buckets as every Beckn service's environment,
 * and ingress-nginx's per-IP limits as annotations of the main Ingress, from values the schema checks.
 */
class RateLimitChartTest {

    private static final List<String> BECKN_SERVICES = List.of("catalog", "quote", "order", "support-rating");
    private static final String NGINX = "nginx.ingress.kubernetes.io/";

    @AfterEach
    void forgetStubSecrets() {
        StubApiServer.start().clear();
    }

    private static String name(String key) {
        return Chart.RELEASE + "-ev-charging-bpp-" + key;
    }

    private static Map<String, String> environment(Chart.Rendered r, String key) {
        Container c = r.get(Deployment.class, name(key)).getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = new java.util.LinkedHashMap<>();
        Cluster.environment(r, c).forEach((k, v) -> env.put(k, v.literal()));
        return env;
    }

    private static Map<String, String> annotations(Chart.Rendered r, String ingress) {
        Map<String, String> a = r.get(Ingress.class, ingress).getMetadata().getAnnotations();
        return a == null ? Map.of() : a;
    }

    @Test
    void byDefaultEveryBecknServiceHasGenerousDoorLimitsAndTheIngressLimitsEachAddress() {
        Chart.Rendered r = Chart.render(List.of(), Map.of());
        for (String key : BECKN_SERVICES) {
            Map<String, String> env = environment(r, key);
            assertEquals("100", env.get("BECKN_RATE_LIMIT_PER_BAP"), key);
            assertEquals("200", env.get("BECKN_RATE_LIMIT_PER_BAP_BURST"), key);
            assertEquals("1000", env.get("BECKN_RATE_LIMIT_GLOBAL"), key);
            assertEquals("2000", env.get("BECKN_RATE_LIMIT_GLOBAL_BURST"), key);
            assertEquals("10000", env.get("BECKN_RATE_LIMIT_MAX_BAPS"), key);
            assertFalse(env.containsKey("BECKN_RATE_LIMIT_BAP_OVERRIDES"), key + ": none by default");
        }
        Map<String, String> main = annotations(r, Chart.RELEASE + "-ev-charging-bpp");
        assertEquals("200", main.get(NGINX + "limit-rps"));
        assertEquals("5", main.get(NGINX + "limit-burst-multiplier"));
        assertFalse(main.containsKey(NGINX + "limit-connections"), "no connection limit by default");
        assertFalse(main.containsKey(NGINX + "configuration-snippet"), "snippets are off on most controllers");
        Map<String, String> sockets = annotations(r, name("websocket"));
        assertTrue(sockets.keySet().stream().noneMatch(k -> k.startsWith(NGINX + "limit-")),
                "the chargers' WebSockets are not rate limited: " + sockets);
    }

    @Test
    void limitsOverridesAndTheIngressesOwnComeFromValues() {
        Path values = Chart.writeTemp("rate-limits", """
                beckn:
                  rateLimits:
                    perBap: {perSecond: 20, burst: 40}
                    service: {perSecond: 0}
                    bapOverrides:
                      big-app.example.com: {perSecond: 500, burst: 1000}
                      slow.example.org: {perSecond: 2.5}
                      free.example.net: {perSecond: 0}
                    maxBaps: 500
                ingress:
                  annotations:
                    nginx.ingress.kubernetes.io/limit-burst-multiplier: "3"
                    nginx.ingress.kubernetes.io/configuration-snippet: |
                      more_set_headers "X-Served-By: bpp";
                  rateLimit:
                    rps: 50
                    connections: 20
                    allowlist: [203.0.113.0/24, "2001:db8::/32"]
                    status429Snippet: true
                """);
        Chart.Rendered r = Chart.render(List.of(values), Map.of());
        Map<String, String> env = environment(r, "catalog");
        assertEquals("20", env.get("BECKN_RATE_LIMIT_PER_BAP"));
        assertEquals("40", env.get("BECKN_RATE_LIMIT_PER_BAP_BURST"));
        assertEquals("0", env.get("BECKN_RATE_LIMIT_GLOBAL"), "0: the service's limit off");
        assertEquals("500", env.get("BECKN_RATE_LIMIT_MAX_BAPS"));
        assertEquals("big-app.example.com=500/1000,free.example.net=0/1,slow.example.org=2.5/5",
                env.get("BECKN_RATE_LIMIT_BAP_OVERRIDES"), "burst defaults to twice the rate");
        assertEquals(env.get("BECKN_RATE_LIMIT_BAP_OVERRIDES"),
                environment(r, "support-rating").get("BECKN_RATE_LIMIT_BAP_OVERRIDES"));

        Map<String, String> main = annotations(r, Chart.RELEASE + "-ev-charging-bpp");
        assertEquals("50", main.get(NGINX + "limit-rps"));
        assertEquals("3", main.get(NGINX + "limit-burst-multiplier"), "the operator's own annotation wins");
        assertEquals("20", main.get(NGINX + "limit-connections"));
        assertEquals("203.0.113.0/24,2001:db8::/32", main.get(NGINX + "limit-whitelist"));
        String snippet = main.get(NGINX + "configuration-snippet");
        assertTrue(snippet.startsWith("limit_req_status 429;\nlimit_conn_status 429;\n"), snippet);
        assertTrue(snippet.contains("more_set_headers"), "the operator's snippet is kept: " + snippet);
    }

    @Test
    void theIngressLimitCanBeTurnedOff() {
        Chart.Rendered r = Chart.render(List.of(), Map.of("ingress.rateLimit.enabled", false));
        Map<String, String> main = annotations(r, Chart.RELEASE + "-ev-charging-bpp");
        assertTrue(main.keySet().stream().noneMatch(k -> k.startsWith(NGINX + "limit-")), "" + main);
    }

    @Test
    void theSchemaRefusesLimitsThatCannotWork() {
        for (Map<String, Object> bad : List.of(
                Map.<String, Object>of("beckn.rateLimits.perBap.burst", 0),
                Map.<String, Object>of("beckn.rateLimits.maxBaps", 0),
                Map.<String, Object>of("beckn.rateLimits.service.perSecond", "fast"),
                Map.<String, Object>of("beckn.rateLimits.perBap.rps", 5),
                Map.<String, Object>of("ingress.rateLimit.rps", 0),
                Map.<String, Object>of("ingress.rateLimit.connections", -1),
                Map.<String, Object>of("ingress.rateLimit.allowlist[0]", "the gateway"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Chart.render(List.of(), bad), bad.toString());
            assertTrue(e.getMessage().contains("schema") || e.getMessage().contains("rateLimit"),
                    bad + ": " + e.getMessage());
        }
        Path commaInId = Chart.writeTemp("bad-override", """
                beckn:
                  rateLimits:
                    bapOverrides:
                      "a.example,b.example=9": {perSecond: 5}
                """);
        assertThrows(IllegalStateException.class, () -> Chart.render(List.of(commaInId), Map.of()),
                "an id that would break the list");
    }
}
