package org.evcharging.bpp.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What particular values do: autoscaling off, the busy region, the databases, credentials, a new service. */
class ChartBehaviourTest {

    private static String name(String key) {
        return Chart.RELEASE + "-ev-charging-bpp-" + key;
    }

    private static Container container(Chart.Rendered r, String key) {
        return r.get(Deployment.class, name(key)).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @AfterEach
    void forgetStubSecrets() {
        StubApiServer.start().clear();
    }

    @Test
    void anHpaSwitchedOffGivesTheDeploymentItsReplicasBack() {
        Chart.Rendered r = Chart.render(List.of(), Map.of("services.catalog.autoscaling.enabled", false,
                "services.catalog.replicaCount", 3));
        assertFalse(r.has(HorizontalPodAutoscaler.class, name("catalog")));
        assertEquals(3, r.get(Deployment.class, name("catalog")).getSpec().getReplicas());
        assertTrue(r.has(HorizontalPodAutoscaler.class, name("order")), "the others keep theirs");
    }

    @Test
    void theBusyRegionWidensCatalogAndOrder() {
        Chart.Rendered base = Chart.render();
        Chart.Rendered busy = Chart.render(Chart.BUSY_REGION);
        for (String key : List.of("catalog", "order")) {
            var before = base.get(HorizontalPodAutoscaler.class, name(key)).getSpec();
            var after = busy.get(HorizontalPodAutoscaler.class, name(key)).getSpec();
            assertTrue(after.getMaxReplicas() > before.getMaxReplicas(), key + ": a higher HPA ceiling");
            assertTrue(after.getMinReplicas() > before.getMinReplicas(), key + ": more replicas at least");
        }
        assertEquals(20, busy.get(HorizontalPodAutoscaler.class, name("catalog")).getSpec().getMaxReplicas());
        assertEquals("-Xmx1200m", busy.get(Deployment.class, name("catalog")).getSpec().getTemplate().getSpec()
                .getContainers().get(0).getEnv().stream().filter(e -> e.getName().equals("JVM_ARGS")).findFirst()
                .orElseThrow().getValue());
    }

    @Test
    void theExternalDatabaseIsWhereTheServicesConnectWithTheOperatorsSecrets() {
        Chart.Rendered r = Chart.render(Chart.EXTERNAL_DATABASE);
        assertTrue(r.all(Secret.class).isEmpty(), "existing Secrets are used, none is made");
        assertTrue(r.all(StatefulSet.class).isEmpty(), "no bundled database");
        for (String key : List.of("catalog", "quote", "order", "payment", "support-rating", "charger")) {
            Map<String, Cluster.Source> env = Cluster.environment(r, container(r, key));
            assertEquals("mariadb.databases.svc.cluster.local", env.get("DB_HOST").literal());
            assertEquals("3306", env.get("DB_PORT").literal());
            assertEquals("bpp-credentials", env.get("BECKN_SIGNING_PRIVATE_KEY").secret());
            var sources = r.get(Deployment.class, name(key)).getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals("liberty-variables")).findFirst().orElseThrow()
                    .getProjected().getSources();
            assertEquals("bpp-database", sources.get(0).getSecret().getName());
            assertEquals(key + "-password", sources.get(0).getSecret().getItems().get(0).getKey());
        }
        assertEquals("order_svc", Cluster.environment(r, container(r, "order")).get("DB_NAME").literal());
        assertEquals("support_rating", Cluster.environment(r, container(r, "support-rating")).get("DB_USER").literal());
        assertEquals("charger", Cluster.environment(r, container(r, "charger")).get("DB_NAME").literal());
        assertEquals("charger", Cluster.environment(r, container(r, "charger")).get("DB_USER").literal());
        var dbRule = r.get(NetworkPolicy.class, name("order")).getSpec().getEgress().stream()
                .filter(rule -> rule.getPorts().stream()
                        .anyMatch(p -> Integer.valueOf(3306).equals(p.getPort().getIntVal())))
                .findFirst().orElseThrow();
        assertEquals("databases", dbRule.getTo().get(0).getNamespaceSelector().getMatchLabels()
                .get("kubernetes.io/metadata.name"), "egress to the database's namespace only");
        assertEquals("bpp.charging.example.com", r.get(Ingress.class, name("").replaceAll("-$", ""))
                .getSpec().getRules().get(0).getHost());
    }

