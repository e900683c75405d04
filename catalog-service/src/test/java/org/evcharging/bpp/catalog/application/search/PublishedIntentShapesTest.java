package org.evcharging.bpp.catalog.application.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.validation.BecknSchemas;
import org.evcharging.bpp.core.validation.SchemaViolation;
import org.evcharging.bpp.core.validation.WorkflowLeniency;
import org.junit.jupiter.api.Test;

/**
 * Intents as other organisations' BAPs send them, through what the door does before {@code SearchHandler.check}
 * (the workflow leniencies, then the strict core 1.1.0 schema), then read as criteria: which layer refuses a bad
 * value, and with which path (docs/search-intent.md relies on these).
 */
class PublishedIntentShapesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode search(String intent) {
        try {
            return JSON.readTree("""
                    {"context": {"domain": "dent:0.1.0", "action": "search", "version": "1.1.0",
                                 "location": {"country": {"code": "IND"}, "city": {"code": "std:080"}},
                                 "bap_id": "example-bap.com", "bap_uri": "https://api.example-bap.com/bap",
                                 "transaction_id": "6743e9e2-4fb5-487c-92b7-13ba8018f176",
                                 "message_id": "6743e9e2-4fb5-487c-92b7-13ba8018f177",
                                 "timestamp": "2023-07-16T04:41:16Z"},
                     "message": {"intent": %s}}
                    """.formatted(intent));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The schema's violations after the leniencies, as the door sees them. */
    private static List<String> door(JsonNode body) {
        WorkflowLeniency.india().normalize("search", body);
        return BecknSchemas.shared().validateStrict("search", body).stream().map(SchemaViolation::path).toList();
    }

    @Test
    void a_core_shape_intent_with_energy_in_available_passes_the_door_and_filters_on_it() {
        JsonNode body = search("""
                {"item": {"quantity": {"available": {"measure": {"value": "100000", "unit": "kWh"}}}},
                 "fulfillment": {"stops": [{"location": {"gps": "12.9716,77.5946"}}]}}
                """);
        assertEquals(List.of(), door(body));
        SearchCriteria c = SearchCriteria.from(body.get("message"));
        assertEquals(new BigDecimal("100000"), c.energyKwh());
        assertEquals(12.9716, c.latitude());
    }

    @Test
    void a_count_in_available_passes_the_door_and_filters_nothing() {
        JsonNode body = search("""
                {"item": {"quantity": {"available": {"count": 4}}}}
                """);
        assertEquals(List.of(), door(body));
        assertNull(SearchCriteria.from(body.get("message")).energyKwh());
    }

    @Test
    void a_whole_number_string_in_available_becomes_a_count_at_the_door_and_filters_nothing() {
        JsonNode body = search("""
                {"item": {"quantity": {"available": "40", "selected": "4.5"}}}
                """);
        assertEquals(List.of(), door(body));
        assertEquals(40, body.at("/message/intent/item/quantity/available/count").asInt());
        assertEquals(new BigDecimal("4.5"), SearchCriteria.from(body.get("message")).energyKwh());
    }

    @Test
    void a_measure_value_with_no_digit_in_available_is_refused_by_the_schema_with_its_path() {
        JsonNode body = search("""
                {"item": {"quantity": {"available": {"measure": {"value": "lots", "unit": "kWh"}}}}}
                """);
        assertEquals(List.of("$.message.intent.item.quantity.available.measure.value"), door(body));
    }

    @Test
    void a_negative_measure_in_available_passes_the_schema_and_is_refused_by_search_with_its_path() {
        JsonNode body = search("""
                {"item": {"quantity": {"available": {"measure": {"value": "-4", "unit": "kWh"}}}}}
                """);
        assertEquals(List.of(), door(body));
        BecknException e = assertThrows(BecknException.class, () -> SearchCriteria.from(body.get("message")));
        assertEquals("$.message.intent.item.quantity.available", e.error().paths());
    }

    @Test
    void a_city_only_intent_in_the_core_shape_passes_the_door_and_narrows_to_that_city() {
        JsonNode body = search("""
                {"fulfillment": {"stops": [{"location": {"city": {"code": "std:080"}}}]}}
                """);
        assertEquals(List.of(), door(body));
        SearchCriteria c = SearchCriteria.from(body.get("message"));
        assertFalse(c.hasLocation());
        assertEquals("std:080", c.cityCode());
    }

    @Test
    void a_city_only_intent_in_the_document_shape_passes_the_door_and_narrows_to_that_city() {
        JsonNode body = search("""
                {"location": {"city": {"code": "std:080"}}}
                """);
        assertEquals(List.of(), door(body));
        assertEquals("std:080", SearchCriteria.from(body.get("message")).cityCode());
    }

    @Test
    void the_context_city_is_not_a_search_criterion() {
        JsonNode body = search("{}");
        assertEquals(List.of(), door(body));
        assertNull(SearchCriteria.from(body.get("message")).cityCode());
    }

    @Test
    void a_stop_gps_that_is_not_a_coordinate_is_refused_by_the_schema_first() {
        JsonNode body = search("""
                {"fulfillment": {"stops": [{"location": {"gps": "somewhere"}}]}}
                """);
        assertEquals(List.of("$.message.intent.fulfillment.stops[0].location.gps"), door(body));
    }

    @Test
    void where_core_gives_a_type_the_schema_refuses_first_and_names_the_field() {
        assertEquals(List.of("$.message.intent.fulfillment.stops[0].location.circle.radius.value"), door(search("""
                {"fulfillment": {"stops": [{"location": {"circle": {"gps": "12.9,77.5", "radius": {"value": "far"}}}}]}}
                """)));
        assertEquals(List.of("$.message.intent.fulfillment.stops[0].location.city.code"), door(search("""
                {"fulfillment": {"stops": [{"location": {"city": {"code": 80}}}]}}
                """)));
        assertEquals(List.of("$.message.intent.fulfillment.tags[0].list[0].value"), door(search("""
                {"fulfillment": {"tags": [{"list": [{"descriptor": {"code": "power-rating"}, "value": 50}]}]}}
                """)));
        assertEquals(List.of("$.message.intent.item.quantity.available.count"), door(search("""
                {"item": {"quantity": {"available": {"count": -1}}}}
                """)));
    }

    @Test
    void what_core_does_not_define_passes_the_schema_and_search_alone_checks_it() {
        assertEquals(List.of(), door(search("""
                {"location": {"gps": "somewhere", "city": {"code": 80}, "radius": {"value": "far"}},
                 "item": {"quantity": {"required": {"value": "lots"}}}}
                """)));
    }

    @Test
    void a_numeric_rating_is_refused_by_the_schema() {
        JsonNode body = search("""
                {"provider": {"rating": 4}}
                """);
        assertEquals(List.of("$.message.intent.provider.rating"), door(body));
    }
}
