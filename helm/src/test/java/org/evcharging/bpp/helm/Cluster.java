package org.evcharging.bpp.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a cluster would make of rendered manifests, as far as the tests need: which backend an Ingress sends a
 * request path to (the Kubernetes matching rules), whether NetworkPolicies let one pod reach another, and a
 * container's effective environment. Plus the facts the chart must agree with: routes.yaml and the REST clients
 * each service's MicroProfile Config declares.
 */
final class Cluster {

    private Cluster() {
    }

    /**
     * routes.yaml, read on its own (not through the chart): service key to module, the routes, and the services with
     * no database of their own ({@code database: false}: the console).
     */
    record RouteTable(Map<String, String> modules, List<Map<String, String>> routes, Set<String> withoutDatabase) {

        boolean hasDatabase(String key) {
            return !withoutDatabase.contains(key);
        }

        @SuppressWarnings("unchecked")
        static RouteTable read(Path chartDir) {
            Map<String, Object> yaml = Chart.readYaml(chartDir.resolve("routes.yaml"));
            Map<String, String> modules = new LinkedHashMap<>();
            Set<String> withoutDatabase = new TreeSet<>();
            ((Map<String, Map<String, Object>>) yaml.get("services")).forEach((k, v) -> {
                modules.put(k, String.valueOf(v.get("module")));
                if (Boolean.FALSE.equals(v.get("database"))) {
                    withoutDatabase.add(k);
                }
            });
            List<Map<String, String>> routes = new ArrayList<>();
            for (Object r : (List<Object>) yaml.get("routes")) {
                Map<String, String> route = new LinkedHashMap<>();
                ((Map<String, Object>) r).forEach((k, v) -> route.put(k, String.valueOf(v)));
                routes.add(route);
            }
            return new RouteTable(modules, routes, withoutDatabase);
        }
    }

    private static final Pattern REST_CLIENT = Pattern.compile("^([A-Za-z0-9-]+)/mp-rest/url$");

    /**
     * Calls the design of issue 19 (the OCPP central system, charger-service) declares, added to what the modules'
     * configuration says, and nothing else: charger -> charger is how a replica forwards a command to the replica
     * holding the charger's socket, by that pod's address from charger-service's routing table, so no
     * {@code charger/mp-rest/url} key need ever show it; charger -> catalog (connector availability) and order ->
     * charger (its OCPP driver) are there until charger-service and order-service's configuration declare them
     * (then these two entries are redundant and may go).
     */
    static final Map<String, Set<String>> DESIGNED_CALLS = Map.of(
            "charger", Set.of("catalog", "charger"),
            "order", Set.of("charger"));

