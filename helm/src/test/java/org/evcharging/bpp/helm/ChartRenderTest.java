package org.evcharging.bpp.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart rendered ({@code helm template}) for each way operators install it, checked as typed objects: every
 * service complete and locked down, every route of routes.yaml at its owner, credentials only in Secrets, and
 * NetworkPolicies that allow exactly the calls the services' REST clients make.
 */
class ChartRenderTest {

    /** Service keys whose HPA is on with the default values. */
    private static final Set<String> AUTOSCALED_BY_DEFAULT = Set.of("catalog", "quote", "order");

    private static final Set<String> CREDENTIAL_VARIABLES = Set.of("DB_PASSWORD", "KEYSTORE_PASSWORD",
            "BECKN_SIGNING_PRIVATE_KEY", "PAYMENT_SANDBOX_WEBHOOK_SECRET", "PAYMENT_STRIPE_SECRET_KEY",
            "PAYMENT_STRIPE_WEBHOOK_SECRET");

    /** What local-suite's environment(...) passes every service, and the chart must too. */
    private static final Set<String> ENVIRONMENT_CONTRACT = Set.of("HTTP_PORT", "DB_HOST", "DB_PORT", "DB_NAME",
            "DB_USER", "BECKN_SUBSCRIBER_ID", "BECKN_SUBSCRIBER_URI", "BECKN_KEY_ID", "BECKN_SIGNING_PRIVATE_KEY",
            "BECKN_REGISTRY_URL", "MP_JWT_VERIFY_ISSUER");

    private static Cluster.RouteTable routes;
    private static Map<String, Set<String>> calls;

    record Setup(String name, List<Path> valuesFiles, Map<String, Object> sets) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** Secrets given as values: they must come out in Secrets only. */
    private static final Map<String, Object> GIVEN_SECRETS = Map.of(
            "secrets.becknSigningPrivateKey", "c2VlZC1vZi10aGlydHktdHdvLWJ5dGVzLWZvci10ZXN0cw==",
            "secrets.keystorePassword", "keystore-password-given-in-values",
            "secrets.paymentSandboxWebhookSecret", "webhook-secret-given-in-values-0123456789",
            "secrets.serviceTokens.order-quote", "eyJhbGciOiJSUzI1NiJ9.order-token-given-in-values.c2lnbmF0dXJl",
            "externalDatabase.databases.catalog.password", "catalog-db-password-given-in-values");

    static Stream<Arguments> setups() {
        return Stream.of(
                new Setup("default values", List.of(), Map.of()),
                new Setup("busy region", List.of(Chart.BUSY_REGION), Map.of()),
                new Setup("external database", List.of(Chart.EXTERNAL_DATABASE), Map.of()),
                new Setup("bundled MariaDB", List.of(), Map.of("mariadb.enabled", true)),
                new Setup("secrets given as values", List.of(), GIVEN_SECRETS))
                .map(Arguments::of);
    }

    @BeforeAll
    static void readTheFactsTheChartMustAgreeWith() {
        routes = Cluster.RouteTable.read(Chart.DIR);
        calls = Cluster.callsMadeByTheServices(Chart.REPO, routes);
        // The facts themselves: if these change, the services changed, and the chart's peers must follow.
        assertEquals(Set.of("quote", "catalog", "payment", "charger"), calls.get("order"));
        assertEquals(Set.of("catalog", "order"), calls.get("quote"));
        assertEquals(Set.of("catalog", "order", "quote"), calls.get("support-rating"));
        assertEquals(Set.of("catalog", "charger"), calls.get("charger"));
    }

    /** Services with no Beckn action, hence nothing to reach on the internet. */
    private static final Set<String> NO_INTERNET = Set.of("charger", "console");

    /** Services that speak no Beckn (no signing key) and publish no OpenAPI document: the console's static pages. */
    private static final Set<String> NOT_BECKN = Set.of("console");
    private static final Set<String> NO_OPENAPI = Set.of("console");

    private static final Map<String, Chart.Rendered> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    /** Each setup is rendered once for all the checks. */
    private static Chart.Rendered render(Setup setup) {
        return RENDERED.computeIfAbsent(setup.name(), n -> Chart.render(setup.valuesFiles(), setup.sets()));
    }