    @Test
    void theBundledMariaDbServesEveryServiceAndOnlyThem() {
        Chart.Rendered r = Chart.render(List.of(), Map.of("mariadb.enabled", true));
        StatefulSet db = r.get(StatefulSet.class, name("mariadb"));
        assertEquals(Boolean.TRUE, db.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot());
        ConfigMap init = r.get(ConfigMap.class, name("mariadb") + "-init");
        String script = init.getData().values().iterator().next();
        for (String database : List.of("catalog", "quote", "order_svc", "payment", "support_rating", "charger")) {
            assertTrue(script.contains("CREATE DATABASE IF NOT EXISTS " + database + " "), database + " made");
        }
        assertFalse(script.matches("(?s).*IDENTIFIED BY '[A-Za-z0-9]{20,}'.*"), "passwords come from the environment");
        assertFalse(script.contains("console"), "the console keeps no data: no database, no user");
        Service svc = r.get(Service.class, name("mariadb"));
        Cluster.Pod dbPod = new Cluster.Pod(name("mariadb"), db.getSpec().getTemplate().getMetadata().getLabels(),
                db.getSpec().getTemplate().getSpec().getContainers().get(0));
        List<NetworkPolicy> policies = r.all(NetworkPolicy.class);
        for (String key : List.of("catalog", "quote", "order", "payment", "support-rating", "charger")) {
            assertEquals(svc.getMetadata().getName(),
                    Cluster.environment(r, container(r, key)).get("DB_HOST").literal());
            assertTrue(Cluster.allows(policies, Cluster.Pod.of(r.get(Deployment.class, name(key))), dbPod, 3306),
                    key + " reaches the database");
        }
        assertFalse(Cluster.allows(policies, Cluster.Pod.of(r.get(Deployment.class, name("console"))), dbPod, 3306),
                "the console has no database to reach");
        Secret secret = r.get(Secret.class, name("database"));
        assertTrue(secret.getData().containsKey("mariadb-root-password"));
        assertFalse(secret.getData().containsKey("console-password"));
        assertEquals(1, policies.stream().filter(p -> p.getMetadata().getName().equals(name("mariadb"))).count());
    }