    /**
     * The peers each service calls: the {@code <peer>/mp-rest/url} keys of its module's MicroProfile Config, and
     * the {@link #DESIGNED_CALLS}. Keyed by routes.yaml service key.
     */
    static Map<String, Set<String>> callsMadeByTheServices(Path repo, RouteTable table) {
        Map<String, Set<String>> calls = new LinkedHashMap<>();
        table.modules().forEach((key, module) -> {
            Path file = repo.resolve(module).resolve("src/main/resources/META-INF/microprofile-config.properties");
            Set<String> peers = new TreeSet<>();
            if (Files.isRegularFile(file)) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(file)) {
                    p.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                for (String name : p.stringPropertyNames()) {
                    Matcher m = REST_CLIENT.matcher(name);
                    if (m.matches()) {
                        peers.add(m.group(1));
                    }
                }
            }
            peers.addAll(DESIGNED_CALLS.getOrDefault(key, Set.of()));
            calls.put(key, peers);
        });
        return calls;
    }

    /**
     * The backend a request path reaches among several Ingresses of one host, as the controller merges them into
     * one server: an Exact path of any of them first, then the longest Prefix of all.
     */
    static Optional<String> backendFor(List<Ingress> ingresses, String requestPath) {
        Optional<String> best = Optional.empty();
        int bestLength = -1;
        for (Ingress ingress : ingresses) {
            for (var rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath p : rule.getHttp().getPaths()) {
                    if ("Exact".equals(p.getPathType()) && p.getPath().equals(requestPath)) {
                        return Optional.of(p.getBackend().getService().getName());
                    }
                }
            }
        }
        for (Ingress ingress : ingresses) {
            Optional<String> own = backendFor(ingress, requestPath);
            if (own.isPresent()) {
                int length = matchedPrefixLength(ingress, requestPath);
                if (length > bestLength) {
                    best = own;
                    bestLength = length;
                }
            }
        }
        return best;
    }

    private static int matchedPrefixLength(Ingress ingress, String requestPath) {
        int best = -1;
        for (var rule : ingress.getSpec().getRules()) {
            for (HTTPIngressPath p : rule.getHttp().getPaths()) {
                if ("Prefix".equals(p.getPathType())) {
                    List<String> prefix = elements(p.getPath());
                    List<String> request = elements(requestPath);
                    if (request.size() >= prefix.size() && request.subList(0, prefix.size()).equals(prefix)) {
                        best = Math.max(best, prefix.size());
                    }
                }
            }
        }
        return best;
    }

    /** The Ingress backend (Service name) a request path reaches: Exact first, then the longest Prefix by elements. */
    static Optional<String> backendFor(Ingress ingress, String requestPath) {
        HTTPIngressPath best = null;
        int bestLength = -1;
        for (var rule : ingress.getSpec().getRules()) {
            for (HTTPIngressPath p : rule.getHttp().getPaths()) {
                if ("Exact".equals(p.getPathType())) {
                    if (p.getPath().equals(requestPath)) {
                        return Optional.of(p.getBackend().getService().getName());
                    }
                } else if ("Prefix".equals(p.getPathType())) {
                    List<String> prefix = elements(p.getPath());
                    List<String> request = elements(requestPath);
                    if (request.size() >= prefix.size() && request.subList(0, prefix.size()).equals(prefix)
                            && prefix.size() > bestLength) {
                        best = p;
                        bestLength = prefix.size();
                    }
                } else {
                    throw new AssertionError("unexpected pathType " + p.getPathType() + " for " + p.getPath());
                }
            }
        }
        return Optional.ofNullable(best).map(p -> p.getBackend().getService().getName());
    }

    private static List<String> elements(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new AssertionError("matchExpressions are not evaluated by these tests: " + selector);
        }
        Map<String, String> want = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return want.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /** A pod of the release: its labels and its one container's ports. */
    record Pod(String name, Map<String, String> labels, Container container) {

        static Pod of(Deployment d) {
            return new Pod(d.getMetadata().getName(), d.getSpec().getTemplate().getMetadata().getLabels(),
                    d.getSpec().getTemplate().getSpec().getContainers().get(0));
        }

        boolean exposes(List<NetworkPolicyPort> ports, int number) {
            if (ports == null || ports.isEmpty()) {
                return true;
            }
            for (NetworkPolicyPort p : ports) {
                IntOrString port = p.getPort();
                if (port == null) {
                    return true;
                }
                if (port.getIntVal() != null && port.getIntVal() == number) {
                    return true;
                }
                if (port.getStrVal() != null && container.getPorts().stream()
                        .anyMatch(cp -> port.getStrVal().equals(cp.getName()) && cp.getContainerPort() == number)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Whether a peer clause names this pod of the release (same namespace: no namespaceSelector). */
    private static boolean peerMatches(NetworkPolicyPeer peer, Pod pod) {
        return peer.getPodSelector() != null && peer.getNamespaceSelector() == null && peer.getIpBlock() == null
                && selects(peer.getPodSelector(), pod.labels());
    }

    /**
     * Whether {@code from} may open a connection to {@code to} on {@code port}: every policy selecting {@code from}
     * for egress must be passed by one of them allowing it, and likewise for ingress at {@code to} (a pod no policy
     * selects is not isolated). ipBlock peers are taken to reach pods too when they allow the port (conservative).
     */
    static boolean allows(List<NetworkPolicy> policies, Pod from, Pod to, int port) {
        boolean egressIsolated = false;
        boolean egressAllowed = false;
        boolean ingressIsolated = false;
        boolean ingressAllowed = false;
        for (NetworkPolicy np : policies) {
            List<String> types = np.getSpec().getPolicyTypes();
            if (selects(np.getSpec().getPodSelector(), from.labels()) && types.contains("Egress")) {
                egressIsolated = true;
                for (var rule : np.getSpec().getEgress()) {
                    boolean peer = rule.getTo() == null || rule.getTo().isEmpty() || rule.getTo().stream()
                            .anyMatch(p -> peerMatches(p, to) || p.getIpBlock() != null);
                    if (peer && to.exposes(rule.getPorts(), port)) {
                        egressAllowed = true;
                    }
                }
            }
            if (selects(np.getSpec().getPodSelector(), to.labels()) && types.contains("Ingress")) {
                ingressIsolated = true;
                for (var rule : np.getSpec().getIngress()) {
                    boolean peer = rule.getFrom() == null || rule.getFrom().isEmpty() || rule.getFrom().stream()
                            .anyMatch(p -> peerMatches(p, from) || p.getIpBlock() != null);
                    if (peer && to.exposes(rule.getPorts(), port)) {
                        ingressAllowed = true;
                    }
                }
            }
        }
        return (!egressIsolated || egressAllowed) && (!ingressIsolated || ingressAllowed);
    }

    /** Where a variable of a container comes from: a literal (from env or a ConfigMap) or a Secret's key. */
    record Source(String literal, String secret, String key, String configMap) {
    }

    static Map<String, Source> environment(Chart.Rendered rendered, Container c) {
        Map<String, Source> env = new LinkedHashMap<>();
        for (EnvFromSource from : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                ConfigMap cm = rendered.get(ConfigMap.class, from.getConfigMapRef().getName());
                // A ConfigMap with nothing to say (a service without database, peers or config) has no data.
                if (cm.getData() != null) {
                    cm.getData().forEach((k, v) -> env.put(k, new Source(v, null, null, cm.getMetadata().getName())));
                }
            } else {
                throw new AssertionError("envFrom other than a ConfigMap: " + from);
            }
        }
        for (EnvVar v : c.getEnv()) {
            if (v.getValueFrom() != null && v.getValueFrom().getSecretKeyRef() != null) {
                var ref = v.getValueFrom().getSecretKeyRef();
                env.put(v.getName(), new Source(null, ref.getName(), ref.getKey(), null));
            } else {
                env.put(v.getName(), new Source(v.getValue(), null, null, null));
            }
        }
        return env;
    }

    static Service serviceNamed(Chart.Rendered rendered, String name) {
        return rendered.get(Service.class, name);
    }
}
