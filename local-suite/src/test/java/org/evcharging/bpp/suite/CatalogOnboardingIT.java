package org.evcharging.bpp.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The partner onboarding API on the running catalog service: bearer tokens and roles, RFC 9457 problems naming
 * the fields at fault, the bulk import round trip, and the OpenAPI contract.
 */
class CatalogOnboardingIT {

    private static LocalSuite suite;

    @BeforeAll
    static void start() throws Exception {
        suite = SharedSuite.get();
        CatalogFixtures.seed(suite);
    }

    @Test
    void without_a_token_the_api_answers_401() throws Exception {
        HttpResponse<String> r = CatalogFixtures.call(suite, "GET", "/catalog/v1/providers", null, null);
        assertEquals(401, r.statusCode(), r.body());
    }

    @Test
    void a_forged_token_is_refused() throws Exception {
        String real = suite.tokens().operator();
        String forged = real.substring(0, real.lastIndexOf('.') + 1) + "AAAA"
                + real.substring(real.lastIndexOf('.') + 5);
        assertEquals(401, CatalogFixtures.call(suite, "GET", "/catalog/v1/providers", forged, null).statusCode());
    }

    @Test
    void a_partner_manages_its_own_provider_only() throws Exception {
        String alpha = suite.tokens().partner("it-alpha.test");
        HttpResponse<String> own = CatalogFixtures.call(suite, "GET", "/catalog/v1/providers/it-alpha.test", alpha,
                null);
        assertEquals(200, own.statusCode(), own.body());
        assertEquals("Alpha Charging", CatalogFixtures.json(own).path("name").asText());

        HttpResponse<String> other = CatalogFixtures.call(suite, "PUT",
                "/catalog/v1/providers/it-sun.test/locations/s9", alpha,
                "{\"id\":\"s9\",\"gps\":\"28.6,77.2\",\"evses\":[]}");
        assertEquals(403, other.statusCode(), other.body());
        assertEquals("application/problem+json", other.headers().firstValue("Content-Type").orElse(""));
        assertTrue(CatalogFixtures.json(other).path("detail").asText().contains("it-alpha.test"), other.body());

        HttpResponse<String> listed = CatalogFixtures.call(suite, "GET", "/catalog/v1/providers", alpha, null);
        assertEquals(List.of("it-alpha.test"), ids(CatalogFixtures.json(listed)),
                "a partner lists only its own provider");
    }

    @Test
    void partners_cannot_set_their_own_rating() throws Exception {
        HttpResponse<String> r = CatalogFixtures.internal(suite, "catalog", "PUT",
                "/internal/catalog/v1/providers/it-alpha.test/rating",
                suite.tokens().partner("it-alpha.test"), "{\"value\":5,\"count\":1000}");
        assertEquals(403, r.statusCode(), r.body());
    }

    @Test
    void an_aggregate_rating_that_arrives_after_a_later_one_is_left_out() throws Exception {
        String op = suite.tokens().operator();
        assertEquals(201, CatalogFixtures.call(suite, "POST", "/catalog/v1/providers", op,
                "{\"id\":\"it-late.test\",\"name\":\"Late\",\"energySource\":\"HOME\"}").statusCode());
        String rating = "/internal/catalog/v1/providers/it-late.test/rating";
        String rater = suite.tokens().ratingService();
        assertEquals(204,
                CatalogFixtures
                        .internal(suite, "catalog", "PUT", rating, rater, "{\"value\":4.5,\"count\":10,\"asOf\":2000}")
                        .statusCode());
        // computed before the one set (a push whose answer timed out, landing late): answered, and left out
        assertEquals(204,
                CatalogFixtures
                        .internal(suite, "catalog", "PUT", rating, rater, "{\"value\":2,\"count\":9,\"asOf\":1000}")
                        .statusCode());
        JsonNode p = CatalogFixtures
                .json(CatalogFixtures.call(suite, "GET", "/catalog/v1/providers/it-late.test", op, null));
        assertEquals(4.5, p.path("rating").asDouble(), 1e-9, p.toString());
        assertEquals(10, p.path("ratingCount").asInt(), p.toString());
        assertEquals(204,
                CatalogFixtures
                        .internal(suite, "catalog", "PUT", rating, rater, "{\"value\":3.5,\"count\":11,\"asOf\":3000}")
                        .statusCode());
        p = CatalogFixtures.json(CatalogFixtures.call(suite, "GET", "/catalog/v1/providers/it-late.test", op, null));
        assertEquals(3.5, p.path("rating").asDouble(), 1e-9, p.toString());
        assertEquals(400,
                CatalogFixtures
                        .internal(suite, "catalog", "PUT", rating, rater, "{\"value\":3.5,\"count\":11,\"asOf\":-1}")
                        .statusCode());
    }