    @Test
    void theWellKnownDevelopmentWebhookSecretIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Chart.render(List.of(),
                Map.of("secrets.paymentSandboxWebhookSecret", "sandbox-webhook-secret-for-local-development-only")));
        assertTrue(e.getMessage().contains("well-known development default"), e.getMessage());
    }

    @Test
    void aCredentialInPlainConfigurationIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Chart.render(List.of(),
                Map.of("services.payment.config.PAYMENT_SANDBOX_WEBHOOK_SECRET", "not-in-a-configmap-please")));
        assertTrue(e.getMessage().contains("is a credential"), e.getMessage());
    }

    @Test
    void generatedCredentialsAreKeptOnUpgradeAndTheSigningKeyIsAnEd25519Seed() throws Exception {
        Chart.Rendered first = Chart.render();
        Map<String, String> credentials = decoded(first.get(Secret.class, name("credentials")));
        byte[] seed = Base64.getDecoder().decode(credentials.get("beckn-signing-private-key"));
        assertEquals(32, seed.length, "a 32-byte Ed25519 seed, as BECKN_SIGNING_PRIVATE_KEY expects");
        // The seed signs: the JDK accepts it as an Ed25519 PKCS#8 key.
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420");
        byte[] der = new byte[pkcs8.length + 32];
        System.arraycopy(pkcs8, 0, der, 0, pkcs8.length);
        System.arraycopy(seed, 0, der, pkcs8.length, 32);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der)));
        signer.update("beckn".getBytes(StandardCharsets.UTF_8));
        assertEquals(64, signer.sign().length);

        Chart.Rendered other = Chart.render();
        assertFalse(credentials.equals(decoded(other.get(Secret.class, name("credentials")))),
                "without a release, each rendering generates anew");

        // As on `helm upgrade`: the release's Secrets exist, and their values stay.
        Map<String, String> database = decoded(first.get(Secret.class, name("database")));
        StubApiServer.start().putSecret(Chart.NAMESPACE, name("credentials"), credentials);
        StubApiServer.start().putSecret(Chart.NAMESPACE, name("database"), database);
        Chart.Rendered upgrade = Chart.render();
        assertEquals(credentials, decoded(upgrade.get(Secret.class, name("credentials"))));
        assertEquals(database, decoded(upgrade.get(Secret.class, name("database"))));
    }

    private static Map<String, String> decoded(Secret s) {
        Map<String, String> out = new java.util.TreeMap<>();
        s.getData().forEach((k, v) -> out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void theNotesSayWhereEachServicesOpenApiIs() {
        String notes = Chart.notes(List.of(), Map.of());
        for (String path : List.of("/catalog/openapi", "/quotes/openapi", "/orders/openapi", "/payments/openapi",
                "/support-rating/openapi", "/chargers/openapi")) {
            assertTrue(notes.contains("https://bpp.example.com" + path), path + " in NOTES:\n" + notes);
            assertTrue(notes.contains("https://bpp.example.com" + path + "/ui"), path + "/ui in NOTES");
        }
        assertTrue(notes.contains("https://bpp.example.com/search  -> catalog"), notes);
        assertFalse(notes.contains("/console/openapi"), "the console has no OpenAPI document: " + notes);
        assertTrue(notes.contains("The operator and partner console: https://bpp.example.com/console/"), notes);
        assertTrue(notes.contains("client \"ev-charging-bpp-console\"") && notes.contains("PKCE (S256), redirect URI:\n"
                + "  https://bpp.example.com/console/\n"), notes);
        assertFalse(notes.contains("/console  -> console"), "the console is no Beckn endpoint: " + notes);
        assertTrue(notes.contains("wss://bpp.example.com/ocpp/<chargePointId>"), notes);
        assertTrue(notes.contains("OCPP security profile 2"), notes);
        assertTrue(notes.contains("charger's for\ncatalog also \"charger-service\"")
                || notes.contains("charger's for catalog also \"charger-service\""), notes);
        String plain = Chart.notes(List.of(), Map.of("ingress.tls.enabled", false, "publicUrl", "http://bpp.local"));
        assertTrue(plain.contains("ws://bpp.local/ocpp/<chargePointId>") && plain.contains("security profile 1"),
                plain);
    }

    @Test
    void addingAServiceIsOneValuesBlockBesideItsRoutes() throws Exception {
        Path chart = Chart.copy();
        Files.writeString(chart.resolve("routes.yaml"), Files.readString(chart.resolve("routes.yaml"))
                .replace("routes:\n", "  tariff-feed:\n    module: tariff-feed-service\n    localPort: 9087\nroutes:\n")
                + "  - {prefix: /tariff-feed/, service: tariff-feed, access: public}\n");
        Path block = Chart.writeTemp("new-service", """
                services:
                  tariff-feed:
                    peers: [catalog]
                """);
        Chart.Rendered r = Chart.render(chart, List.of(block), Map.of());
        String key = "tariff-feed";
        Deployment d = r.get(Deployment.class, name(key));
        assertEquals("ghcr.io/ev-charging-bpp/tariff-feed-service:0.1.0",
                d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals(2, d.getSpec().getReplicas());
        r.get(Service.class, name(key));
        r.get(PodDisruptionBudget.class, name(key));
        r.get(ServiceAccount.class, name(key));
        Map<String, Cluster.Source> env = Cluster.environment(r, container(r, key));
        assertEquals("tariff_feed", env.get("DB_NAME").literal());
        assertEquals("http://" + name("catalog") + ":80", env.get("CATALOG_MP_REST_URL").literal());
        assertTrue(Cluster.allows(r.all(NetworkPolicy.class), Cluster.Pod.of(d),
                Cluster.Pod.of(r.get(Deployment.class, name("catalog"))), 9080), "it may call catalog");
        List<Ingress> ingress = r.all(Ingress.class);
        assertEquals(name(key), Cluster.backendFor(ingress, "/tariff-feed/v1/prices").orElseThrow());
        assertEquals(name(key), Cluster.backendFor(ingress, "/tariff-feed/openapi/ui").orElseThrow());
        assertTrue(r.get(Secret.class, name("database")).getData().containsKey("tariff-feed-password"));
    }

    @Test
    void aPublicRouteThatWouldPublishAnInternalOneFailsTheRender() throws Exception {
        Path chart = Chart.copy();
        Files.writeString(chart.resolve("routes.yaml"), Files.readString(chart.resolve("routes.yaml"))
                + "  - {prefix: /internal/, service: catalog, access: public}\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chart.render(chart, List.of(), Map.of()));
        assertTrue(e.getMessage().contains("public prefix /internal/ covers internal route /internal/catalog/"),
                e.getMessage());
        Path unsaid = Chart.copy();
        Files.writeString(unsaid.resolve("routes.yaml"), Files.readString(unsaid.resolve("routes.yaml"))
                + "  - {prefix: /tariff-feed/, service: catalog}\n");
        IllegalStateException e2 = assertThrows(IllegalStateException.class,
                () -> Chart.render(unsaid, List.of(), Map.of()));
        assertTrue(e2.getMessage().contains("route /tariff-feed/ has access \"\": public or internal"),
                e2.getMessage());
    }

    @Test
    void aServiceUnknownToTheRouteTableFailsWithAClearMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Chart.render(List.of(),
                Map.of("services.tariff-feed.replicaCount", 1)));
        assertTrue(e.getMessage().contains("services.tariff-feed has no entry in routes.yaml"), e.getMessage());
    }

    @Test
    void aReadOnlyRootFilesystemGetsLibertysWritableDirectoriesAsEmptyDirs() {
        Chart.Rendered r = Chart.render(List.of(), Map.of("containerSecurityContext.readOnlyRootFilesystem", true));
        for (Deployment d : r.all(Deployment.class)) {
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals(Boolean.TRUE, c.getSecurityContext().getReadOnlyRootFilesystem());
            var mounts = c.getVolumeMounts().stream().map(m -> m.getMountPath()).toList();
            assertTrue(mounts.containsAll(List.of("/opt/ol/wlp/output", "/logs", "/tmp")), mounts.toString());
            assertEquals(Boolean.TRUE, c.getSecurityContext().getRunAsNonRoot());
        }
    }

    @Test
    void aDisabledServiceLeavesNoObjectsAndNoRoutes() {
        Chart.Rendered r = Chart.render(List.of(), Map.of("services.support-rating.enabled", false));
        assertFalse(r.has(Deployment.class, name("support-rating")));
        assertFalse(r.has(Service.class, name("support-rating")));
        List<Ingress> ingress = r.all(Ingress.class);
        assertTrue(Cluster.backendFor(ingress, "/rating").isEmpty());
        assertNull(Cluster.environment(r, container(r, "order")).get("SUPPORT_RATING_MP_REST_URL"));
    }

    @Test
    void theWebSocketTimeoutIsAValueAndTooShortAOneIsRefused() {
        Path values = Chart.writeTemp("websocket", """
                ingress:
                  webSocket:
                    timeoutSeconds: 7200
                    annotations:
                      nginx.ingress.kubernetes.io/proxy-buffering: "off"
                """);
        Chart.Rendered r = Chart.render(List.of(values), Map.of());
        Map<String, String> annotations = r.get(Ingress.class, name("websocket")).getMetadata().getAnnotations();
        assertEquals("7200", annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout"));
        assertEquals("7200", annotations.get("nginx.ingress.kubernetes.io/proxy-send-timeout"));
        assertEquals("off", annotations.get("nginx.ingress.kubernetes.io/proxy-buffering"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chart.render(List.of(), Map.of("ingress.webSocket.timeoutSeconds", 60)));
        assertTrue(e.getMessage().contains("timeoutSeconds"), e.getMessage());
    }

    @Test
    void withoutWebSocketPrefixesOcppIsOnTheMainIngressAndAnUnknownPrefixFails() {
        Path none = Chart.writeTemp("no-websocket", """
                ingress:
                  webSocket:
                    prefixes: []
                """);
        Chart.Rendered r = Chart.render(List.of(none), Map.of());
        assertFalse(r.has(Ingress.class, name("websocket")));
        assertEquals(name("charger"), Cluster.backendFor(r.get(Ingress.class, Chart.RELEASE + "-ev-charging-bpp"),
                "/ocpp/CP-0001").orElseThrow());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chart.render(List.of(Chart.writeTemp("unknown-websocket", """
                        ingress:
                          webSocket:
                            prefixes: [/ocpp-v2/]
                        """)), Map.of()));
        assertTrue(e.getMessage().contains("ingress.webSocket.prefixes names /ocpp-v2/"), e.getMessage());
        Chart.Rendered off = Chart.render(List.of(), Map.of("services.charger.enabled", false));
        assertFalse(off.has(Ingress.class, name("websocket")), "no charger, no WebSocket Ingress");
        assertFalse(off.has(Deployment.class, name("charger")));
    }

    @Test
    void aServiceCallingItsOwnReplicasNeedsItsReplicaAddressAndTheShutdownMustFitTheGrace() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chart.render(List.of(), Map.of("services.charger.replicaUrlVariable", "")));
        assertTrue(e.getMessage().contains("services.charger.peers names charger itself"), e.getMessage());
        IllegalStateException grace = assertThrows(IllegalStateException.class, () -> Chart.render(List.of(),
                Map.of("services.charger.preStopSleepSeconds", 60)));
        assertTrue(grace.getMessage().contains("must be below terminationGracePeriodSeconds"), grace.getMessage());
    }
}
