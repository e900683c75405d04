package org.evcharging.bpp.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator and partner console's values: its OpenID Connect login (console.oidc), the development login refused,
 * and its database switch, which must agree with routes.yaml.
 */
class ConsoleChartTest {

    private static String name(String key) {
        return Chart.RELEASE + "-ev-charging-bpp-" + key;
    }

    private static Deployment console(Chart.Rendered r) {
        return r.get(Deployment.class, name("console"));
    }

    private static Map<String, Cluster.Source> env(Chart.Rendered r) {
        Container c = console(r).getSpec().getTemplate().getSpec().getContainers().get(0);
        return Cluster.environment(r, c);
    }

    @Test
    void theIssuerFollowsJwtIssuerUnlessTheConsoleHasItsOwnAndTheEndpointsAreOptional() {
        Chart.Rendered followed = Chart.render(List.of(), Map.of("jwt.issuer", "https://id.example.com/realms/bpp"));
        assertEquals("https://id.example.com/realms/bpp", env(followed).get("CONSOLE_OIDC_ISSUER").literal());

        Path own = Chart.writeTemp("console-oidc", """
                jwt:
                  issuer: https://id.example.com/realms/bpp
                console:
                  oidc:
                    issuer: https://login.example.com
                    clientId: bpp-console
                    scope: openid profile
                    authorizationEndpoint: https://login.example.com/oauth2/authorize
                    tokenEndpoint: https://login.example.com/oauth2/token
                """);
        Chart.Rendered r = Chart.render(List.of(own), Map.of());
        Map<String, Cluster.Source> env = env(r);
        assertEquals("https://login.example.com", env.get("CONSOLE_OIDC_ISSUER").literal());
        assertEquals("bpp-console", env.get("CONSOLE_OIDC_CLIENT_ID").literal());
        assertEquals("openid profile", env.get("CONSOLE_OIDC_SCOPE").literal());
        assertEquals("https://login.example.com/oauth2/authorize",
                env.get("CONSOLE_OIDC_AUTHORIZATION_ENDPOINT").literal());
        assertEquals("https://login.example.com/oauth2/token", env.get("CONSOLE_OIDC_TOKEN_ENDPOINT").literal());
        assertEquals("false", env.get("CONSOLE_DEV_LOGIN").literal());
        assertEquals("https://id.example.com/realms/bpp", env.get("MP_JWT_VERIFY_ISSUER").literal(),
                "the services keep theirs");

        // A changed login rolls the console's pods (its ConfigMap is rendered from these values).
        assertNotEquals(checksum(followed), checksum(r));
        assertNotEquals(checksum(r), checksum(Chart.render(List.of(own),
                Map.of("console.oidc.clientId", "another-client"))));
    }

    private static String checksum(Chart.Rendered r) {
        return console(r).getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
    }

    @Test
    void theDevelopmentLoginIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Chart.render(List.of(),
                Map.of("services.console.config.CONSOLE_DEV_LOGIN", "true")));
        assertTrue(e.getMessage().contains("CONSOLE_DEV_LOGIN") && e.getMessage().contains("local suite"),
                e.getMessage());
    }

    @Test
    void theSchemaRefusesAnEmptyClientAndUnknownKeys() {
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("console.oidc.clientId", ""),
                Map.<String, Object>of("console.oidc.scope", ""),
                Map.<String, Object>of("console.oidc.issuer", "login.example.com"),
                Map.<String, Object>of("console.oidc.clientSecret", "a-public-client-has-none"),
                Map.<String, Object>of("console.devLogin", true))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Chart.render(List.of(), bad),
                    bad.toString());
            assertTrue(e.getMessage().contains("schema"), bad + ": " + e.getMessage());
        }
    }

    @Test
    void theDatabaseSwitchMustAgreeWithTheRouteTable() {
        IllegalStateException console = assertThrows(IllegalStateException.class,
                () -> Chart.render(List.of(), Map.of("services.console.database", true)));
        assertTrue(console.getMessage().contains("services.console.database is true but routes.yaml says database: "
                + "false"), console.getMessage());
        IllegalStateException catalog = assertThrows(IllegalStateException.class,
                () -> Chart.render(List.of(), Map.of("services.catalog.database", false)));
        assertTrue(catalog.getMessage().contains("services.catalog.database is false but routes.yaml says database: "
                + "true"), catalog.getMessage());
        IllegalStateException named = assertThrows(IllegalStateException.class,
                () -> Chart.render(List.of(), Map.of("externalDatabase.databases.console.name", "console")));
        assertTrue(named.getMessage().contains("externalDatabase.databases.console is set, but console has no "
                + "database"), named.getMessage());
    }

    @Test
    void aNewServiceWithoutADatabaseSaysSoInBothPlaces() throws Exception {
        Path chart = Chart.copy();
        Files.writeString(chart.resolve("routes.yaml"), Files.readString(chart.resolve("routes.yaml"))
                .replace("routes:\n",
                        "  status-page:\n    module: status-page\n    localPort: 9088\n    database: false\nroutes:\n")
                + "  - {prefix: /status-page/, service: status-page, access: public}\n");
        Path block = Chart.writeTemp("no-database", """
                services:
                  status-page:
                    database: false
                """);
        Chart.Rendered r = Chart.render(chart, List.of(block), Map.of("mariadb.enabled", true));
        Map<String, Cluster.Source> env = Cluster.environment(r,
                r.get(Deployment.class, name("status-page")).getSpec().getTemplate().getSpec().getContainers().get(0));
        assertNull(env.get("DB_NAME"));
        assertEquals("beckn-signing-private-key", env.get("BECKN_SIGNING_PRIVATE_KEY").key(), "signsBeckn by default");
        assertEquals("/status-page/openapi",
                r.get(io.fabric8.kubernetes.api.model.ConfigMap.class, name("status-page") + "-liberty").getData()
                        .get("ev-charging-bpp-openapi.xml").replaceAll("(?s).*docPath=\"([^\"]+)\".*", "$1"));
        String script = r.get(io.fabric8.kubernetes.api.model.ConfigMap.class, name("mariadb") + "-init").getData()
                .values().iterator().next();
        assertTrue(!script.contains("status_page") && script.contains("CREATE DATABASE IF NOT EXISTS charger "),
                script);
        IllegalStateException forgotten = assertThrows(IllegalStateException.class,
                () -> Chart.render(chart, List.of(), Map.of("services.status-page.replicaCount", 1)));
        assertTrue(forgotten.getMessage().contains("services.status-page.database is true but routes.yaml says"),
                forgotten.getMessage());
    }
}
