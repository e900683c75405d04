package org.evcharging.bpp.suite.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The suite's view of {@code helm/ev-charging-bpp/routes.yaml}: which service owns each Beckn action
 * and admin path, and on which local port it listens. The Helm chart renders its Ingress from the same
 * file, so a route added there reaches the local ingress without code changes.
 */
public final class RouteTable {

    /** Where the jar carries its copy of routes.yaml (see local-suite/pom.xml). */
    public static final String CLASSPATH_RESOURCE = "/suite/routes.yaml";

    /** The bare echo endpoint every service has; the ingress routes it to catalog (benchmarks). */
    public static final String ECHO_PATH = "/echo";
    public static final String ECHO_SERVICE = "catalog";

    /**
     * A service of the suite: routes.yaml key, Maven module (= war and Liberty server name), local port, and whether it
     * has a database of its own ({@code database: false} in routes.yaml: the console, which keeps no data).
     */
    public record Service(String key, String module, int localPort, boolean hasDatabase) {

        public Service(String key, String module, int localPort) {
            this(key, module, localPort, true);
        }

        public Service {
            Objects.requireNonNull(key, "service key");
            Objects.requireNonNull(module, "module of " + key);
            if (localPort <= 0) {
                throw new IllegalArgumentException("localPort of " + key + " must be positive");
            }
        }

        /** The database of this service: its routes.yaml key with {@code -} as {@code _} ({@code order} is reserved). */
        public String databaseName() {
            String name = key.replace('-', '_');
            return "order".equals(name) ? "order_svc" : name;
        }
    }

    /** Who may reach a route: anyone through the ingress, or only the suite's own services, calling each other directly. */
    public enum Access {

        PUBLIC, INTERNAL;

        static Access of(String text, String route) {
            if (text == null) {
                throw new IllegalArgumentException("route " + route + " says no access: public or internal");
            }
            return switch (text) {
                case "public" -> PUBLIC;
                case "internal" -> INTERNAL;
                default -> throw new IllegalArgumentException("route " + route + " has access '" + text
                        + "': public or internal");
            };
        }
    }

    /** One route: an exact path or a prefix, owned by a service, public or internal. */
    public record Route(String path, String prefix, String service, Access access) {

        public Route {
            if ((path == null) == (prefix == null)) {
                throw new IllegalArgumentException("a route has exactly one of path or prefix: " + path + " " + prefix);
            }
            Objects.requireNonNull(service, "service of route " + (path != null ? path : prefix));
            Objects.requireNonNull(access, "access of route " + (path != null ? path : prefix));
        }

        public Route(String path, String prefix, String service) {
            this(path, prefix, service, Access.PUBLIC);
        }

        boolean matches(String requestPath) {
            return path != null ? path.equals(requestPath) : requestPath.startsWith(prefix);
        }

        String where() {
            return path != null ? path : prefix;
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, Service> services;
    private final List<Route> routes;

    public RouteTable(Map<String, Service> services, List<Route> routes) {
        this.services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
        this.routes = List.copyOf(routes);
        for (Route r : routes) {
            if (!services.containsKey(r.service())) {
                throw new IllegalArgumentException("route " + r + " names unknown service " + r.service());
            }
        }
        for (Route internal : routes) {
            for (Route open : routes) {
                if (internal.access() == Access.INTERNAL && open.access() == Access.PUBLIC
                        && open.matches(internal.where())) {
                    throw new IllegalArgumentException("public route " + open.where() + " covers internal route "
                            + internal.where() + ": the ingress would publish it");
                }
            }
        }
    }

    /** The repository's routes.yaml when present (freshest), else the copy inside the jar. */
    public static RouteTable load(Path repoRoot) {
        Path file = repoRoot == null ? null : repoRoot.resolve("helm/ev-charging-bpp/routes.yaml");
        try {
            if (file != null && Files.isRegularFile(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    return parse(in);
                }
            }
            try (InputStream in = RouteTable.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("routes.yaml is neither in the repository nor on the classpath");
                }
                return parse(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read routes.yaml", e);
        }
    }

    public static RouteTable parse(InputStream yaml) throws IOException {
        JsonNode root = YAML.readTree(yaml);
        Map<String, Service> services = new LinkedHashMap<>();
        root.path("services").fields().forEachRemaining(e -> services.put(e.getKey(),
                new Service(e.getKey(), text(e.getValue(), "module"), e.getValue().path("localPort").asInt(),
                        e.getValue().path("database").asBoolean(true))));
        List<Route> routes = new ArrayList<>();
        for (JsonNode r : root.path("routes")) {
            String where = text(r, "path") != null ? text(r, "path") : text(r, "prefix");
            routes.add(new Route(text(r, "path"), text(r, "prefix"), text(r, "service"),
                    Access.of(text(r, "access"), where)));
        }
        return new RouteTable(services, routes);
    }

    /**
     * The service owning {@code requestPath} at the edge: exact public routes first, then the longest matching public
     * prefix, and {@code /echo} to catalog when routes.yaml does not say otherwise. Internal routes are not reachable
     * through the ingress: their services call each other directly.
     */
    public Optional<Service> route(String requestPath) {
        if (requestPath == null) {
            return Optional.empty();
        }
        for (Route r : routes) {
            if (r.access() == Access.PUBLIC && r.path() != null && r.matches(requestPath)) {
                return Optional.of(services.get(r.service()));
            }
        }
        Route best = null;
        for (Route r : routes) {
            if (r.access() == Access.PUBLIC && r.prefix() != null && r.matches(requestPath)
                    && (best == null || r.prefix().length() > best.prefix().length())) {
                best = r;
            }
        }
        if (best != null) {
            return Optional.of(services.get(best.service()));
        }
        if (ECHO_PATH.equals(requestPath) && services.containsKey(ECHO_SERVICE)) {
            return Optional.of(services.get(ECHO_SERVICE));
        }
        return Optional.empty();
    }

    /** The same routes with each service on {@code port.applyAsInt(serviceKey)} instead of its localPort. */
    public RouteTable withPorts(java.util.function.ToIntFunction<String> port) {
        Map<String, Service> moved = new LinkedHashMap<>();
        services.forEach(
                (key, s) -> moved.put(key, new Service(key, s.module(), port.applyAsInt(key), s.hasDatabase())));
        return new RouteTable(moved, routes);
    }

    public Map<String, Service> services() {
        return services;
    }

    public Optional<Service> service(String key) {
        return Optional.ofNullable(services.get(key));
    }

    public List<Route> routes() {
        return routes;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
