package org.evcharging.bpp.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.evcharging.bpp.core.validation.BecknSchemas;
import org.evcharging.bpp.suite.bap.BapCli;
import org.evcharging.bpp.suite.bap.BapClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every way of searching the workflow document lists, against the catalog service on Liberty with MariaDB,
 * through the ingress, each asserting which providers and fulfillments come back in a signed, strictly valid
 * on_search.
 */
class CatalogSearchIT {

    private static LocalSuite suite;
    private static BapClient bap;

    @BeforeAll
    static void start() throws Exception {
        suite = SharedSuite.get();
        CatalogFixtures.seed(suite);
        bap = BapClient.demo(suite, 0);
    }

    @AfterAll
    static void stop() {
        if (bap != null) {
            bap.close();
        }
    }

    // ---- location ----

    @Test
    void the_document_shape_finds_everything_within_the_radius_nearest_first() throws Exception {
        JsonNode catalog = search(documentShape(CatalogFixtures.CENTER, "5", "km"));
        assertEquals(List.of("it-alpha.test", "it-swap.test", "it-sun.test"), providers(catalog));
        assertEquals(List.of("a1", "a2"), locations(catalog, "it-alpha.test"), "a3 is 9.6 km away");
        JsonNode alpha = provider(catalog, "it-alpha.test");
        assertTrue(alpha.at("/locations/1/descriptor/short_desc").asText().matches("1\\.1 km away"), alpha.toString());
        JsonNode item = alpha.path("items").get(0);
        assertEquals("18.5", item.at("/price/value").asText());
        assertEquals("Free car wash", item.at("/add_ons/0/descriptor/name").asText());
        assertEquals(List.of("a1", "a2"), texts(item.path("location_ids")));
        assertEquals(List.of("a1-t2", "a1-ccs2", "a2-t2"), texts(item.path("fulfillment_ids")),
                "by EVSE id within a station");
    }

    @Test
    void the_core_shape_with_a_circle_in_metres_narrows_to_the_nearest_station() throws Exception {
        JsonNode catalog = search(BapCli.searchMessage(CatalogFixtures.CENTER, "500"), "m");
        assertEquals(List.of("it-alpha.test"), providers(catalog));
        assertEquals(List.of("a1"), locations(catalog, "it-alpha.test"));
    }

    @Test
    void a_wider_radius_reaches_further_stations() throws Exception {
        JsonNode catalog = search(documentShape(CatalogFixtures.CENTER, "15", "km"));
        assertEquals(List.of("a1", "a2", "a3"), locations(catalog, "it-alpha.test"));
    }

    // ---- freshness ----

    @Test
    void a_change_to_an_item_is_in_the_very_next_search() throws Exception {
        String alpha = suite.tokens().partner("it-alpha.test");
        String path = "/catalog/v1/providers/it-alpha.test/items/alpha-energy";
        ObjectNode item = (ObjectNode) CatalogFixtures.JSON.readTree(CatalogFixtures.ALPHA).at("/items/0");
        String price = "/items/0/price/value";
        assertEquals("18.5",
                provider(search(documentShape(CatalogFixtures.CENTER, "5", "km")), "it-alpha.test").at(price).asText());
        try {
            HttpResponse<String> put = CatalogFixtures.call(suite, "PUT", path, alpha,
                    item.deepCopy().put("price", "19.75").toString());
            assertEquals(200, put.statusCode(), put.body());
            assertEquals("19.75",
                    provider(search(documentShape(CatalogFixtures.CENTER, "5", "km")), "it-alpha.test").at(price)
                            .asText(),
                    "searches keep providers' items (10 min in this suite), but not past a change through the service");
        } finally {
            CatalogFixtures.call(suite, "PUT", path, alpha, item.toString());
        }
        assertEquals("18.5",
                provider(search(documentShape(CatalogFixtures.CENTER, "5", "km")), "it-alpha.test").at(price).asText());
    }

    // ---- quantity, provider, rating, category ----

    @Test
    void an_energy_quantity_keeps_only_offers_that_can_deliver_it() throws Exception {
        ObjectNode m = documentShape(CatalogFixtures.CENTER, "5", "km");
        ((ObjectNode) m.path("intent")).putObject("item").putObject("quantity").putObject("required")
                .put("value", "10").put("unit", "kWH");
        assertEquals(List.of("it-alpha.test"), providers(search(m)), "Sunny has 5 kWh, Swapz sells swaps");
    }

