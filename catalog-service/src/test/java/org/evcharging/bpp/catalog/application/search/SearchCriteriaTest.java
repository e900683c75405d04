package org.evcharging.bpp.catalog.application.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import org.evcharging.bpp.catalog.domain.ChargerType;
import org.evcharging.bpp.catalog.domain.ConnectorType;
import org.evcharging.bpp.catalog.domain.FulfillmentType;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.junit.jupiter.api.Test;

class SearchCriteriaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static SearchCriteria criteria(String message) {
        return SearchCriteria.from(json(message));
    }

    /** Asserts the message is refused as an invalid request naming exactly {@code path}. */
    private static void assertRefused(String message, String path) {
        JsonNode m = json(message);
        BecknException e = assertThrows(BecknException.class, () -> SearchCriteria.from(m));
        assertEquals(ErrorCode.INVALID_REQUEST, e.error().code());
        assertEquals("30000", e.error().code().code());
        assertEquals(path, e.error().paths());
    }

    // ---- location: document shape ----

    @Test
    void the_document_shape_gives_the_gps_and_a_radius_in_km() {
        SearchCriteria c = criteria("""
                {"intent": {"location": {"gps": "12.9716,77.5946", "radius": {"value": "3", "unit": "km"}}}}
                """);
        assertTrue(c.hasLocation());
        assertEquals(12.9716, c.latitude());
        assertEquals(77.5946, c.longitude());
        assertEquals(3_000, c.radiusMetres());
    }

    @Test
    void a_radius_in_metres_is_taken_as_is() {
        SearchCriteria c = criteria("""
                {"intent": {"location": {"gps": "12.9716,77.5946", "radius": {"value": "750", "unit": "m"}}}}
                """);
        assertEquals(750, c.radiusMetres());
    }

    @Test
    void a_radius_without_unit_is_in_km() {
        SearchCriteria c = criteria("""
                {"intent": {"location": {"gps": "12.9716,77.5946", "radius": {"value": "2.5"}}}}
                """);
        assertEquals(2_500, c.radiusMetres());
    }

    @Test
    void the_radius_unit_is_case_insensitive() {
        SearchCriteria c = criteria("""
                {"intent": {"location": {"gps": "12.9716,77.5946", "radius": {"value": "2", "unit": "KM"}}}}
                """);
        assertEquals(2_000, c.radiusMetres());
    }

    @Test
    void a_gps_without_radius_gets_the_default_5_km() {
        SearchCriteria c = criteria("""
                {"intent": {"location": {"gps": "12.9716,77.5946"}}}
                """);
        assertTrue(c.hasLocation());
        assertEquals(SearchCriteria.DEFAULT_RADIUS_M, c.radiusMetres());
        assertEquals(5_000, c.radiusMetres());
    }

    @Test
    void a_radius_beyond_100_km_is_capped_at_100_km() {
        SearchCriteria c = criteria("""
                {"intent": {"location": {"gps": "12.9716,77.5946", "radius": {"value": "250", "unit": "km"}}}}
                """);
        assertEquals(SearchCriteria.MAX_RADIUS_M, c.radiusMetres());
        assertEquals(100_000, c.radiusMetres());
    }

    @Test
    void a_gps_that_is_not_a_coordinate_is_refused_with_its_path() {
        assertRefused("""
                {"intent": {"location": {"gps": "somewhere in Bengaluru"}}}
                """, "$.message.intent.location.gps");
    }

    @Test
    void a_gps_out_of_range_is_refused_with_its_path() {
        assertRefused("""
                {"intent": {"location": {"gps": "95.0,77.5946"}}}
                """, "$.message.intent.location.gps");
    }

    @Test
    void a_negative_radius_is_refused_with_its_path() {
        assertRefused("""
                {"intent": {"location": {"gps": "12.9716,77.5946", "radius": {"value": "-1", "unit": "km"}}}}
                """, "$.message.intent.location.radius.value");
    }

    @Test
    void a_radius_that_is_not_a_number_is_refused_with_its_path() {
        assertRefused("""
                {"intent": {"location": {"gps": "12.9716,77.5946", "radius": {"value": "far", "unit": "km"}}}}
                """, "$.message.intent.location.radius.value");
    }

    @Test
    void an_unknown_radius_unit_is_refused_with_its_path() {
        assertRefused("""
                {"intent": {"location": {"gps": "12.9716,77.5946", "radius": {"value": "3", "unit": "miles"}}}}
                """, "$.message.intent.location.radius.unit");
    }

    @Test
    void a_radius_without_gps_is_refused_naming_the_missing_gps() {
        assertRefused("""
                {"intent": {"location": {"radius": {"value": "3", "unit": "km"}}}}
                """, "$.message.intent.location.gps");
    }

    // ---- location: core 1.1.0 shape ----

    @Test
    void the_core_shape_gives_the_gps_and_radius_of_a_stop_circle() {
        SearchCriteria c = criteria("""
                {"intent": {"fulfillment": {"stops": [
                  {"location": {"circle": {"gps": "12.9752,77.6067", "radius": {"value": "800", "unit": "m"}}}}
                ]}}}
                """);
        assertTrue(c.hasLocation());
        assertEquals(12.9752, c.latitude());
        assertEquals(77.6067, c.longitude());
        assertEquals(800, c.radiusMetres());
    }

    @Test
    void the_core_shape_accepts_a_plain_stop_gps_with_the_default_radius() {
        SearchCriteria c = criteria("""
                {"intent": {"fulfillment": {"stops": [{"location": {"gps": "12.9752,77.6067"}}]}}}
                """);
        assertEquals(12.9752, c.latitude());
        assertEquals(77.6067, c.longitude());
        assertEquals(5_000, c.radiusMetres());
    }

    @Test
    void the_first_stop_with_a_location_is_used() {
        SearchCriteria c = criteria("""
                {"intent": {"fulfillment": {"stops": [
                  {"type": "start"},
                  {"location": {"gps": "12.9752,77.6067"}},
                  {"location": {"gps": "13.0,78.0"}}
                ]}}}
                """);
        assertEquals(12.9752, c.latitude());
        assertEquals(77.6067, c.longitude());
    }

    @Test
    void a_bad_circle_gps_is_refused_with_the_path_of_its_stop() {
        assertRefused("""
                {"intent": {"fulfillment": {"stops": [
                  {"type": "start"},
                  {"location": {"circle": {"gps": "12.9752;77.6067"}}}
                ]}}}
                """, "$.message.intent.fulfillment.stops[1].location.circle.gps");
    }

    @Test
    void a_negative_circle_radius_is_refused_with_its_path() {
        assertRefused("""
                {"intent": {"fulfillment": {"stops": [
                  {"location": {"circle": {"gps": "12.9752,77.6067", "radius": {"value": "-5", "unit": "km"}}}}
                ]}}}
                """, "$.message.intent.fulfillment.stops[0].location.circle.radius.value");
    }

    @Test
    void an_unknown_circle_radius_unit_is_refused_with_its_path() {
        assertRefused("""
                {"intent": {"fulfillment": {"stops": [
                  {"location": {"circle": {"gps": "12.9752,77.6067", "radius": {"value": "5", "unit": "yd"}}}}
                ]}}}
                """, "$.message.intent.fulfillment.stops[0].location.circle.radius.unit");
    }

    @Test
    void a_stop_radius_without_gps_is_refused_naming_the_missing_gps() {
        assertRefused("""
                {"intent": {"fulfillment": {"stops": [{"location": {"radius": {"value": "5", "unit": "km"}}}]}}}
                """, "$.message.intent.fulfillment.stops[0].location.gps");
    }

    @Test
    void an_empty_intent_gives_no_location_and_no_criteria() {
        SearchCriteria c = criteria("""
                {"intent": {}}
                """);
        assertFalse(c.hasLocation());
        assertNull(c.latitude());
        assertNull(c.longitude());
        assertEquals(SearchCriteria.DEFAULT_RADIUS_M, c.radiusMetres());
        assertNull(c.energyKwh());
        assertNull(c.cityCode());
        assertNull(c.providerId());
        assertNull(c.providerName());
        assertNull(c.minProviderRating());
        assertNull(c.minItemRating());
        assertNull(c.categoryCode());
        assertNull(c.fulfillmentType());
        assertFalse(c.wantsCharging());
    }

    @Test
    void a_message_without_intent_gives_no_location() {
        assertFalse(criteria("{}").hasLocation());
    }

    // ---- energy quantity ----

    @Test
    void the_required_quantity_is_read_from_its_value() {
        SearchCriteria c = criteria("""
                {"intent": {"item": {"quantity": {"required": {"value": "4.0", "unit": "kWH"}}}}}
                """);
        assertEquals(new BigDecimal("4.0"), c.energyKwh());
    }

    @Test
    void the_required_quantity_is_read_from_its_measure() {
        SearchCriteria c = criteria("""
                {"intent": {"item": {"quantity": {"required": {"measure": {"value": "4.5", "unit": "kWh"}}}}}}
                """);
        assertEquals(new BigDecimal("4.5"), c.energyKwh());
    }

    @Test
    void a_bare_count_is_not_energy_and_filters_nothing() {
        SearchCriteria c = criteria("""
                {"intent": {"item": {"quantity": {"required": {"count": 4}}}}}
                """);
        assertEquals(null, c.energyKwh(), "a count of swaps must not hide swap items behind a kWh filter");
    }

    @Test
    void not_a_number_is_refused_as_a_minimum_rating() {
        assertRefused("""
                {"intent": {"provider": {"rating": "NaN"}}}
                """, "$.message.intent.provider.rating");
    }

    @Test
    void a_document_location_without_gps_falls_back_to_the_core_shape() {
        SearchCriteria c = criteria("""
                {"intent": {"location": {"city": {"code": "std:080"}},
                            "fulfillment": {"stops": [{"location": {"gps": "12.9716,77.5946"}}]}}}
                """);
        assertEquals(12.9716, c.latitude(), 1e-9);
        assertNull(c.cityCode(), "with a gps, the city does not narrow the search");
    }

    @Test
    void the_selected_quantity_is_used_when_none_is_required() {
        SearchCriteria c = criteria("""
                {"intent": {"item": {"quantity": {"selected": {"measure": {"value": "12", "unit": "kWh"}}}}}}
                """);
        assertEquals(new BigDecimal("12"), c.energyKwh());
    }

    @Test
    void the_required_quantity_wins_over_the_selected_one() {
        SearchCriteria c = criteria("""
                {"intent": {"item": {"quantity": {"required": {"value": "7"}, "selected": {"value": "12"}}}}}
                """);
        assertEquals(new BigDecimal("7"), c.energyKwh());
    }

    @Test
    void a_negative_required_quantity_is_refused_with_its_path() {
        assertRefused("""
                {"intent": {"item": {"quantity": {"required": {"value": "-4.0", "unit": "kWH"}}}}}
                """, "$.message.intent.item.quantity.required");
    }

    @Test
    void a_negative_selected_quantity_is_refused_with_its_path() {
        assertRefused("""
                {"intent": {"item": {"quantity": {"selected": {"measure": {"value": "-2"}}}}}}
                """, "$.message.intent.item.quantity.selected");
    }

    @Test
    void a_quantity_that_is_not_a_number_is_refused_with_its_path() {
        assertRefused("""
                {"intent": {"item": {"quantity": {"required": {"value": "lots"}}}}}
                """, "$.message.intent.item.quantity.required");
    }

    // ---- energy quantity in available (other organisations' published DENT examples) ----

    @Test
    void the_available_quantity_is_read_from_its_measure() {
        SearchCriteria c = criteria("""
                {"intent": {"item": {"quantity": {"available": {"measure": {"value": "4", "unit": "kWh"}}}}}}
                """);
        assertEquals(new BigDecimal("4"), c.energyKwh());
    }

    @Test
    void an_intent_for_100000_kwh_in_available_is_the_same_search_as_in_required() {
        SearchCriteria available = criteria("""
                {"intent": {"item": {"quantity": {"available": {"measure": {"value": "100000", "unit": "kWh"}}}}}}
                """);
        SearchCriteria required = criteria("""
                {"intent": {"item": {"quantity": {"required": {"measure": {"value": "100000", "unit": "kWh"}}}}}}
                """);
        assertEquals(new BigDecimal("100000"), available.energyKwh());
        assertEquals(required, available, "CatalogSearch sees the same criteria, so a 4 kWh offer is filtered out");
    }

    @Test
    void a_count_in_available_is_not_energy_and_filters_nothing() {
        SearchCriteria c = criteria("""
                {"intent": {"item": {"quantity": {"available": {"count": 4}}}}}
                """);
        assertNull(c.energyKwh());
    }

    @Test
    void a_negative_available_quantity_is_refused_with_its_path() {
        assertRefused("""
                {"intent": {"item": {"quantity": {"available": {"measure": {"value": "-4", "unit": "kWh"}}}}}}
                """, "$.message.intent.item.quantity.available");
    }

    @Test
    void an_available_quantity_that_is_not_a_number_is_refused_with_its_path() {
        assertRefused("""
                {"intent": {"item": {"quantity": {"available": {"measure": {"value": "4 kWh"}}}}}}
                """, "$.message.intent.item.quantity.available");
        assertRefused("""
                {"intent": {"item": {"quantity": {"available": {"value": "lots"}}}}}
                """, "$.message.intent.item.quantity.available");
    }

    @Test
    void the_required_quantity_wins_over_the_available_one() {
        SearchCriteria c = criteria("""
                {"intent": {"item": {"quantity": {"required": {"value": "7"},
                                                  "available": {"measure": {"value": "100000"}}}}}}
                """);
        assertEquals(new BigDecimal("7"), c.energyKwh());
    }

    @Test
    void the_selected_quantity_wins_over_the_available_one() {
        SearchCriteria c = criteria("""
                {"intent": {"item": {"quantity": {"selected": {"measure": {"value": "12"}},
                                                  "available": {"measure": {"value": "100000"}}}}}}
                """);
        assertEquals(new BigDecimal("12"), c.energyKwh());
    }

    @Test
    void the_available_quantity_is_used_when_the_required_one_is_only_a_count() {
        SearchCriteria c = criteria("""
                {"intent": {"item": {"quantity": {"required": {"count": 1},
                                                  "available": {"measure": {"value": "30"}}}}}}
                """);
        assertEquals(new BigDecimal("30"), c.energyKwh());
    }

    // ---- city ----

    @Test
    void the_city_code_of_the_intent_location_is_read_when_there_is_no_gps() {
        SearchCriteria c = criteria("""
                {"intent": {"location": {"city": {"code": "std:080"}}}}
                """);
        assertFalse(c.hasLocation());
        assertEquals("std:080", c.cityCode());
    }

    @Test
    void the_city_code_of_the_first_stop_that_has_one_is_read_when_there_is_no_gps() {
        SearchCriteria c = criteria("""
                {"intent": {"fulfillment": {"stops": [
                  {"type": "start"},
                  {"location": {"city": {"code": " std:011 "}}},
                  {"location": {"city": {"code": "std:080"}}}
                ]}}}
                """);
        assertEquals("std:011", c.cityCode());
    }

    @Test
    void the_intent_location_city_wins_over_a_stop_city() {
        SearchCriteria c = criteria("""
                {"intent": {"location": {"city": {"code": "std:080"}},
                            "fulfillment": {"stops": [{"location": {"city": {"code": "std:011"}}}]}}}
                """);
        assertEquals("std:080", c.cityCode());
    }

    @Test
    void a_city_beside_a_gps_does_not_narrow_the_search() {
        SearchCriteria c = criteria("""
                {"intent": {"location": {"gps": "12.9716,77.5946", "city": {"code": "std:080"}}}}
                """);
        assertTrue(c.hasLocation());
        assertNull(c.cityCode());
    }

    @Test
    void every_city_or_a_blank_city_is_no_city() {
        assertNull(criteria("""
                {"intent": {"location": {"city": {"code": "*"}}}}
                """).cityCode());
        assertNull(criteria("""
                {"intent": {"location": {"city": {"code": "  "}}}}
                """).cityCode());
        assertNull(criteria("""
                {"intent": {"location": {"city": {"name": "Bengaluru"}}}}
                """).cityCode(), "a city name alone is not read");
    }

    @Test
    void a_city_code_that_is_not_a_string_is_refused_with_its_path() {
        assertRefused("""
                {"intent": {"location": {"city": {"code": 80}}}}
                """, "$.message.intent.location.city.code");
        assertRefused("""
                {"intent": {"fulfillment": {"stops": [
                  {"type": "start"},
                  {"location": {"city": {"code": {"std": "080"}}}}
                ]}}}
                """, "$.message.intent.fulfillment.stops[1].location.city.code");
    }

    // ---- provider ----

    @Test
    void the_provider_id_is_read() {
        SearchCriteria c = criteria("""
                {"intent": {"provider": {"id": "prov-42"}}}
                """);
        assertEquals("prov-42", c.providerId());
    }

    @Test
    void the_provider_name_is_read_from_its_descriptor() {
        SearchCriteria c = criteria("""
                {"intent": {"provider": {"descriptor": {"name": "Green Volt", "code": "gv"}}}}
                """);
        assertEquals("Green Volt", c.providerName());
    }

    @Test
    void the_provider_code_is_used_as_name_when_there_is_no_name() {
        SearchCriteria c = criteria("""
                {"intent": {"provider": {"descriptor": {"code": "green-volt"}}}}
                """);
        assertEquals("green-volt", c.providerName());
    }

    @Test
    void a_blank_provider_name_falls_back_to_the_code() {
        SearchCriteria c = criteria("""
                {"intent": {"provider": {"descriptor": {"name": "  ", "code": "green-volt"}}}}
                """);
        assertEquals("green-volt", c.providerName());
    }

    // ---- ratings ----

    @Test
    void the_minimum_provider_rating_is_read() {
        SearchCriteria c = criteria("""
                {"intent": {"provider": {"rating": "4"}}}
                """);
        assertEquals(4.0, c.minProviderRating());
        assertNull(c.minItemRating());
    }

    @Test
    void the_minimum_item_rating_is_read() {
        SearchCriteria c = criteria("""
                {"intent": {"item": {"rating": 3.5}}}
                """);
        assertEquals(3.5, c.minItemRating());
        assertNull(c.minProviderRating());
    }

    @Test
    void the_rating_bounds_0_and_5_are_accepted() {
        SearchCriteria c = criteria("""
                {"intent": {"provider": {"rating": "0"}, "item": {"rating": "5"}}}
                """);
        assertEquals(0.0, c.minProviderRating());
        assertEquals(5.0, c.minItemRating());
    }

    @Test
    void a_provider_rating_above_5_is_refused_with_its_path() {
        assertRefused("""
                {"intent": {"provider": {"rating": "5.5"}}}
                """, "$.message.intent.provider.rating");
    }

    @Test
    void a_negative_item_rating_is_refused_with_its_path() {
        assertRefused("""
                {"intent": {"item": {"rating": "-1"}}}
                """, "$.message.intent.item.rating");
    }

    @Test
    void a_rating_that_is_not_a_number_is_refused_with_its_path() {
        assertRefused("""
                {"intent": {"item": {"rating": "excellent"}}}
                """, "$.message.intent.item.rating");
    }

    // ---- category ----

    @Test
    void the_category_is_read_from_the_intent_category() {
        SearchCriteria c = criteria("""
                {"intent": {"category": {"descriptor": {"code": "green-tariff"}}}}
                """);
        assertEquals("green-tariff", c.categoryCode());
    }

    @Test
    void the_category_is_read_from_the_item_category() {
        SearchCriteria c = criteria("""
                {"intent": {"item": {"category": {"descriptor": {"code": "solar-farm"}}}}}
                """);
        assertEquals("solar-farm", c.categoryCode());
    }

    @Test
    void the_intent_category_wins_over_the_item_category() {
        SearchCriteria c = criteria("""
                {"intent": {"category": {"descriptor": {"code": "green-tariff"}},
                            "item": {"category": {"descriptor": {"code": "solar-farm"}}}}}
                """);
        assertEquals("green-tariff", c.categoryCode());
    }

    // ---- fulfillment type ----

    @Test
    void the_fulfillment_type_battery_swap_is_read() {
        SearchCriteria c = criteria("""
                {"intent": {"fulfillment": {"type": "BATTERY-SWAP"}}}
                """);
        assertEquals(FulfillmentType.BATTERY_SWAP, c.fulfillmentType());
    }

    @Test
    void the_fulfillment_type_is_case_insensitive() {
        SearchCriteria c = criteria("""
                {"intent": {"fulfillment": {"type": "charging"}}}
                """);
        assertEquals(FulfillmentType.CHARGING, c.fulfillmentType());
    }

    @Test
    void an_unknown_fulfillment_type_is_refused_with_its_path() {
        assertRefused("""
                {"intent": {"fulfillment": {"type": "DELIVERY"}}}
                """, "$.message.intent.fulfillment.type");
    }

    // ---- charging tags ----

    @Test
    void the_charger_type_tag_is_read() {
        SearchCriteria c = criteria("""
                {"intent": {"fulfillment": {"tags": [{"descriptor": {"code": "charging"}, "list": [
                  {"descriptor": {"code": "charger-type"}, "value": "DC"}
                ]}]}}}
                """);
        assertEquals(ChargerType.DC, c.chargerType());
        assertTrue(c.wantsCharging());
    }

    @Test
    void the_connector_type_tag_is_parsed_case_insensitively() {
        SearchCriteria c = criteria("""
                {"intent": {"fulfillment": {"tags": [{"list": [
                  {"descriptor": {"code": "connector-type"}, "value": "ccs2"}
                ]}]}}}
                """);
        assertEquals(ConnectorType.CCS2, c.connectorType());
        assertTrue(c.wantsCharging());
    }

    @Test
    void the_power_rating_tag_is_read_in_kw() {
        SearchCriteria c = criteria("""
                {"intent": {"fulfillment": {"tags": [{"list": [
                  {"descriptor": {"code": "power-rating"}, "value": "50kW"}
                ]}]}}}
                """);
        assertEquals(50.0, c.minPowerKw());
        assertTrue(c.wantsCharging());
    }

    @Test
    void the_power_rating_tag_accepts_a_bare_number() {
        SearchCriteria c = criteria("""
                {"intent": {"fulfillment": {"tags": [{"list": [
                  {"descriptor": {"code": "power-rating"}, "value": "22"}
                ]}]}}}
                """);
        assertEquals(22.0, c.minPowerKw());
    }

    @Test
    void all_three_charging_tags_are_read_together() {
        SearchCriteria c = criteria("""
                {"intent": {"fulfillment": {"type": "CHARGING", "tags": [{"list": [
                  {"descriptor": {"code": "charger-type"}, "value": "dc"},
                  {"descriptor": {"code": "connector-type"}, "value": "CCS2"},
                  {"descriptor": {"code": "power-rating"}, "value": "60kW"}
                ]}]}}}
                """);
        assertEquals(FulfillmentType.CHARGING, c.fulfillmentType());
        assertEquals(ChargerType.DC, c.chargerType());
        assertEquals(ConnectorType.CCS2, c.connectorType());
        assertEquals(60.0, c.minPowerKw());
    }

    @Test
    void tags_that_are_not_criteria_are_ignored() {
        SearchCriteria c = criteria("""
                {"intent": {"fulfillment": {"tags": [{"list": [
                  {"descriptor": {"code": "parking"}, "value": "free"}
                ]}]}}}
                """);
        assertNull(c.chargerType());
        assertNull(c.connectorType());
        assertNull(c.minPowerKw());
        assertFalse(c.wantsCharging());
    }

    @Test
    void a_bad_charger_type_is_refused_with_the_path_of_its_tag() {
        assertRefused("""
                {"intent": {"fulfillment": {"tags": [{"list": [
                  {"descriptor": {"code": "charger-type"}, "value": "DC"}
                ]}, {"list": [
                  {"descriptor": {"code": "parking"}, "value": "free"},
                  {"descriptor": {"code": "charger-type"}, "value": "plasma"}
                ]}]}}}
                """, "$.message.intent.fulfillment.tags[1].list[1].value");
    }

    @Test
    void a_bad_connector_type_is_refused_with_the_path_of_its_tag() {
        assertRefused("""
                {"intent": {"fulfillment": {"tags": [{"list": [
                  {"descriptor": {"code": "connector-type"}, "value": "Schuko"}
                ]}]}}}
                """, "$.message.intent.fulfillment.tags[0].list[0].value");
    }

    @Test
    void a_power_rating_that_is_not_a_number_is_refused_with_the_path_of_its_tag() {
        assertRefused("""
                {"intent": {"fulfillment": {"tags": [{"list": [
                  {"descriptor": {"code": "charger-type"}, "value": "AC"},
                  {"descriptor": {"code": "power-rating"}, "value": "fast"}
                ]}]}}}
                """, "$.message.intent.fulfillment.tags[0].list[1].value");
    }

    @Test
    void a_negative_power_rating_is_refused_with_the_path_of_its_tag() {
        assertRefused("""
                {"intent": {"fulfillment": {"tags": [{"list": [
                  {"descriptor": {"code": "power-rating"}, "value": "-7kW"}
                ]}]}}}
                """, "$.message.intent.fulfillment.tags[0].list[0].value");
    }
}
