package org.evcharging.bpp.suite.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static RouteTable shipped() throws IOException {
        try (InputStream in = RouteTable.class.getResourceAsStream(RouteTable.CLASSPATH_RESOURCE)) {
            return RouteTable.parse(in);
        }
    }

    private static String serviceOf(RouteTable table, String path) {
        return table.route(path).map(RouteTable.Service::key).orElse("-");
    }

    @Test
    void beckn_actions_go_to_their_owners_by_exact_path() throws IOException {
        RouteTable t = shipped();
        assertEquals("catalog", serviceOf(t, "/search"));
        assertEquals("quote", serviceOf(t, "/select"));
        for (String action : List.of("/init", "/confirm", "/update", "/status", "/track", "/cancel")) {
            assertEquals("order", serviceOf(t, action), action);
        }
        assertEquals("support-rating", serviceOf(t, "/rating"));
        assertEquals("support-rating", serviceOf(t, "/support"));
    }

    @Test
    void exact_routes_do_not_match_longer_paths() throws IOException {
        RouteTable t = shipped();
        assertEquals("-", serviceOf(t, "/searchx"));
        assertEquals("-", serviceOf(t, "/search/"));
        assertEquals("-", serviceOf(t, "/on_search"));
        assertEquals("-", serviceOf(t, "/"));
        assertEquals("-", serviceOf(t, null));
    }

    @Test
    void admin_paths_go_by_prefix() throws IOException {
        RouteTable t = shipped();
        assertEquals("catalog", serviceOf(t, "/catalog/providers"));
        assertEquals("order", serviceOf(t, "/orders/o-1/events"));
        assertEquals("payment", serviceOf(t, "/payments/webhook"));
        assertEquals("support-rating", serviceOf(t, "/support-rating/tickets"));
        assertEquals("-", serviceOf(t, "/catalog"));
    }

    @Test
    void internal_apis_are_not_routed_at_the_edge() throws IOException {
        RouteTable t = shipped();
        for (String path : List.of("/internal/catalog/v1/offers/p/i", "/internal/quotes/v1/quotes/q/reprice",
                "/internal/orders/v1/slots/f", "/internal/payments/v1/links",
                "/internal/payments/v1/orders/o/refunds")) {
            assertEquals("-", serviceOf(t, path), path);
        }
        assertTrue(t.routes().stream().anyMatch(r -> r.access() == RouteTable.Access.INTERNAL
                && "/internal/payments/".equals(r.prefix()) && "payment".equals(r.service())), "listed, as internal");
    }

    @Test
    void a_route_says_its_access_and_a_public_prefix_may_not_cover_an_internal_route() {
        String head = """
                services:
                  a: {module: a-service, localPort: 1001}
                routes:
                """;
        IllegalArgumentException unsaid = assertThrows(IllegalArgumentException.class, () -> RouteTable.parse(
                new ByteArrayInputStream((head + "  - {prefix: /a/, service: a}\n").getBytes(StandardCharsets.UTF_8))));
        assertTrue(unsaid.getMessage().contains("says no access"), unsaid.getMessage());
        IllegalArgumentException covered = assertThrows(IllegalArgumentException.class, () -> RouteTable.parse(
                new ByteArrayInputStream((head + "  - {prefix: /, service: a, access: public}\n"
                        + "  - {prefix: /internal/a/, service: a, access: internal}\n")
                        .getBytes(StandardCharsets.UTF_8))));
        assertTrue(covered.getMessage().contains("covers internal route /internal/a/"), covered.getMessage());
    }

    @Test
    void echo_goes_to_catalog() throws IOException {
        assertEquals("catalog", serviceOf(shipped(), "/echo"));
    }

    @Test
    void longest_prefix_wins() throws IOException {
        String yaml = """
                services:
                  a: {module: a-service, localPort: 1001}
                  b: {module: b-service, localPort: 1002}
                routes:
                  - {prefix: /x/, service: a, access: public}
                  - {prefix: /x/y/, service: b, access: public}
                """;
        RouteTable t = RouteTable.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        assertEquals("a", serviceOf(t, "/x/z"));
        assertEquals("b", serviceOf(t, "/x/y/z"));
        assertEquals("-", serviceOf(t, "/echo"), "no catalog service, no echo route");
    }

    @Test
    void services_carry_module_port_and_database() throws IOException {
        Map<String, RouteTable.Service> s = shipped().services();
        assertEquals("catalog-service", s.get("catalog").module());
        assertEquals(9081, s.get("catalog").localPort());
        assertEquals("catalog", s.get("catalog").databaseName());
        assertEquals("order_svc", s.get("order").databaseName());
        assertEquals("support_rating", s.get("support-rating").databaseName());
        assertTrue(s.get("catalog").hasDatabase());
        assertFalse(s.get("console").hasDatabase(), "the console keeps no data (database: false)");
        assertEquals("console", serviceOf(shipped(), "/console/js/main.js"));
        assertEquals("console", serviceOf(shipped(), "/console"));
        assertTrue(s.values().stream().map(RouteTable.Service::localPort).distinct().count() == s.size(),
                "ports are distinct");
    }

    @Test
    void a_route_to_an_unknown_service_is_refused() {
        String yaml = """
                services:
                  a: {module: a-service, localPort: 1001}
                routes:
                  - {path: /search, service: nope, access: public}
                """;
        assertThrows(IllegalArgumentException.class,
                () -> RouteTable.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
    }
}
