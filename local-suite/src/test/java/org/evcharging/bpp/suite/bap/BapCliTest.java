package org.evcharging.bpp.suite.bap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BapCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_search_intent_is_a_circle_around_the_point() {
        JsonNode m = BapCli.searchMessage("12.9716,77.5946", "5");
        JsonNode location = m.at("/intent/fulfillment/stops/0/location");
        assertEquals("12.9716,77.5946", location.path("gps").asText());
        assertEquals("12.9716,77.5946", location.at("/circle/gps").asText());
        assertEquals("{\"type\":\"CONSTANT\",\"value\":\"5\",\"unit\":\"km\"}", location.at("/circle/radius").toString());
    }

    @Test
    void an_empty_catalog_says_no_providers() throws Exception {
        assertEquals("no providers\n", BapCli.catalogTable(JSON.readTree("{\"descriptor\":{\"name\":\"x\"}}")));
    }

    @Test
    void the_table_resolves_each_item_s_location_and_fulfillment() throws Exception {
        JsonNode catalog = JSON.readTree("""
                {"providers":[{"id":"p1","descriptor":{"name":"Chargezone"},
                  "locations":[{"id":"l1","gps":"12.1,77.1"},{"id":"l2","gps":"12.2,77.2"}],
                  "fulfillments":[{"id":"f1","type":"CHARGING"}],
                  "items":[{"id":"i1","descriptor":{"name":"CCS2 60kW"},"price":{"value":"18","currency":"INR"},
                            "location_ids":["l2"],"fulfillment_ids":["f1"]}]}]}
                """);
        String table = BapCli.catalogTable(catalog);
        String[] lines = table.split("\n");
        assertEquals(2, lines.length, table);
        assertTrue(lines[0].startsWith("PROVIDER"), table);
        assertTrue(lines[1].matches("Chargezone\\s+CCS2 60kW\\s+18 INR\\s+12\\.2,77\\.2\\s+CHARGING\\s*"), table);
    }
}
