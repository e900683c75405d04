package org.evcharging.bpp.helm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A stand-in for the Kubernetes API on the loopback address, answering just what the chart's {@code lookup} of its
 * own Secrets asks: discovery of {@code v1} and {@code GET} of a Secret (404 unless one was put here).
 *
 * <p>Why: helm-java 0.0.21 renders {@code template} with helm's dry-run option "none", under which helm lets
 * {@code lookup} reach the cluster of the current kubeconfig (the helm CLI's own {@code template} does not). The
 * tests point KUBECONFIG (surefire) at this server, so no rendering fails for want of a cluster, none ever reads a
 * developer's real cluster, and the chart's "generated once, then kept" credentials can be checked.
 */
final class StubApiServer {

    private static final String RESOURCES = """
            {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[
             {"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret","verbs":["get","list"]}]}""";

    private static StubApiServer instance;

    private final HttpServer server;
    private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();

    private StubApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The one server of the test JVM, its kubeconfig written where KUBECONFIG points. */
    static synchronized StubApiServer start() {
        if (instance == null) {
            try {
                instance = new StubApiServer();
                String kubeconfig = System.getenv("KUBECONFIG");
                if (kubeconfig == null || kubeconfig.isBlank()) {
                    throw new IllegalStateException("KUBECONFIG is not set for the tests (see helm/pom.xml, surefire)");
                }
                Path file = Path.of(kubeconfig);
                Files.createDirectories(file.getParent());
                Files.writeString(file, """
                        apiVersion: v1
                        kind: Config
                        clusters:
                          - name: stub
                            cluster:
                              server: http://127.0.0.1:%d
                        contexts:
                          - name: stub
                            context:
                              cluster: stub
                              user: stub
                        current-context: stub
                        users:
                          - name: stub
                            user: {}
                        """.formatted(instance.server.getAddress().getPort()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the stub Kubernetes API", e);
            }
        }
        return instance;
    }

    /** A Secret the chart's lookup will find (as if a previous install had made it). */
    void putSecret(String namespace, String name, Map<String, String> data) {
        secrets.put(namespace + "/" + name, data);
    }

    void clear() {
        secrets.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String[] parts = path.split("/");
        if ("/api".equals(path)) {
            reply(exchange, 200, "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[]}");
        } else if ("/api/v1".equals(path)) {
            reply(exchange, 200, RESOURCES);
        } else if ("/apis".equals(path)) {
            reply(exchange, 200, "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}");
        } else if (parts.length == 7 && "namespaces".equals(parts[3]) && "secrets".equals(parts[5])) {
            Map<String, String> data = secrets.get(parts[4] + "/" + parts[6]);
            if (data == null) {
                reply(exchange, 404,
                        ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                                + "\"message\":\"secrets \\\"%s\\\" not found\",\"reason\":\"NotFound\","
                                + "\"details\":{\"name\":\"%s\",\"kind\":\"secrets\"},\"code\":404}")
                                .formatted(parts[6], parts[6]));
            } else {
                String encoded = data.entrySet().stream()
                        .map(e -> "\"" + e.getKey() + "\":\"" + Base64.getEncoder()
                                .encodeToString(e.getValue().getBytes(StandardCharsets.UTF_8)) + "\"")
                        .collect(Collectors.joining(","));
                reply(exchange, 200, "{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + parts[6]
                        + "\",\"namespace\":\"" + parts[4] + "\"},\"type\":\"Opaque\",\"data\":{" + encoded + "}}");
            }
        } else {
            reply(exchange, 404,
                    "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