    @Test
    void a_provider_is_found_by_partial_case_insensitive_name_and_by_id() throws Exception {
        ObjectNode byName = documentShape(CatalogFixtures.CENTER, "5", "km");
        ((ObjectNode) byName.path("intent")).putObject("provider").putObject("descriptor").put("name", "sUNny");
        assertEquals(List.of("it-sun.test"), providers(search(byName)));

        ObjectNode byId = JSON().objectNode();
        byId.putObject("intent").putObject("provider").put("id", "it-swap.test");
        assertEquals(List.of("it-swap.test"), providers(search(byId)), "no location: the provider's whole network");
    }

    @Test
    void a_minimum_rating_keeps_only_providers_rated_at_or_above_it() throws Exception {
        ObjectNode m = documentShape(CatalogFixtures.CENTER, "5", "km");
        ((ObjectNode) m.path("intent")).putObject("provider").put("rating", "4");
        JsonNode catalog = search(m);
        assertEquals(List.of("it-alpha.test"), providers(catalog));
        assertEquals("4.6", provider(catalog, "it-alpha.test").path("rating").asText());
    }

    @Test
    void a_category_code_and_a_kind_of_energy_source_filter_providers() throws Exception {
        ObjectNode green = documentShape(CatalogFixtures.CENTER, "5", "km");
        ((ObjectNode) green.path("intent")).putObject("item").putObject("category").putObject("descriptor")
                .put("code", "green-tariff");
        assertEquals(List.of("it-alpha.test"), providers(search(green)));

        ObjectNode solar = documentShape(CatalogFixtures.CENTER, "5", "km");
        ((ObjectNode) solar.path("intent")).putObject("category").putObject("descriptor").put("code", "solar-farm");
        assertEquals(List.of("it-sun.test"), providers(search(solar)));
    }

    // ---- fulfillment type and charger specifications ----

    @Test
    void battery_swap_and_mobile_battery_swap_are_fulfillment_types() throws Exception {
        ObjectNode m = documentShape(CatalogFixtures.CENTER, "5", "km");
        ((ObjectNode) m.path("intent")).putObject("fulfillment").put("type", "BATTERY-SWAP");
        JsonNode catalog = search(m);
        assertEquals(List.of("it-swap.test"), providers(catalog));
        List<String> types = new ArrayList<>();
        provider(catalog, "it-swap.test").path("fulfillments").forEach(f -> types.add(f.path("type").asText()));
        assertEquals(List.of("BATTERY-SWAP"), types);
    }

    @Test
    void a_battery_type_finds_the_swap_stations_that_swap_it() throws Exception {
        ObjectNode m = documentShape(CatalogFixtures.CENTER, "5", "km");
        ((ObjectNode) m.path("intent")).putObject("fulfillment").putArray("tags").addObject().putArray("list")
                .addObject()
                .put("value", "lfp-48v").putObject("descriptor").put("code", "battery-type");
        JsonNode catalog = search(m);
        assertEquals(List.of("it-swap.test"), providers(catalog));
        assertEquals("LFP-48V", tag(provider(catalog, "it-swap.test").path("fulfillments").get(0), "battery-type"));

        ObjectNode other = documentShape(CatalogFixtures.CENTER, "5", "km");
        ((ObjectNode) other.path("intent")).putObject("fulfillment").putArray("tags").addObject().putArray("list")
                .addObject()
                .put("value", "NMC-60V").putObject("descriptor").put("code", "battery-type");
        assertEquals(List.of(), providers(search(other)));
    }

    @Test
    void charger_type_connector_type_and_minimum_power_select_connectors() throws Exception {
        JsonNode catalog = search(chargerSearch("DC", "CCS2", "50kW"));
        assertEquals(List.of("it-alpha.test"), providers(catalog));
        JsonNode alpha = provider(catalog, "it-alpha.test");
        assertEquals(List.of("a1"), locations(catalog, "it-alpha.test"));
        assertEquals(1, alpha.path("fulfillments").size(), alpha.toString());
        JsonNode f = alpha.path("fulfillments").get(0);
        assertEquals("a1-ccs2", f.path("id").asText());
        assertEquals("DC", tag(f, "charger-type"));
        assertEquals("CCS2", tag(f, "connector-type"));
        assertEquals("60kW", tag(f, "power-rating"));
        assertEquals("Available", tag(f, "availability"));

        assertEquals(List.of(), providers(search(chargerSearch("DC", "CCS2", "150"))), "no 150 kW charger nearby");
    }