    private static String name(String key) {
        return Chart.RELEASE + "-ev-charging-bpp-" + key;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void everyServiceHasDeploymentServiceAutoscalingOrReplicasDisruptionBudgetAndAccount(Setup setup) {
        Chart.Rendered r = render(setup);
        for (String key : routes.modules().keySet()) {
            Deployment d = r.get(Deployment.class, name(key));
            Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertEquals(key, podLabels.get("app.kubernetes.io/component"));
            assertTrue(Cluster.selects(d.getSpec().getSelector(), podLabels), key + ": selector matches its pods");

            Service s = r.get(Service.class, name(key));
            assertTrue(Cluster.selects(s.getSpec().getSelector(), podLabels), key + ": Service selects its pods");
            assertEquals("http", s.getSpec().getPorts().get(0).getTargetPort().getStrVal());

            boolean autoscaled = r.has(HorizontalPodAutoscaler.class, name(key));
            if (autoscaled) {
                HorizontalPodAutoscaler hpa = r.get(HorizontalPodAutoscaler.class, name(key));
                assertEquals("autoscaling/v2", hpa.getApiVersion());
                assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
                assertEquals(d.getMetadata().getName(), hpa.getSpec().getScaleTargetRef().getName());
                assertTrue(hpa.getSpec().getMaxReplicas() >= hpa.getSpec().getMinReplicas());
                assertNull(d.getSpec().getReplicas(), key + ": no replicas beside an HPA (it would fight the HPA)");
            } else {
                assertNotNull(d.getSpec().getReplicas(), key + ": replicas when no HPA");
                assertTrue(d.getSpec().getReplicas() >= 1);
            }
            if (setup.valuesFiles().isEmpty() && setup.sets().isEmpty()) {
                assertEquals(AUTOSCALED_BY_DEFAULT.contains(key), autoscaled, key + ": HPA on by default or not");
            }

            PodDisruptionBudget pdb = r.get(PodDisruptionBudget.class, name(key));
            assertTrue(Cluster.selects(pdb.getSpec().getSelector(), podLabels), key + ": PDB selects its pods");

            PodSpec pod = d.getSpec().getTemplate().getSpec();
            ServiceAccount sa = r.get(ServiceAccount.class, pod.getServiceAccountName());
            assertEquals(Boolean.FALSE, sa.getAutomountServiceAccountToken());
            assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken());

            Container c = pod.getContainers().get(0);
            assertTrue(c.getImage().endsWith("/" + routes.modules().get(key) + ":0.1.0"), c.getImage());
            assertNotNull(c.getResources().getRequests().get("memory"), key + ": memory request");
            assertNotNull(c.getResources().getLimits().get("memory"), key + ": memory limit");
            String jvm = Cluster.environment(r, c).get("JVM_ARGS").literal();
            assertTrue(jvm.matches(".*-Xmx\\d+[mg].*"), key + ": JVM heap in JVM_ARGS: " + jvm);
            // Outside the heap a service holds ~250 MB (metaspace ~120 MB of Liberty's features, code cache,
            // threads; BENCHMARKS.md): the heap and that must fit the limit, and the request must not exceed it.
            java.util.regex.Matcher xmx = java.util.regex.Pattern.compile("-Xmx(\\d+)([mg])").matcher(jvm);
            assertTrue(xmx.find());
            long heap = Long.parseLong(xmx.group(1)) << (xmx.group(2).equals("g") ? 30 : 20);
            long limit = io.fabric8.kubernetes.api.model.Quantity
                    .getAmountInBytes(c.getResources().getLimits().get("memory")).longValue();
            long request = io.fabric8.kubernetes.api.model.Quantity
                    .getAmountInBytes(c.getResources().getRequests().get("memory")).longValue();
            assertTrue(heap + (256L << 20) <= limit,
                    key + ": -Xmx " + (heap >> 20) + " MiB + 256 MiB outside the heap within the limit "
                            + (limit >> 20));
            if (routes.hasDatabase(key)) {
                assertTrue(request >= (512L << 20), key + ": memory request " + (request >> 20)
                        + " MiB, below the least any service was measured to use (426 MiB with the smallest settings)");
            } else {
                // Not measured in BENCHMARKS.md: a Liberty without JPA or a JDBC driver, serving static files.
                assertTrue(request >= (256L << 20), key + ": memory request " + (request >> 20)
                        + " MiB, below the heap and the ~250 MB any Liberty holds outside it");
            }
            assertTrue(request <= limit, key + ": request " + (request >> 20) + " MiB over the limit " + (limit >> 20));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void probesAreOnMicroProfileHealth(Setup setup) {
        Chart.Rendered r = render(setup);
        for (String key : routes.modules().keySet()) {
            Container c = r.get(Deployment.class, name(key)).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertProbe(key, c.getStartupProbe(), "/health/started");
            assertProbe(key, c.getLivenessProbe(), "/health/live");
            assertProbe(key, c.getReadinessProbe(), "/health/ready");
            assertEquals("http", c.getPorts().get(0).getName());
            assertEquals(String.valueOf(c.getPorts().get(0).getContainerPort()),
                    Cluster.environment(r, c).get("HTTP_PORT").literal(), key + ": Liberty listens on the probed port");
        }
    }

    private static void assertProbe(String key, Probe probe, String path) {
        assertNotNull(probe, key + ": probe on " + path);
        assertEquals(path, probe.getHttpGet().getPath(), key);
        assertEquals("http", probe.getHttpGet().getPort().getStrVal(), key);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void podsRunAsNonRootWithoutCapabilitiesUnderRuntimeDefaultSeccomp(Setup setup) {
        Chart.Rendered r = render(setup);
        for (Deployment d : r.all(Deployment.class)) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), d.getMetadata().getName());
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
            for (Container c : pod.getContainers()) {
                var sc = c.getSecurityContext();
                assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), c.getName());
                assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), c.getName());
                assertEquals("RuntimeDefault", sc.getSeccompProfile().getType(), c.getName());
                assertEquals(Boolean.TRUE, sc.getRunAsNonRoot(), c.getName());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void everyBecknActionAndAdminPathOfTheRouteTableReachesItsOwner(Setup setup) {
        Chart.Rendered r = render(setup);
        List<Ingress> ingress = r.all(Ingress.class);
        assertEquals(Set.of(Chart.RELEASE + "-ev-charging-bpp", Chart.RELEASE + "-ev-charging-bpp-websocket"),
                ingress.stream().map(i -> i.getMetadata().getName()).collect(java.util.stream.Collectors.toSet()),
                "the main Ingress and the WebSockets' one");
        ingress.forEach(i -> assertEquals(1, i.getSpec().getRules().size(), "one host"));
        assertEquals(1, ingress.stream().map(i -> String.valueOf(i.getSpec().getRules().get(0).getHost())).distinct()
                .count(), "the same host");
        int paths = ingress.stream().mapToInt(i -> i.getSpec().getRules().get(0).getHttp().getPaths().size()).sum();
        assertEquals(routes.routes().stream().filter(rt -> "public".equals(rt.get("access"))).count(), paths,
                "one Ingress path per public route of routes.yaml");
        for (Map<String, String> route : routes.routes()) {
            String owner = route.get("service");
            if ("internal".equals(route.get("access"))) {
                String request = route.get("prefix") + "v1/anything";
                assertFalse(Cluster.backendFor(ingress, request).isPresent(),
                        request + " is internal: not at the edge");
                continue;
            }
            assertEquals("public", route.get("access"), "every route says its access: " + route);
            List<String> requests = route.containsKey("path")
                    ? List.of(route.get("path"))
                    : List.of(route.get("prefix") + "v1/anything", route.get("prefix") + "openapi");
            for (String request : requests) {
                String backend = Cluster.backendFor(ingress, request)
                        .orElseThrow(() -> new AssertionError(request + " reaches no backend"));
                Service s = r.get(Service.class, backend);
                assertEquals(owner, s.getSpec().getSelector().get("app.kubernetes.io/component"),
                        request + " must reach " + owner);
            }
            if (route.containsKey("path")) {
                // An exact path covers nothing below it (unless a prefix route of its own does: /console/).
                String below = route.get("path") + "/more";
                boolean underAPrefix = routes.routes().stream().anyMatch(o -> "public".equals(o.get("access"))
                        && o.containsKey("prefix") && below.startsWith(o.get("prefix")));
                assertFalse(Cluster.backendFor(ingress, route.get("path") + "-more").isPresent(),
                        route.get("path") + " is an exact path");
                if (!underAPrefix) {
                    assertFalse(Cluster.backendFor(ingress, below).isPresent(),
                            route.get("path") + " is an exact path");
                }
            }
        }
        // The Beckn actions are all there (the workflow's nine, and core's track) and at the service that implements
        // them.
        Map<String, String> actions = new LinkedHashMap<>();
        for (String action : List.of("search", "select", "init", "confirm", "update", "status", "track", "cancel",
                "rating", "support")) {
            String backend = Cluster.backendFor(ingress, "/" + action)
                    .orElseThrow(() -> new AssertionError("/" + action + " is not routed"));
            actions.put(action,
                    r.get(Service.class, backend).getSpec().getSelector().get("app.kubernetes.io/component"));
        }
        assertEquals(Map.of("search", "catalog", "select", "quote", "init", "order", "confirm", "order",
                "update", "order", "status", "order", "track", "order", "cancel", "order", "rating", "support-rating",
                "support", "support-rating"), actions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void eachServicePublishesItsOpenApiUnderAStablePathAtTheEdge(Setup setup) {
        Chart.Rendered r = render(setup);
        List<Ingress> ingress = r.all(Ingress.class);
        for (String key : routes.modules().keySet()) {
            Container c = r.get(Deployment.class, name(key)).getSpec().getTemplate().getSpec().getContainers().get(0);
            boolean mounted = c.getVolumeMounts().stream().anyMatch(
                    vm -> vm.getMountPath().equals("/config/configDropins/overrides/ev-charging-bpp-openapi.xml"));
            if (NO_OPENAPI.contains(key)) {
                assertFalse(r.has(ConfigMap.class, name(key) + "-liberty"), key + " has no OpenAPI document");
                assertFalse(mounted, key + ": no OpenAPI drop-in");
                continue;
            }
            ConfigMap dropin = r.get(ConfigMap.class, name(key) + "-liberty");
            String xml = dropin.getData().get("ev-charging-bpp-openapi.xml");
            var m = java.util.regex.Pattern.compile("docPath=\"([^\"]+)\" uiPath=\"([^\"]+)\"").matcher(xml);
            assertTrue(m.find(), xml);
            for (String path : List.of(m.group(1), m.group(2))) {
                String backend = Cluster.backendFor(ingress, path).orElseThrow();
                assertEquals(key, r.get(Service.class, backend).getSpec().getSelector()
                        .get("app.kubernetes.io/component"), path + " must reach " + key);
            }
            assertTrue(mounted, key + ": the drop-in is mounted where Liberty reads overrides");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void credentialsComeFromSecretsAndNeverAppearInConfigMaps(Setup setup) {
        Chart.Rendered r = render(setup);
        Set<String> secretValues = new HashSet<>();
        for (Secret s : r.all(Secret.class)) {
            if (s.getData() != null) {
                s.getData().values().forEach(v -> secretValues.add(
                        new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
            }
            if (s.getStringData() != null) {
                secretValues.addAll(s.getStringData().values());
            }
        }
        setup.sets().forEach((k, v) -> {
            if (k.startsWith("secrets.") || k.endsWith(".password")) {
                secretValues.add(String.valueOf(v));
                assertTrue(r.text().contains(Base64.getEncoder().encodeToString(
                        String.valueOf(v).getBytes(StandardCharsets.UTF_8))), k + " is rendered into a Secret");
            }
        });
        for (ConfigMap cm : r.all(ConfigMap.class)) {
            for (var e : cm.getData().entrySet()) {
                assertFalse(CREDENTIAL_VARIABLES.contains(e.getKey()),
                        cm.getMetadata().getName() + " holds the credential " + e.getKey());
                for (String secret : secretValues) {
                    if (secret.length() >= 8) {
                        assertFalse(e.getValue().contains(secret),
                                cm.getMetadata().getName() + "/" + e.getKey() + " holds a Secret's value");
                    }
                }
            }
        }
        for (Deployment d : r.all(Deployment.class)) {
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            Map<String, Cluster.Source> env = Cluster.environment(r, pod.getContainers().get(0));
            for (String credential : CREDENTIAL_VARIABLES) {
                Cluster.Source source = env.get(credential);
                if (source != null) {
                    assertNull(source.literal(), d.getMetadata().getName() + ": " + credential + " is a literal");
                    assertNotNull(source.secret(), d.getMetadata().getName() + ": " + credential + " from a Secret");
                }
            }
            // db.password (with a database) and keystore.password: Liberty variables, files from Secrets in
            // /config/variables.
            String key = d.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/component");
            Volume variables = pod.getVolumes().stream().filter(v -> v.getName().equals("liberty-variables"))
                    .findFirst().orElseThrow();
            Set<String> files = new TreeSet<>();
            variables.getProjected().getSources().forEach(src -> {
                assertNotNull(src.getSecret(), "Liberty variables come from Secrets only");
                src.getSecret().getItems().forEach(i -> files.add(i.getPath()));
            });
            assertEquals(routes.hasDatabase(key) ? Set.of("db.password", "keystore.password")
                    : Set.of("keystore.password"), files, key);
            assertTrue(pod.getContainers().get(0).getVolumeMounts().stream()
                    .anyMatch(m -> m.getName().equals("liberty-variables")
                            && m.getMountPath().equals("/config/variables")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void everyServiceGetsTheEnvironmentContractOfTheLocalSuite(Setup setup) {
        Chart.Rendered r = render(setup);
        for (String key : routes.modules().keySet()) {
            Deployment d = r.get(Deployment.class, name(key));
            Map<String, Cluster.Source> env = Cluster.environment(r,
                    d.getSpec().getTemplate().getSpec().getContainers().get(0));
            Set<String> expected = new TreeSet<>(ENVIRONMENT_CONTRACT);
            if (!routes.hasDatabase(key)) {
                // No database of its own: nothing to connect to (DB_HOST and DB_PORT are in the common ConfigMap).
                expected.removeAll(Set.of("DB_NAME", "DB_USER"));
                assertNull(env.get("DB_NAME"), key);
                assertNull(env.get("DB_USER"), key);
            }
            if (NOT_BECKN.contains(key)) {
                expected.remove("BECKN_SIGNING_PRIVATE_KEY");
                assertNull(env.get("BECKN_SIGNING_PRIVATE_KEY"), key + " signs nothing: no signing key");
            }
            Set<String> missing = new TreeSet<>(expected);
            missing.removeAll(env.keySet());
            assertTrue(missing.isEmpty(), key + " lacks " + missing);
            if (!NOT_BECKN.contains(key)) {
                assertEquals("beckn-signing-private-key", env.get("BECKN_SIGNING_PRIVATE_KEY").key());
            }
            for (String peer : calls.get(key)) {
                String variable = peer.toUpperCase().replace('-', '_') + "_MP_REST_URL";
                if (peer.equals(key)) {
                    assertNull(env.get(variable), key + " reaches its own replicas by pod address, not its Service");
                    continue;
                }
                Cluster.Source url = env.get(variable);
                assertNotNull(url, key + " is not told where " + peer + " is (" + variable + ")");
                Service s = r.get(Service.class, name(peer));
                assertEquals("http://" + s.getMetadata().getName() + ":" + s.getSpec().getPorts().get(0).getPort(),
                        url.literal(), key + " -> " + peer);
                assertEquals(peer, s.getSpec().getSelector().get("app.kubernetes.io/component"));
            }
        }
        Map<String, Cluster.Source> payment = Cluster.environment(r,
                r.get(Deployment.class, name("payment")).getSpec().getTemplate().getSpec().getContainers().get(0));
        assertEquals("payment-sandbox-webhook-secret", payment.get("PAYMENT_SANDBOX_WEBHOOK_SECRET").key());
        assertTrue(payment.get("PAYMENT_PUBLIC_URL").literal().startsWith("https://"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void eachServiceReadsOneTokenPerPeerFromTheSecretAsFilesThatCanBeRenewed(Setup setup) {
        Chart.Rendered r = render(setup);
        for (String key : routes.modules().keySet()) {
            Deployment d = r.get(Deployment.class, name(key));
            PodSpec pod = d.getSpec().getTemplate().getSpec();
            Volume tokens = pod.getVolumes().stream().filter(v -> v.getName().equals("service-tokens")).findFirst()
                    .orElse(null);
            if (calls.get(key).isEmpty()) {
                assertNull(tokens, key + " calls no peer: no tokens");
                continue;
            }
            assertNotNull(tokens, key + " has its peers' tokens");
            Map<String, Cluster.Source> env = Cluster.environment(r, pod.getContainers().get(0));
            assertEquals(env.get("BECKN_SIGNING_PRIVATE_KEY").secret(), tokens.getSecret().getSecretName(),
                    "the credentials Secret, the chart's or the operator's");
            assertEquals(Boolean.TRUE, tokens.getSecret().getOptional(),
                    "a missing token fails that call, not the pod");
            Map<String, String> items = new java.util.TreeMap<>();
            tokens.getSecret().getItems().forEach(i -> items.put(i.getKey(), i.getPath()));
            Map<String, String> expected = new java.util.TreeMap<>();
            calls.get(key).forEach(peer -> expected.put("service-token-" + key + "-" + peer, peer));
            assertEquals(expected, items, key + ": one file per peer, named for the peer");
            var mount = pod.getContainers().get(0).getVolumeMounts().stream()
                    .filter(m -> m.getName().equals("service-tokens")).findFirst().orElseThrow();
            assertNull(mount.getSubPath(), "a subPath mount would never see a renewed token");
            assertEquals(Boolean.TRUE, mount.getReadOnly());
            assertEquals(mount.getMountPath(), env.get("BPP_SERVICE_TOKENS_DIR").literal(), key);
        }
    }

    /** The payment settings, rendered with exactly what an operator gives (no trial values added). */
    private static Chart.Rendered renderAsGiven(Map<String, Object> sets) {
        return Chart.renderAsGiven(List.of(), sets);
    }

    @org.junit.jupiter.api.Test
    void grafanaDashboardsAreOffByDefaultAndWhenOnAreConfigMapsTheSidecarLoadsWithValidDashboards() throws Exception {
        assertTrue(Chart.render().all(ConfigMap.class).stream()
                .noneMatch(c -> c.getMetadata().getName().contains("-dashboard-")), "off by default");

        Chart.Rendered r = Chart.render(List.of(), Map.of("grafana.dashboards.enabled", true));
        List<ConfigMap> dashboards = r.all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().contains("-dashboard-")).toList();
        List<String> files;
        try (var listing = java.nio.file.Files.list(Chart.DIR.resolve("dashboards"))) {
            files = listing.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted().toList();
        }
        assertEquals(3, files.size(), files.toString());
        assertEquals(files, dashboards.stream().flatMap(c -> c.getData().keySet().stream()).sorted().toList(),
                "one ConfigMap per dashboard file");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.Set<String> uids = new java.util.HashSet<>();
        for (ConfigMap c : dashboards) {
            assertEquals("1", c.getMetadata().getLabels().get("grafana_dashboard"), "the sidecar's label");
            assertEquals("EV charging BPP", c.getMetadata().getAnnotations().get("grafana_folder"));
            assertEquals("ev-charging-bpp", c.getMetadata().getLabels().get("app.kubernetes.io/part-of"));
            String file = c.getData().keySet().iterator().next();
            com.fasterxml.jackson.databind.JsonNode d = json.readTree(c.getData().get(file));
            assertEquals(json.readTree(Chart.DIR.resolve("dashboards").resolve(file).toFile()), d, "the file as it is");
            assertTrue(uids.add(d.path("uid").asText()), "a uid of its own: " + file);
            assertFalse(d.path("panels").isEmpty(), file);
            for (com.fasterxml.jackson.databind.JsonNode panel : d.path("panels")) {
                assertEquals("${datasource}", panel.at("/datasource/uid").asText(), "the chosen Prometheus: " + file);
                assertFalse(panel.path("targets").isEmpty(), panel.path("title").asText());
                panel.path("targets").forEach(t -> assertTrue(t.path("expr").asText().contains("$namespace"),
                        "filtered by the namespace variable: " + t.path("expr").asText()));
            }
        }

        Chart.Rendered elsewhere = Chart.render(List.of(), Map.of("grafana.dashboards.enabled", true,
                "grafana.dashboards.namespace", "monitoring", "grafana.dashboards.label", "dashboards",
                "grafana.dashboards.labelValue", "bpp", "grafana.dashboards.folder", ""));
        List<ConfigMap> moved = elsewhere.all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().contains("-dashboard-")).toList();
        assertEquals(files.size(), moved.size());
        for (ConfigMap c : moved) {
            {
                assertEquals("monitoring", c.getMetadata().getNamespace(), "in Grafana's namespace");
                assertEquals("bpp", c.getMetadata().getLabels().get("dashboards"));
                assertTrue(c.getMetadata().getAnnotations() == null
                        || !c.getMetadata().getAnnotations().containsKey("grafana_folder"), "no folder");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theSandboxGatewayIsRefusedUnlessAllowedSayingWhy() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Chart.templateAsGiven(Chart.DIR, List.of(), Map.of()));
        assertTrue(e.getMessage().contains("payments.gateway is sandbox") && e.getMessage().contains("no money moving")
                && e.getMessage().contains("payments.allowSandbox=true"), e.getMessage());

        Chart.Rendered trial = renderAsGiven(Map.of("payments.allowSandbox", true));
        Map<String, Cluster.Source> env = Cluster.environment(trial, trial.get(Deployment.class, name("payment"))
                .getSpec().getTemplate().getSpec().getContainers().get(0));
        assertEquals("sandbox", env.get("PAYMENT_GATEWAY").literal());
        assertNull(env.get("PAYMENT_STRIPE_SECRET_KEY"));
    }

    @org.junit.jupiter.api.Test
    void stripeNeedsItsKeysAndGetsThemFromTheSecret() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Chart.templateAsGiven(Chart.DIR, List.of(), Map.of("payments.gateway", "stripe")));
        assertTrue(e.getMessage().contains("payments.gateway=stripe needs secrets.stripeSecretKey"), e.getMessage());
        IllegalStateException typo = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Chart.templateAsGiven(Chart.DIR, List.of(), Map.of("payments.gateway", "strip")));
        assertTrue(typo.getMessage().contains("/payments/gateway': value must be one of 'stripe', 'sandbox'"),
                typo.getMessage());

        Chart.Rendered r = renderAsGiven(Map.of("payments.gateway", "stripe",
                "secrets.stripeSecretKey", "sk_live_given_in_values_0123456789",
                "secrets.stripeWebhookSecret", "whsec_given_in_values_0123456789"));
        Map<String, Cluster.Source> env = Cluster.environment(r, r.get(Deployment.class, name("payment"))
                .getSpec().getTemplate().getSpec().getContainers().get(0));
        assertEquals("stripe", env.get("PAYMENT_GATEWAY").literal());
        assertEquals("payment-stripe-secret-key", env.get("PAYMENT_STRIPE_SECRET_KEY").key());
        assertEquals("payment-stripe-webhook-secret", env.get("PAYMENT_STRIPE_WEBHOOK_SECRET").key());
        Map<String, String> data = r.get(Secret.class, name("credentials")).getData();
        assertEquals("sk_live_given_in_values_0123456789",
                new String(Base64.getDecoder().decode(data.get("payment-stripe-secret-key")), StandardCharsets.UTF_8));
        assertFalse(r.text().contains("sk_live_given_in_values_0123456789"), "only base64, in the Secret");
        // With the operator's own Secret the chart cannot look inside: it trusts it, and the pod reads the keys.
        renderAsGiven(Map.of("payments.gateway", "stripe", "secrets.existingSecret", "bpp-credentials"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void networkPoliciesAllowExactlyTheCallsTheServicesMake(Setup setup) {
        Chart.Rendered r = render(setup);
        List<NetworkPolicy> policies = r.all(NetworkPolicy.class);
        NetworkPolicy deny = r.get(NetworkPolicy.class, Chart.RELEASE + "-ev-charging-bpp-default-deny");
        assertEquals(List.of("Ingress", "Egress"), deny.getSpec().getPolicyTypes());
        assertTrue(deny.getSpec().getIngress().isEmpty() && deny.getSpec().getEgress().isEmpty(),
                "deny-all has no rule");

        Map<String, Cluster.Pod> pods = new LinkedHashMap<>();
        for (String key : routes.modules().keySet()) {
            Cluster.Pod pod = Cluster.Pod.of(r.get(Deployment.class, name(key)));
            assertTrue(Cluster.selects(deny.getSpec().getPodSelector(), pod.labels()), key + " is under the deny-all");
            pods.put(key, pod);
        }
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        pods.forEach((from, fromPod) -> {
            Set<String> to = new TreeSet<>();
            pods.forEach((peer, peerPod) -> {
                if (Cluster.allows(policies, fromPod, peerPod,
                        peerPod.container().getPorts().get(0).getContainerPort())) {
                    to.add(peer);
                }
            });
            allowed.put(from, to);
        });
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        calls.forEach((k, v) -> expected.put(k, new TreeSet<>(v)));
        assertEquals(expected, allowed,
                "service -> service connections the NetworkPolicies allow (to itself only for charger's replicas)");

        for (String key : pods.keySet()) {
            NetworkPolicy np = r.get(NetworkPolicy.class, name(key));
            // From the ingress controller's namespace and pods only, to the http port.
            assertTrue(
                    np.getSpec().getIngress().stream()
                            .anyMatch(rule -> rule.getFrom().stream()
                                    .anyMatch(p -> p.getNamespaceSelector() != null && p.getPodSelector() != null
                                            && "ingress-nginx".equals(p.getNamespaceSelector().getMatchLabels()
                                                    .get("kubernetes.io/metadata.name")))),
                    key + ": the ingress controller may call it");
            np.getSpec().getIngress().forEach(rule -> rule.getFrom()
                    .forEach(p -> assertNull(p.getIpBlock(), key + ": no ipBlock may reach a service")));
            // Egress: DNS, its database, and HTTPS to public addresses (not the cluster's private ranges).
            var egress = np.getSpec().getEgress();
            assertTrue(egress.stream().anyMatch(rule -> rule.getPorts().stream()
                    .anyMatch(p -> p.getPort().getIntVal() == 53 && "UDP".equals(p.getProtocol()))), key + ": DNS");
            int dbPort = Integer.parseInt(Cluster.environment(r, pods.get(key).container()).get("DB_PORT").literal());
            assertEquals(routes.hasDatabase(key), egress.stream().anyMatch(rule -> rule.getPorts().stream()
                    .anyMatch(p -> p.getPort().getIntVal() != null && p.getPort().getIntVal() == dbPort)),
                    key + ": to its database, if it has one");
            var internet = egress.stream().filter(rule -> rule.getTo().stream().anyMatch(p -> p.getIpBlock() != null
                    && p.getIpBlock().getCidr().equals("0.0.0.0/0") && p.getIpBlock().getExcept() != null
                    && !p.getIpBlock().getExcept().isEmpty())).toList();
            if (NO_INTERNET.contains(key)) {
                assertEquals(List.of(), internet, key + ": no rule to the internet");
                continue;
            }
            assertEquals(1, internet.size(), key + ": one rule to the internet");
            assertTrue(internet.get(0).getTo().get(0).getIpBlock().getExcept().containsAll(
                    List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")), key + ": private ranges excluded");
            assertEquals(List.of(443), internet.get(0).getPorts().stream().map(p -> p.getPort().getIntVal()).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void eachChargerReplicaKnowsItsOwnAddressFromTheDownwardApiAndLeavesSlowly(Setup setup) {
        Chart.Rendered r = render(setup);
        Deployment d = r.get(Deployment.class, name("charger"));
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().get(0);
        int port = c.getPorts().get(0).getContainerPort();
        List<String> names = c.getEnv().stream().map(e -> e.getName()).toList();
        var podIp = c.getEnv().stream().filter(e -> e.getName().equals("POD_IP")).findFirst()
                .orElseThrow(() -> new AssertionError("charger: no POD_IP"));
        assertEquals("status.podIP", podIp.getValueFrom().getFieldRef().getFieldPath(), "from the downward API");
        var replicaUrl = c.getEnv().stream().filter(e -> e.getName().equals("CHARGER_REPLICA_URL")).findFirst()
                .orElseThrow(() -> new AssertionError("charger: no CHARGER_REPLICA_URL"));
        assertEquals("http://$(POD_IP):" + port, replicaUrl.getValue(), "this pod, on the port Liberty listens on");
        assertTrue(names.indexOf("POD_IP") < names.indexOf("CHARGER_REPLICA_URL"),
                "$(POD_IP) expands only from a variable defined before it");
        assertEquals(String.valueOf(port), Cluster.environment(r, c).get("HTTP_PORT").literal());
        // Its Service, on the http port (the Ingress and order-service reach it there).
        Service s = r.get(Service.class, name("charger"));
        assertEquals("http", s.getSpec().getPorts().get(0).getTargetPort().getStrVal());
        assertTrue(Cluster.selects(s.getSpec().getSelector(), d.getSpec().getTemplate().getMetadata().getLabels()));
        // Shutdown: out of the endpoints first, then Liberty closes the sockets; the chargers reconnect elsewhere.
        List<String> preStop = c.getLifecycle().getPreStop().getExec().getCommand();
        assertEquals("sleep", preStop.get(0));
        int sleep = Integer.parseInt(preStop.get(1));
        assertTrue(sleep >= 10, "time for the endpoints to be updated: " + sleep);
        assertTrue(pod.getTerminationGracePeriodSeconds() >= sleep + 30,
                "the sleep plus Liberty's 30 s quiesce: " + pod.getTerminationGracePeriodSeconds());
        assertEquals(0, d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal(),
                "a replica to reconnect to during a rollout");
        // The others have no replica address and no preStop.
        for (String key : routes.modules().keySet()) {
            if (!key.equals("charger")) {
                Container other = r.get(Deployment.class, name(key)).getSpec().getTemplate().getSpec()
                        .getContainers().get(0);
                assertTrue(other.getEnv().stream().noneMatch(e -> e.getName().equals("POD_IP")), key);
                assertNull(other.getLifecycle(), key);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void theChargersWebSocketsHaveAnIngressOfTheirOwnWithTimeoutsOfAnHour(Setup setup) {
        Chart.Rendered r = render(setup);
        Ingress main = r.get(Ingress.class, Chart.RELEASE + "-ev-charging-bpp");
        Ingress sockets = r.get(Ingress.class, Chart.RELEASE + "-ev-charging-bpp-websocket");
        Map<String, String> annotations = sockets.getMetadata().getAnnotations();
        for (String timeout : List.of("nginx.ingress.kubernetes.io/proxy-read-timeout",
                "nginx.ingress.kubernetes.io/proxy-send-timeout")) {
            assertTrue(Integer.parseInt(annotations.get(timeout)) >= 3600, timeout + ": hours, not 60 s");
            Map<String, String> mainAnnotations = main.getMetadata().getAnnotations();
            assertTrue(mainAnnotations == null || !mainAnnotations.containsKey(timeout),
                    "the other routes keep the controller's timeouts");
        }
        var paths = sockets.getSpec().getRules().get(0).getHttp().getPaths();
        assertEquals(List.of("/ocpp/"), paths.stream().map(p -> p.getPath()).toList(), "the WebSockets alone");
        assertEquals("Prefix", paths.get(0).getPathType());
        assertEquals(name("charger"), Cluster.backendFor(sockets, "/ocpp/CP-0001").orElseThrow());
        assertEquals(name("charger"), Cluster.backendFor(r.all(Ingress.class), "/ocpp/CP-0001").orElseThrow());
        assertEquals(name("charger"), Cluster.backendFor(main, "/chargers/v1/charge-points").orElseThrow(),
                "the REST API stays on the main Ingress");
        assertFalse(Cluster.backendFor(main, "/ocpp/CP-0001").isPresent(), "/ocpp/ on one Ingress only");
        assertFalse(Cluster.backendFor(r.all(Ingress.class), "/internal/chargers/v1/CP-0001/start").isPresent(),
                "/internal/chargers/ is internal: not at the edge");
        // The same host, class and TLS Secret (wss://: OCPP security profile 2); cert-manager's annotations stay on
        // the main Ingress, the certificate's one owner.
        assertEquals(main.getSpec().getRules().get(0).getHost(), sockets.getSpec().getRules().get(0).getHost());
        assertEquals(main.getSpec().getIngressClassName(), sockets.getSpec().getIngressClassName());
        assertEquals(main.getSpec().getTls(), sockets.getSpec().getTls());
        assertFalse(sockets.getSpec().getTls().isEmpty(), "TLS by default");
        assertTrue(annotations.keySet().stream().noneMatch(k -> k.startsWith("cert-manager.io/")), "" + annotations);
        if (setup.valuesFiles().contains(Chart.EXTERNAL_DATABASE)) {
            assertEquals("letsencrypt", main.getMetadata().getAnnotations().get("cert-manager.io/cluster-issuer"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void onlyOrderTheIngressAndItsOwnReplicasReachTheChargerService(Setup setup) {
        Chart.Rendered r = render(setup);
        List<NetworkPolicy> policies = r.all(NetworkPolicy.class);
        Cluster.Pod charger = Cluster.Pod.of(r.get(Deployment.class, name("charger")));
        int port = charger.container().getPorts().get(0).getContainerPort();
        Map<String, Boolean> reach = new java.util.TreeMap<>();
        for (String key : routes.modules().keySet()) {
            reach.put(key, Cluster.allows(policies, Cluster.Pod.of(r.get(Deployment.class, name(key))), charger,
                    port));
        }
        assertEquals(Map.of("catalog", false, "charger", true, "order", true, "payment", false, "quote", false,
                "support-rating", false, "console", false), reach, "who may open a connection to charger-service");
        Map<String, Boolean> from = new java.util.TreeMap<>();
        for (String key : routes.modules().keySet()) {
            Cluster.Pod peer = Cluster.Pod.of(r.get(Deployment.class, name(key)));
            from.put(key, Cluster.allows(policies, charger, peer, peer.container().getPorts().get(0)
                    .getContainerPort()));
        }
        assertEquals(Map.of("catalog", true, "charger", true, "order", false, "payment", false, "quote", false,
                "support-rating", false, "console", false), from, "whom charger-service may call");
        NetworkPolicy np = r.get(NetworkPolicy.class, name("charger"));
        assertTrue(np.getSpec().getIngress().stream().anyMatch(rule -> rule.getFrom().stream()
                .anyMatch(p -> p.getNamespaceSelector() != null && "ingress-nginx".equals(
                        p.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")))
                && rule.getPorts().stream().allMatch(p -> "http".equals(p.getPort().getStrVal()))),
                "the ingress controller, on the http port only");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void theConsoleServesItsPagesWithTheIdentityProvidersSettingsAndKeepsNoData(Setup setup) {
        Chart.Rendered r = render(setup);
        Deployment d = r.get(Deployment.class, name("console"));
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().get(0);
        assertTrue(c.getImage().endsWith("/console:0.1.0"), c.getImage());
        assertFalse(r.has(HorizontalPodAutoscaler.class, name("console")), "fixed replicas");
        assertEquals(2, d.getSpec().getReplicas());
        assertEquals("-Xmx96m", Cluster.environment(r, c).get("JVM_ARGS").literal());

        // Its login: the identity provider the services take tokens from, unless told otherwise.
        Map<String, Cluster.Source> env = Cluster.environment(r, c);
        String issuer = setup.valuesFiles().contains(Chart.EXTERNAL_DATABASE)
                ? "https://id.charging.example.com/realms/bpp"
                : "https://ev-charging-bpp.local/onboarding";
        assertEquals(issuer, env.get("MP_JWT_VERIFY_ISSUER").literal(), "the services' issuer");
        assertEquals(issuer, env.get("CONSOLE_OIDC_ISSUER").literal(), "defaults to jwt.issuer");
        assertEquals("ev-charging-bpp-console", env.get("CONSOLE_OIDC_CLIENT_ID").literal());
        assertEquals("openid", env.get("CONSOLE_OIDC_SCOPE").literal());
        assertEquals("false", env.get("CONSOLE_DEV_LOGIN").literal(), "no development login in a cluster");
        assertNull(env.get("CONSOLE_OIDC_AUTHORIZATION_ENDPOINT"), "discovered from the issuer");
        assertNull(env.get("CONSOLE_OIDC_TOKEN_ENDPOINT"), "discovered from the issuer");
        for (String variable : List.of("CONSOLE_OIDC_ISSUER", "CONSOLE_OIDC_CLIENT_ID", "CONSOLE_DEV_LOGIN")) {
            assertEquals(name("console"), env.get(variable).configMap(), variable + ": in its own ConfigMap");
        }

        // No data of its own: no database, no password for one, no Beckn key, no peers, no OpenAPI drop-in.
        assertNull(env.get("DB_NAME"));
        assertNull(env.get("DB_PASSWORD"));
        assertNull(env.get("BECKN_SIGNING_PRIVATE_KEY"));
        assertNull(env.get("BECKN_ENCRYPTION_PRIVATE_KEY"));
        assertNull(env.get("BPP_SERVICE_TOKENS_DIR"));
        List<String> items = new ArrayList<>();
        pod.getVolumes().stream().filter(v -> v.getProjected() != null)
                .flatMap(v -> v.getProjected().getSources().stream())
                .forEach(src -> src.getSecret().getItems().forEach(i -> items.add(i.getKey() + "->" + i.getPath())));
        assertEquals(List.of("keystore-password->keystore.password"), items, "no db.password to project");
        assertTrue(pod.getVolumes().stream().noneMatch(v -> v.getName().equals("service-tokens")), "no peers");
        assertFalse(r.has(ConfigMap.class, name("console") + "-liberty"), "no OpenAPI document");
        for (Secret secret : r.all(Secret.class)) {
            assertFalse(secret.getData().containsKey("console-password"), secret.getMetadata().getName());
        }
        for (StatefulSet db : r.all(StatefulSet.class)) {
            String script = r.get(ConfigMap.class, name("mariadb") + "-init").getData().values().iterator().next();
            assertTrue(script.contains("CREATE DATABASE IF NOT EXISTS catalog "), script);
            assertFalse(script.contains("console"), "no database or user for the console: " + script);
            assertTrue(db.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .noneMatch(e -> e.getName().contains("CONSOLE")), "no password for it");
            Cluster.Pod dbPod = new Cluster.Pod(name("mariadb"), db.getSpec().getTemplate().getMetadata().getLabels(),
                    db.getSpec().getTemplate().getSpec().getContainers().get(0));
            assertFalse(Cluster.allows(r.all(NetworkPolicy.class), Cluster.Pod.of(d), dbPod, 3306),
                    "the console may not reach the database");
            assertTrue(Cluster.allows(r.all(NetworkPolicy.class), Cluster.Pod.of(r.get(Deployment.class,
                    name("catalog"))), dbPod, 3306), "catalog may");
        }

        // Its pages, modules and config.json at the edge, through the main Ingress; nothing else reaches it.
        List<Ingress> ingress = r.all(Ingress.class);
        Ingress main = r.get(Ingress.class, Chart.RELEASE + "-ev-charging-bpp");
        for (String path : List.of("/console", "/console/", "/console/index.html", "/console/config.json",
                "/console/js/app.js")) {
            assertEquals(name("console"), Cluster.backendFor(main, path).orElseThrow(() -> new AssertionError(path)),
                    path);
        }
        var exact = main.getSpec().getRules().get(0).getHttp().getPaths().stream()
                .filter(p -> p.getPath().equals("/console")).findFirst().orElseThrow();
        assertEquals("Exact", exact.getPathType());
        assertFalse(Cluster.backendFor(ingress, "/consoles").isPresent(), "/console is exact, /console/ a prefix");
        Service s = r.get(Service.class, name("console"));
        assertEquals("console", s.getSpec().getSelector().get("app.kubernetes.io/component"));
        List<NetworkPolicy> policies = r.all(NetworkPolicy.class);
        for (String key : routes.modules().keySet()) {
            Cluster.Pod other = Cluster.Pod.of(r.get(Deployment.class, name(key)));
            int port = other.container().getPorts().get(0).getContainerPort();
            if (!key.equals("console")) {
                assertFalse(Cluster.allows(policies, Cluster.Pod.of(d), other, port), "console -> " + key);
                assertFalse(Cluster.allows(policies, other, Cluster.Pod.of(d), port), key + " -> console");
            }
        }
        // Egress: DNS only (no database, no internet).
        var egress = r.get(NetworkPolicy.class, name("console")).getSpec().getEgress();
        assertEquals(1, egress.size(), "DNS only: " + egress);
        assertTrue(egress.get(0).getPorts().stream().allMatch(p -> p.getPort().getIntVal() == 53));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void everyDocumentHasTheChartLabels(Setup setup) {
        Chart.Rendered r = render(setup);
        List<String> unlabelled = new ArrayList<>();
        r.objects().forEach(o -> {
            Map<String, String> labels = o.getMetadata().getLabels();
            if (labels == null || !"bpp".equals(labels.get("app.kubernetes.io/instance"))
                    || !"ev-charging-bpp".equals(labels.get("app.kubernetes.io/name"))
                    || !labels.containsKey("helm.sh/chart")) {
                unlabelled.add(o.getKind() + "/" + o.getMetadata().getName());
            }
        });
        if (!unlabelled.isEmpty()) {
            fail("without the helm create labels: " + unlabelled);
        }
    }
}