    @Test
    void the_operator_sees_every_provider() throws Exception {
        HttpResponse<String> r = CatalogFixtures.call(suite, "GET", "/catalog/v1/providers", suite.tokens().operator(),
                null);
        assertEquals(200, r.statusCode(), r.body());
        List<String> ids = ids(CatalogFixtures.json(r));
        assertTrue(ids.containsAll(List.of("chargezone.in", "log9.in", "it-alpha.test", "it-sun.test", "it-swap.test")),
                ids.toString());
    }

    @Test
    void invalid_fields_are_a_400_problem_naming_each_field() throws Exception {
        String bad = """
                {"provider":{"id":"it-bad.test","name":"","energySource":"NUCLEAR"},
                 "locations":[{"id":"b1","gps":"north pole",
                   "evses":[{"id":"b1-1","chargerType":"DC","powerKw":-5,"connectors":[{"id":"b1-1-x","type":"SCHUKO"}]}]}],
                 "items":[{"id":"i","code":"energy","unit":"KWH","price":"-1","currency":"rupees","availableQuantity":"1",
                           "fulfillmentTypes":["CHARGING"]}]}
                """;
        HttpResponse<String> r = CatalogFixtures.call(suite, "PUT", "/catalog/v1/providers/it-bad.test/network",
                suite.tokens().operator(), bad);
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        List<String> fields = new ArrayList<>();
        CatalogFixtures.json(r).path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertTrue(fields.containsAll(List.of("provider.name", "provider.energySource", "locations[0].gps",
                "locations[0].evses[0].powerKw", "locations[0].evses[0].connectors[0].type", "items[0].price",
                "items[0].currency")), fields.toString());
    }

    @Test
    void references_that_lead_nowhere_are_a_400_problem_naming_the_field() throws Exception {
        String dangling = """
                {"provider":{"id":"it-dangling.test","name":"Dangling","energySource":"HOME"},
                 "locations":[{"id":"h1","gps":"28.5,77.1","evses":[{"id":"h1-1","chargerType":"AC","powerKw":3.3,"connectors":[]}]}],
                 "items":[{"id":"i","code":"energy","unit":"KWH","price":"9","currency":"INR","availableQuantity":"10",
                           "categoryIds":["nope"],"locationIds":["h2"],"fulfillmentTypes":["BATTERY_SWAP"]}]}
                """;
        HttpResponse<String> r = CatalogFixtures.call(suite, "PUT", "/catalog/v1/providers/it-dangling.test/network",
                suite.tokens().operator(), dangling);
        assertEquals(400, r.statusCode(), r.body());
        List<String> fields = new ArrayList<>();
        CatalogFixtures.json(r).path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertEquals(List.of("locations[0].evses[0].connectors", "items[0].categoryIds[0]", "items[0].locationIds[0]",
                "items[0].fulfillmentTypes[0]"), fields);
        assertEquals(404, CatalogFixtures.call(suite, "GET", "/catalog/v1/providers/it-dangling.test",
                suite.tokens().operator(), null).statusCode(), "nothing was written");
    }

