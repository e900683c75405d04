package org.evcharging.bpp.suite.ingress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.evcharging.bpp.core.registry.RegistryLookup;
import org.evcharging.bpp.core.registry.Subscriber;
import org.evcharging.bpp.core.registry.SubscriberKeyCache;
import org.evcharging.bpp.core.signing.HttpSigner;
import org.evcharging.bpp.core.signing.InboundSignatureVerifier;
import org.evcharging.bpp.suite.DemoNetwork;
import org.evcharging.bpp.suite.registry.LocalRegistry;
import org.evcharging.bpp.suite.routes.RouteTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingress and registry against an in-process stub service: no Liberty, no database. */
class IngressTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpServer stub;
    private Ingress ingress;
    private LocalRegistry registry;
    private DemoNetwork network;
    private final AtomicReference<byte[]> seenBody = new AtomicReference<>();
    private final AtomicReference<Map<String, String>> seenHeaders = new AtomicReference<>();
    private final AtomicReference<String> seenUri = new AtomicReference<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            seenBody.set(body);
            seenHeaders.set(headers);
            seenUri.set(ex.getRequestURI().toString());
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        stub.start();
        Map<String, RouteTable.Service> services = new LinkedHashMap<>();
        services.put("catalog", new RouteTable.Service("catalog", "catalog-service", stub.getAddress().getPort()));
        services.put("quote", new RouteTable.Service("quote", "quote-service", 1));
        services.put("support", new RouteTable.Service("support", "support-service", 2));
        RouteTable routes = new RouteTable(services, List.of(
                new RouteTable.Route("/search", null, "catalog"),
                new RouteTable.Route("/select", null, "quote"),
                new RouteTable.Route("/support", null, "support"),
                new RouteTable.Route(null, "/catalog/", "catalog")));
        registry = new LocalRegistry(dir.resolve("registry.json"));
        ingress = Ingress.start(0, routes, key -> switch (key) {
            case "catalog" -> ServiceState.RUNNING;
            case "support" -> ServiceState.STARTING;
            default -> ServiceState.NOT_DEPLOYED;
        }, registry);
        network = DemoNetwork.ensure(dir, "bpp.test", ingress.url(), registry, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        ingress.close();
        stub.stop(0);
    }

    private HttpResponse<String> post(String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ingress.url() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void only_canonical_paths_are_routed_so_no_public_prefix_leads_to_an_internal_api() {
        for (String ok : List.of("/search", "/payments/v1/pay/3f2a",
                "/catalog/v1/providers/chargezone.in/unit-prices")) {
            assertTrue(RoutingProxyServlet.canonical(ok), ok);
        }
        for (String walk : List.of("/payments/v1/../../internal/payments/v1/links", "/payments/./x", "/payments//x",
                "/payments/%2e%2e/internal/x", "/payments/%2E%2e/x", "/payments/v1%2f..%2finternal", "/a\\b",
                "/payments/v1;x=1", "relative", "/payments/..")) {
            assertFalse(RoutingProxyServlet.canonical(walk), walk);
        }
    }

    @Test
    void a_signed_request_reaches_the_service_byte_for_byte_and_still_verifies() throws Exception {
        // Odd spacing and key order on purpose: any re-serialisation would break the signature.
        byte[] body = "{ \"message\":{},  \"context\":{\"action\":\"search\",\"bap_id\":\"demo-bap.localhost\"} }"
                .getBytes(StandardCharsets.UTF_8);
        DemoNetwork.Party bap = network.demoBap();
        String auth = new HttpSigner(bap.subscriberId(), bap.keyId(), bap.privateKey(), Clock.systemUTC())
                .authorization(body, 30);
        HttpResponse<String> r = post("/search?x=1", body, "Content-Type", "application/json", "Authorization", auth,
                "X-Gateway-Authorization", "Signature gw", "Proxy-Authorization", "Signature proxy");

        assertEquals(200, r.statusCode());
        assertArrayEquals(body, seenBody.get());
        assertEquals("/search?x=1", seenUri.get());
        assertEquals(auth, seenHeaders.get().get("authorization"));
        assertEquals("Signature gw", seenHeaders.get().get("x-gateway-authorization"));

        SubscriberKeyCache keys = new SubscriberKeyCache(new RegistryLookup(ingress.url() + "/registry",
                Duration.ofSeconds(3))::lookup, Clock.systemUTC(), Duration.ofMinutes(5), Duration.ofSeconds(5));
        new InboundSignatureVerifier(keys::signingKey, Clock.systemUTC(), 5)
                .verify(seenHeaders.get().get("authorization"), seenBody.get(), bap.subscriberId());
    }

    @Test
    void proxy_authorization_is_forwarded_too() throws Exception {
        // The JDK client drops Proxy-Authorization when it talks to no proxy, so plain HTTP on a socket.
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), ingress.port())) {
            String head = "POST /search HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Proxy-Authorization: Signature proxy\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
        }
        assertEquals("Signature proxy", seenHeaders.get().get("proxy-authorization"));
    }

    @Test
    void prefix_routes_are_proxied() throws Exception {
        HttpResponse<String> r = post("/catalog/providers", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode());
        assertEquals("/catalog/providers", seenUri.get());
    }

    @Test
    void a_service_that_is_not_deployed_answers_nack_40001() throws Exception {
        HttpResponse<String> r = post("/select", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(501, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = JSON.readTree(r.body());
        assertEquals("NACK", body.at("/message/ack/status").asText());
        assertEquals("40001", body.at("/error/code").asText());
        assertEquals("Action not applicable: quote is not deployed", body.at("/error/message").asText());
    }

    @Test
    void a_service_still_starting_answers_503_with_retry_after() throws Exception {
        HttpResponse<String> r = post("/support", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(503, r.statusCode());
        assertEquals("5", r.headers().firstValue("Retry-After").orElse(""));
        assertEquals("NACK", JSON.readTree(r.body()).at("/message/ack/status").asText());
    }

    @Test
    void an_unknown_path_answers_404_nack_30000() throws Exception {
        HttpResponse<String> r = post("/nope", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(404, r.statusCode());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("NACK", body.at("/message/ack/status").asText());
        assertEquals("30000", body.at("/error/code").asText());
        assertEquals("$.context.action", body.at("/error/paths").asText());
        assertEquals("unknown action or path /nope", body.at("/error/message").asText());
    }

    @Test
    void registry_lookup_answers_subscriptions_that_beckn_core_reads() throws Exception {
        List<Subscriber> found = new RegistryLookup(ingress.url() + "/registry", Duration.ofSeconds(3))
                .lookup("bpp.test", network.bpp().keyId());
        assertEquals(1, found.size());
        Subscriber s = found.get(0);
        assertEquals("BPP", s.type());
        assertEquals(ingress.url(), s.url());
        assertEquals(network.bpp().publicKey(), s.signingPublicKey());
        assertTrue(s.usableAt(java.time.OffsetDateTime.now()));

        registry.remove("bpp.test", null);
        assertEquals(0, new RegistryLookup(ingress.url() + "/registry", Duration.ofSeconds(3))
                .lookup("bpp.test", network.bpp().keyId()).size());
    }
}
