package org.evcharging.bpp.quote.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import org.evcharging.bpp.core.model.BecknException;
import org.junit.jupiter.api.Test;

class SelectRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_document_s_select_gives_provider_item_and_quantity() throws Exception {
        SelectRequest s = SelectRequest.from(message("""
                {"order":{"provider":{"id":"chargezone.in"},
                  "items":[{"id":"pe-charging-01","quantity":{"selected":{"measure":{"value":"4","unit":"kWh"}}}}]}}
                """));
        assertEquals("chargezone.in", s.providerId());
        assertEquals("pe-charging-01", s.itemId());
        assertEquals(new BigDecimal("4"), s.quantity());
        assertFalse(s.block(), "no slot, nothing to block");
    }

    @Test
    void a_slot_blocks_unless_the_block_tag_says_no_and_customer_facts_come_from_order_tags() throws Exception {
        SelectRequest s = SelectRequest.from(
                message("""
                        {"order":{"provider":{"id":"p"},"items":[{"id":"i","quantity":{"selected":{"count":2}},"add_ons":[{"id":"wash"}]}],
                          "fulfillments":[{"id":"c1","vehicle":{"category":"2W"},
                            "stops":[{"type":"start","time":{"timestamp":"2026-12-01T10:00:00+05:30"}},
                                     {"type":"end","time":{"timestamp":"2026-12-01T10:30:00+05:30"}}],
                            "tags":[{"list":[{"descriptor":{"code":"block"},"value":"N"}]}]}],
                          "tags":[{"list":[{"descriptor":{"code":"subscription"},"value":"gold"},
                                           {"descriptor":{"code":"first-time-user"},"value":"Y"}]}]}}
                        """));
        assertEquals(List.of("wash"), s.addOnIds());
        assertEquals("c1", s.fulfillmentId());
        assertEquals(30, java.time.Duration.between(s.slotStart(), s.slotEnd()).toMinutes());
        assertFalse(s.block());
        assertEquals("2W", s.vehicleType());
        assertEquals("gold", s.subscription());
        assertTrue(s.firstTimeUser());
    }

    @Test
    void a_missing_provider_quantity_or_a_backwards_slot_is_refused_with_its_path() {
        assertPath("{\"order\":{\"items\":[{\"id\":\"i\"}]}}", "$.message.order.provider.id");
        assertPath("{\"order\":{\"provider\":{\"id\":\"p\"},\"items\":[{\"id\":\"i\"}]}}",
                "$.message.order.items[0].quantity.selected");
        assertPath(
                "{\"order\":{\"provider\":{\"id\":\"p\"},\"items\":[{\"id\":\"i\",\"quantity\":{\"selected\":{\"measure\":{\"value\":\"0\"}}}}]}}",
                "$.message.order.items[0].quantity.selected");
        assertPath("""
                {"order":{"provider":{"id":"p"},"items":[{"id":"i","quantity":{"selected":{"count":1}}}],
                  "fulfillments":[{"stops":[{"type":"start","time":{"timestamp":"2026-12-01T10:30:00+05:30"}},
                                            {"type":"end","time":{"timestamp":"2026-12-01T10:00:00+05:30"}}]}]}}
                """, "$.message.order.fulfillments[0].stops");
    }

    @Test
    void absurd_quantities_units_and_several_items_are_refused_and_wh_becomes_kwh() throws Exception {
        assertPath(
                "{\"order\":{\"provider\":{\"id\":\"p\"},\"items\":[{\"id\":\"i\",\"quantity\":{\"selected\":{\"measure\":{\"value\":\"1E-100000000\"}}}}]}}",
                "$.message.order.items[0].quantity.selected");
        assertPath(
                "{\"order\":{\"provider\":{\"id\":\"p\"},\"items\":[{\"id\":\"i\",\"quantity\":{\"selected\":{\"measure\":{\"value\":\"4\",\"unit\":\"litre\"}}}}]}}",
                "$.message.order.items[0].quantity.selected.measure.unit");
        assertPath("{\"order\":{\"provider\":{\"id\":\"p\"},\"items\":[{\"id\":\"i\"},{\"id\":\"j\"}]}}",
                "$.message.order.items");
        SelectRequest wh = SelectRequest.from(message(
                "{\"order\":{\"provider\":{\"id\":\"p\"},\"items\":[{\"id\":\"i\",\"quantity\":{\"selected\":{\"measure\":{\"value\":\"7000\",\"unit\":\"Wh\"}}},"
                        + "\"add_ons\":[{\"id\":\"w\"},{\"id\":\"w\"}]}]}}"));
        assertEquals(0, new BigDecimal("7").compareTo(wh.quantity()));
        assertEquals(List.of("w"), wh.addOnIds(), "a repeated add-on is charged once");
    }

    private static void assertPath(String json, String path) {
        BecknException e = assertThrows(BecknException.class, () -> SelectRequest.from(message(json)));
        assertEquals("30000", e.error().code().code());
        assertEquals(path, e.error().paths());
    }

    private static JsonNode message(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