    @Test
    void a_body_that_is_not_json_is_a_400_problem() throws Exception {
        HttpResponse<String> r = CatalogFixtures.call(suite, "PUT", "/catalog/v1/providers/it-alpha.test",
                suite.tokens().operator(), "{not json");
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void the_network_export_returns_what_was_imported() throws Exception {
        HttpResponse<String> r = CatalogFixtures.call(suite, "GET", "/catalog/v1/providers/it-alpha.test/network",
                suite.tokens().partner("it-alpha.test"), null);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode n = CatalogFixtures.json(r);
        assertEquals(4.6, n.at("/provider/rating").asDouble(), 1e-9);
        assertEquals(List.of("a1", "a2", "a3"), ids(n.path("locations")));
        assertEquals("a1-ccs2", n.at("/locations/0/evses/1/connectors/0/id").asText());
        assertEquals(18.5, n.at("/items/0/price").asDouble(), 1e-9);
        assertEquals("Free car wash", n.at("/items/0/addOns/0/name").asText());
    }

    @Test
    void a_new_provider_is_created_once_and_a_retired_one_leaves_search() throws Exception {
        String op = suite.tokens().operator();
        String body = "{\"id\":\"it-once.test\",\"name\":\"Once\",\"energySource\":\"HOME\"}";
        HttpResponse<String> created = CatalogFixtures.call(suite, "POST", "/catalog/v1/providers", op, body);
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/catalog/v1/providers/it-once.test"));
        assertEquals(409, CatalogFixtures.call(suite, "POST", "/catalog/v1/providers", op, body).statusCode());
        assertEquals(204,
                CatalogFixtures.call(suite, "DELETE", "/catalog/v1/providers/it-once.test", op, null).statusCode());
        HttpResponse<String> after = CatalogFixtures.call(suite, "GET", "/catalog/v1/providers/it-once.test", op, null);
        assertEquals("RETIRED", CatalogFixtures.json(after).path("status").asText());
    }

    @Test
    void a_re_import_keeps_ratings_and_a_location_put_keeps_live_availability() throws Exception {
        String alpha = suite.tokens().partner("it-alpha.test");
        assertEquals(200, CatalogFixtures.call(suite, "PUT", "/catalog/v1/providers/it-alpha.test/network", alpha,
                CatalogFixtures.ALPHA).statusCode());
        JsonNode n = CatalogFixtures
                .json(CatalogFixtures.call(suite, "GET", "/catalog/v1/providers/it-alpha.test/network", alpha, null));
        assertEquals(4.6, n.at("/provider/rating").asDouble(), 1e-9,
                "the rating service's rating survives the partner's import");

        String base = "/catalog/v1/providers/it-alpha.test";
        assertEquals(204, CatalogFixtures.call(suite, "PUT", base + "/connectors/a2-t2/availability", alpha,
                "{\"availability\":\"OUT_OF_SERVICE\"}").statusCode());
        try {
            String renamed = "{\"id\":\"a2\",\"name\":\"Alpha Janpath (renamed)\",\"gps\":\"28.623900,77.209000\","
                    + "\"evses\":[{\"id\":\"a2-ac\",\"chargerType\":\"AC\",\"powerKw\":7.4,\"connectors\":[{\"id\":\"a2-t2\",\"type\":\"Type2\"}]}]}";
            HttpResponse<String> put = CatalogFixtures.call(suite, "PUT", base + "/locations/a2", alpha, renamed);
            assertEquals(200, put.statusCode(), put.body());
            assertEquals("OUT_OF_SERVICE", CatalogFixtures.json(put).at("/evses/0/connectors/0/availability").asText());
        } finally {
            CatalogFixtures.call(suite, "PUT", base + "/connectors/a2-t2/availability", alpha,
                    "{\"availability\":\"AVAILABLE\"}");
        }
    }

    @Test
    void a_partner_cannot_bring_back_a_provider_the_operator_retired() throws Exception {
        String op = suite.tokens().operator();
        String body = "{\"id\":\"it-suspended.test\",\"name\":\"Suspended\",\"energySource\":\"HOME\"}";
        assertEquals(201, CatalogFixtures.call(suite, "POST", "/catalog/v1/providers", op, body).statusCode());
        assertEquals(204, CatalogFixtures.call(suite, "DELETE", "/catalog/v1/providers/it-suspended.test", op, null)
                .statusCode());
        HttpResponse<String> partnerPut = CatalogFixtures.call(suite, "PUT", "/catalog/v1/providers/it-suspended.test",
                suite.tokens().partner("it-suspended.test"), body);
        assertEquals(200, partnerPut.statusCode(), partnerPut.body());
        assertEquals("RETIRED", CatalogFixtures.json(partnerPut).path("status").asText());
        assertEquals("ACTIVE",
                CatalogFixtures.json(CatalogFixtures.call(suite, "PUT", "/catalog/v1/providers/it-suspended.test",
                        op, body)).path("status").asText(),
                "the operator may");
    }

    @Test
    void ids_differing_only_in_case_are_different_providers() throws Exception {
        HttpResponse<String> r = CatalogFixtures.call(suite, "GET", "/catalog/v1/providers/IT-ALPHA.TEST",
                suite.tokens().partner("IT-ALPHA.TEST"), null);
        assertEquals(404, r.statusCode(), r.body());
    }

    @Test
    void the_openapi_contract_documents_the_onboarding_api() throws Exception {
        HttpResponse<String> r = CatalogFixtures.HTTP.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(suite.serviceUrl("catalog") + "/openapi?format=JSON")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        JsonNode doc = CatalogFixtures.json(r);
        assertTrue(doc.at("/paths/~1catalog~1v1~1providers~1{id}~1network/put").isObject(), "bulk import documented");
        assertTrue(doc.at("/components/schemas/Location/properties/gps").isObject(), "schemas documented");
        assertEquals("bearer", doc.at("/components/securitySchemes/jwt/scheme").asText());
    }

    private static List<String> ids(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path("id").asText()));
        return out;
    }
}
