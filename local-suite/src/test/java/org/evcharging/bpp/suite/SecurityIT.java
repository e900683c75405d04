package org.evcharging.bpp.suite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The attacks of the security review, each as an attacker with a registered BAP key (or a link, or a browser on
 * another site) would try it against the running suite: real ingress, real services on Liberty, real MariaDB. Each
 * failed before the fix it names. The registry is the suite's local one, a stand-in for the network's.
 */
class SecurityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @RegisterExtension
    static final DemoBap DEMO = new DemoBap();

    private static HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(DEMO.suite().ingressUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> signed(byte[] body) throws Exception {
        return post("/search", body, Map.of("Authorization", DEMO.bap().authorizationFor(body)));
    }

    private static JsonNode nack(HttpResponse<String> r, int status, String code, String path) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("NACK", body.at("/message/ack/status").asText(), r.body());
        assertEquals(code, body.at("/error/code").asText(), r.body());
        assertEquals(path, body.at("/error/paths").asText(), r.body());
        return body;
    }

    // Finding 1: SSRF through bap_uri.

    @Test
    void a_bap_uri_pointing_at_an_internal_admin_route_is_refused_at_the_door() throws Exception {
        for (String target : new String[] {
                "http://127.0.0.1:9083/orders/v1/admin/orders/x?",
                "http://localhost:9084/payments/v1/sandbox/faults#",
                "http://127.0.0.1:3307",
                DEMO.bap().bapUri() + "/../../orders/v1/admin",
                DEMO.bap().bapUri() + "?next=http://127.0.0.1:9083/"}) {
            ObjectNode request = DEMO.search();
            ((ObjectNode) request.get("context")).put("bap_uri", target);
            JsonNode refused = nack(signed(JSON.writeValueAsBytes(request)), 400, "30000", "$.context.bap_uri");
            assertTrue(refused.at("/error/message").asText().startsWith("bap_uri "), refused.toString());
        }
        ObjectNode under = DEMO.search();
        ((ObjectNode) under.get("context")).put("bap_uri", DEMO.bap().bapUri() + "/app-2");
        assertEquals(200, signed(JSON.writeValueAsBytes(under)).statusCode(),
                "a path under the registered url is taken");
    }

    // Finding 6: signature lifetime and ttl; finding 7: duplicate keys, a gateway without a type.

    @Test
    void a_signature_created_thirty_days_ago_and_valid_for_a_year_is_refused() throws Exception {
        byte[] body = JSON.writeValueAsBytes(DEMO.search());
        long now = System.currentTimeMillis() / 1000;
        HttpResponse<String> replayed = post("/search", body,
                Map.of("Authorization", DEMO.bap().sign(body, now - 30L * 86400, now + 365L * 86400).format()));
        assertEquals(401, replayed.statusCode(), replayed.body());
        assertEquals(200, signed(body).statusCode(), "the same body signed now is taken");
    }

    @Test
    void a_ttl_of_ten_years_is_refused_naming_the_cap() throws Exception {
        ObjectNode request = DEMO.search();
        ((ObjectNode) request.get("context")).put("ttl", "P3650D");
        JsonNode refused = nack(signed(JSON.writeValueAsBytes(request)), 400, "30000", "$.context.ttl");
        assertEquals("ttl P3650D is longer than the PT1H this BPP takes", refused.at("/error/message").asText());
    }

    @Test
    void a_key_given_twice_is_refused() throws Exception {
        String once = JSON.writeValueAsString(DEMO.search());
        String twice = once.substring(0, once.length() - 1) + ",\"message\":{}}";
        JsonNode refused = nack(signed(twice.getBytes(StandardCharsets.UTF_8)), 400, "30000", "$");
        assertTrue(refused.at("/error/message").asText().startsWith("a key is given twice"), refused.toString());
    }

    // Finding 4: log injection before authentication.

    @Test
    void cr_lf_nul_and_bidi_characters_in_an_unverified_bap_id_forge_no_log_line() throws Exception {
        String marker = "FORGED-" + UUID.randomUUID();
        ObjectNode request = DEMO.search();
        ((ObjectNode) request.get("context")).put("bap_id",
                "evil\r\n[12/5/26, 6:00:00:000 UTC] 00000001 AUDIT " + marker + " payment captured\u0000\u202Egnp.exe");
        byte[] body = JSON.writeValueAsBytes(request);
        assertEquals(401, signed(body).statusCode(), "signed by the demo BAP, claiming another bap_id");
        Path log = DEMO.suite().workDir().resolve("logs").resolve("catalog-service.log");
        String text = awaitLog(log, marker);
        for (String line : text.split("\n")) {
            assertFalse(line.contains(marker) && !line.contains("401 on search"), "a line of its own: " + line);
            if (line.contains(marker)) {
                assertTrue(line.contains("evil\\r\\n[12/5/26"), line);
                assertTrue(line.contains("\\u0000\\u202Egnp.exe"), line);
                assertFalse(line.contains("\u202E") || line.contains("\u0000") || line.contains("\r"), line);
            }
        }
    }

    private static String awaitLog(Path log, String marker) {
        return await("'" + marker + "' in " + log).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> Files.readString(log, StandardCharsets.UTF_8), text -> text.contains(marker));
    }

    // Finding 3: double capture on the payment page.

    private static String link(String order, String amount) throws Exception {
        HttpResponse<String> r = CatalogFixtures.internal(DEMO.suite(), "payment", "POST",
                "/internal/payments/v1/links", DEMO.suite().tokens().operator(),
                "{\"orderRef\":\"" + order + "\",\"amount\":\"" + amount + "\",\"currency\":\"INR\"}");
        assertEquals(201, r.statusCode(), r.body());
        return CatalogFixtures.json(r).path("paymentId").asText();
    }

    private static JsonNode ledger(String order) throws Exception {
        return CatalogFixtures
                .json(CatalogFixtures.internal(DEMO.suite(), "payment", "GET", "/internal/payments/v1/orders/" + order,
                        DEMO.suite().tokens().operator(), null));
    }

    private static HttpResponse<String> press(String paymentId, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest
                .newBuilder(URI.create(DEMO.suite().ingressUrl() + "/payments/v1/pay/" + paymentId))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("outcome=pay"));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<JsonNode> entries(JsonNode ledger, String type) {
        List<JsonNode> out = new ArrayList<>();
        ledger.path("entries").forEach(e -> {
            if (type.equals(e.path("type").asText())) {
                out.add(e);
            }
        });
        return out;
    }

    @Test
    void three_concurrent_pay_submits_capture_the_link_once() throws Exception {
        String order = "it-double-" + UUID.randomUUID();
        String paymentId = link(order, "47.20");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<HttpResponse<String>> pages = new ArrayList<>();
        try {
            List<Callable<HttpResponse<String>>> presses = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                presses.add(() -> press(paymentId, Map.of("Sec-Fetch-Site", "same-origin")));
            }
            for (Future<HttpResponse<String>> f : pool.invokeAll(presses)) {
                pages.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        for (HttpResponse<String> page : pages) {
            assertEquals(200, page.statusCode(), page.body());
        }
        JsonNode ledger = ledger(order);
        assertEquals(1, entries(ledger, "PAYMENT").size(), ledger.toString());
        assertEquals("47.20", ledger.path("paid").asText(), ledger.toString());
        assertTrue(pages.stream().allMatch(p -> p.body().contains("<h1>Paid</h1>")
                || p.body().contains("being paid already; nothing more was charged")),
                "every press says it was paid, or that it is being paid and nothing more was charged");
    }

    @Test
    void a_second_capture_of_a_paid_link_at_the_webhook_is_given_back_in_full() throws Exception {
        String order = "it-second-" + UUID.randomUUID();
        String paymentId = link(order, "30.00");
        byte[] secret = Files.readString(DEMO.suite().workDir().resolve("payment-webhook-secret")).trim()
                .getBytes(StandardCharsets.UTF_8);
        for (String ref : new String[] {"sbx_pay_first", "sbx_pay_second"}) {
            String event = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"payment.captured\",\"paymentId\":\""
                    + paymentId + "\",\"gatewayRef\":\"" + ref + "\",\"amount\":\"30.00\",\"currency\":\"INR\"}";
            long t = System.currentTimeMillis() / 1000;
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String signature = "t=" + t + ",v1=" + HexFormat.of().formatHex(
                    mac.doFinal((t + "." + event).getBytes(StandardCharsets.UTF_8)));
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                    URI.create(DEMO.suite().ingressUrl() + "/payments/v1/webhooks/sandbox"))
                    .header("Content-Type", "application/json").header("X-Sandbox-Signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("processed"), r.body());
        }
        JsonNode ledger = await("the second capture given back").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200)).until(() -> ledger(order), l -> !entries(l, "REFUND").isEmpty());
        assertEquals(2, entries(ledger, "PAYMENT").size(), ledger.toString());
        List<JsonNode> refunds = entries(ledger, "REFUND");
        assertEquals(1, refunds.size(), ledger.toString());
        assertEquals("30.00", refunds.get(0).path("amount").asText(), "the second capture given back in full");
        assertEquals("REFUNDED", refunds.get(0).path("status").asText(), ledger.toString());
        assertEquals("PARTIALLY-REFUNDED", ledger.path("status").asText(), "the order keeps its one payment");
    }

    // Finding 7: pages and the local ingress.

    @Test
    void a_pay_form_sent_from_another_site_is_refused_and_pages_send_no_referrer() throws Exception {
        String order = "it-csrf-" + UUID.randomUUID();
        String paymentId = link(order, "12.00");
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(
                URI.create(DEMO.suite().ingressUrl() + "/payments/v1/pay/" + paymentId)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(null));
        assertEquals(403, press(paymentId, Map.of("Sec-Fetch-Site", "cross-site")).statusCode());
        assertEquals(403, press(paymentId, Map.of("Origin", "https://evil.example")).statusCode());
        assertEquals("NOT-PAID", ledger(order).path("status").asText(), "nothing was charged");
    }

    // Finding 5: internal APIs at the edge, behind a shared, year-long service token.

    private static String raw(String requestLine, String token, String body) throws Exception {
        URI ingress = URI.create(DEMO.suite().ingressUrl());
        try (java.net.Socket socket = new java.net.Socket(ingress.getHost(), ingress.getPort())) {
            socket.getOutputStream().write((requestLine + "\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void refunds_reprice_and_payment_links_are_not_reachable_through_the_ingress() throws Exception {
        String order = "sec-edge-" + UUID.randomUUID();
        link(order, "150.00");
        String operator = DEMO.suite().tokens().operator();
        String service = DEMO.suite().tokens().service("order-service", "payment", List.of("service"),
                java.time.Duration.ofMinutes(5));
        String refund = "{\"refundId\":\"" + UUID.randomUUID() + "\",\"amount\":\"150.00\",\"reason\":\"edge\"}";
        for (String path : List.of("/internal/payments/v1/orders/" + order + "/refunds", "/internal/payments/v1/links",
                "/internal/quotes/v1/quotes/q-1/reprice", "/internal/orders/v1/slots/f-1",
                "/internal/catalog/v1/providers/chargezone.in/unit-prices")) {
            JsonNode refused = nack(post(path, refund.getBytes(StandardCharsets.UTF_8),
                    Map.of("Authorization", "Bearer " + service)), 404, "30000", "$.context.action");
            assertTrue(refused.at("/error/message").asText().contains("unknown action or path"), refused.toString());
        }
        // where they were published before: gone from the services' public paths
        assertEquals(404, post("/payments/v1/orders/" + order + "/refunds", refund.getBytes(StandardCharsets.UTF_8),
                Map.of("Authorization", "Bearer " + operator)).statusCode());
        assertEquals(404, post("/payments/v1/links", "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("Authorization", "Bearer " + operator)).statusCode());
        // a walk from a public prefix to an internal path is refused before it is routed
        for (String walk : List.of("/payments/v1/../../internal/payments/v1/orders/" + order + "/refunds",
                "/payments/v1/%2e%2e/%2e%2e/internal/payments/v1/orders/" + order + "/refunds")) {
            String response = raw("POST " + walk + " HTTP/1.1", service, refund);
            assertTrue(response.startsWith("HTTP/1.1 400"), walk + " -> " + response);
        }
        JsonNode ledger = ledger(order);
        assertTrue(entries(ledger, "REFUND").isEmpty(), "no refund was made: " + ledger);
    }

    @Test
    void an_internal_api_takes_only_a_short_lived_token_minted_for_its_own_service() throws Exception {
        String order = "sec-token-" + UUID.randomUUID();
        link(order, "80.00");
        String path = "/internal/payments/v1/orders/" + order;
        String forCatalog = DEMO.suite().tokens().service("order-service", "catalog", List.of("service"),
                java.time.Duration.ofMinutes(5));
        String shared = DEMO.suite().tokens().mint("order-service", List.of("service"), null,
                java.time.Duration.ofDays(365));
        String yearLong = DEMO.suite().tokens().service("order-service", "payment", List.of("service"),
                java.time.Duration.ofDays(365));
        String right = DEMO.suite().tokens().service("order-service", "payment", List.of("service"),
                java.time.Duration.ofMinutes(5));
        for (Map.Entry<String, String> e : Map
                .of("minted for catalog", forCatalog, "shared by role, a year long", shared,
                        "for payment, a year long", yearLong)
                .entrySet()) {
            HttpResponse<String> r = CatalogFixtures.internal(DEMO.suite(), "payment", "GET", path, e.getValue(), null);
            assertEquals(401, r.statusCode(), e.getKey() + ": " + r.body());
        }
        HttpResponse<String> ok = CatalogFixtures.internal(DEMO.suite(), "payment", "GET", path, right, null);
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(order, CatalogFixtures.json(ok).path("orderRef").asText(), ok.body());
    }

    @Test
    void a_bad_query_through_the_local_ingress_names_no_upstream() throws Exception {
        URI ingress = URI.create(DEMO.suite().ingressUrl());
        try (java.net.Socket socket = new java.net.Socket(ingress.getHost(), ingress.getPort())) {
            socket.getOutputStream().write(("GET /orders/v1/admin/orders?a=<b>|{c} HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 400"), response);
            assertFalse(response.contains("localhost:90") || response.contains("127.0.0.1:90"), response);
            assertFalse(response.contains("Exception"), response);
        }
    }
}