    @Test
    void a_connector_out_of_service_disappears_from_the_next_search() throws Exception {
        String token = suite.tokens().partner("it-alpha.test");
        assertEquals(204,
                CatalogFixtures
                        .call(suite, "PUT", "/catalog/v1/providers/it-alpha.test/connectors/a1-ccs2/availability",
                                token, "{\"availability\":\"OUT_OF_SERVICE\"}")
                        .statusCode());
        try {
            assertEquals(List.of(), providers(search(chargerSearch("DC", "CCS2", null))));
        } finally {
            assertEquals(204,
                    CatalogFixtures
                            .call(suite, "PUT", "/catalog/v1/providers/it-alpha.test/connectors/a1-ccs2/availability",
                                    token, "{\"availability\":\"AVAILABLE\"}")
                            .statusCode());
        }
        assertEquals(List.of("it-alpha.test"), providers(search(chargerSearch("DC", "CCS2", null))));
    }

    // ---- nothing, and nonsense ----

    @Test
    void nothing_matching_is_an_empty_catalog_not_silence() throws Exception {
        ObjectNode m = documentShape("0.000000,0.000000", "5", "km");
        JsonNode catalog = search(m);
        assertEquals(0, catalog.path("providers").size());
    }

    @Test
    void a_gps_that_is_not_a_coordinate_is_nacked_with_its_path() throws Exception {
        BapClient.Sent sent = bap.send("search", documentShape("not-a-place", "5", "km"));
        assertEquals(400, sent.status(), sent.body());
        assertEquals("30000", sent.response().at("/error/code").asText());
        assertEquals("$.message.intent.location.gps", sent.response().at("/error/paths").asText());
    }

    @Test
    void a_negative_radius_is_nacked_with_its_path() throws Exception {
        BapClient.Sent sent = bap.send("search", documentShape(CatalogFixtures.CENTER, "-1", "km"));
        assertEquals(400, sent.status(), sent.body());
        assertEquals("30000", sent.response().at("/error/code").asText());
        assertEquals("$.message.intent.location.radius.value", sent.response().at("/error/paths").asText());
    }

    // ---- helpers ----

    static ObjectNode documentShape(String gps, String radius, String unit) {
        ObjectNode m = JSON().objectNode();
        ObjectNode location = m.putObject("intent").putObject("location");
        location.put("gps", gps);
        location.putObject("radius").put("type", "CONSTANT").put("value", radius).put("unit", unit);
        return m;
    }

    private static ObjectNode chargerSearch(String charger, String connector, String power) {
        ObjectNode m = documentShape(CatalogFixtures.CENTER, "5", "km");
        var list = ((ObjectNode) m.path("intent")).putObject("fulfillment").put("type", "CHARGING")
                .putArray("tags").addObject().putArray("list");
        list.addObject().put("value", charger).putObject("descriptor").put("code", "charger-type");
        list.addObject().put("value", connector).putObject("descriptor").put("code", "connector-type");
        if (power != null) {
            list.addObject().put("value", power).putObject("descriptor").put("code", "power-rating");
        }
        return m;
    }

    private JsonNode search(ObjectNode message) throws Exception {
        return search(message, null);
    }

    /** Sends the search, waits for on_search, checks signature and schema, returns the catalog. */
    private JsonNode search(ObjectNode message, String radiusUnit) throws Exception {
        if (radiusUnit != null) {
            ((ObjectNode) message.at("/intent/fulfillment/stops/0/location/circle/radius")).put("unit", radiusUnit);
        }
        BapClient.Sent sent = bap.send("search", message);
        assertTrue(sent.acked(), sent.body());
        BapClient.Callback cb = bap.awaitCallback(sent.messageId(), "on_search", Duration.ofSeconds(30));
        assertTrue(cb.verified(), cb.verificationError());
        assertTrue(cb.body().path("error").isMissingNode(), cb.body().toString());
        assertEquals(List.of(), BecknSchemas.shared().validateStrict("on_search", cb.body()), cb.body().toString());
        return cb.body().at("/message/catalog");
    }

    /** The test providers in the catalog, in order (the demo providers in Bengaluru never match these). */
    private static List<String> providers(JsonNode catalog) {
        List<String> ids = new ArrayList<>();
        catalog.path("providers").forEach(p -> ids.add(p.path("id").asText()));
        return ids;
    }

    private static JsonNode provider(JsonNode catalog, String id) {
        for (JsonNode p : catalog.path("providers")) {
            if (id.equals(p.path("id").asText())) {
                return p;
            }
        }
        throw new AssertionError(id + " not in " + catalog);
    }

    private static List<String> locations(JsonNode catalog, String providerId) {
        return texts(provider(catalog, providerId).path("locations"), "id");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    private static String tag(JsonNode fulfillment, String code) {
        for (JsonNode g : fulfillment.path("tags")) {
            for (JsonNode t : g.path("list")) {
                if (code.equals(t.at("/descriptor/code").asText())) {
                    return t.path("value").asText();
                }
            }
        }
        return null;
    }

    private static com.fasterxml.jackson.databind.node.JsonNodeFactory JSON() {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
    }
}
