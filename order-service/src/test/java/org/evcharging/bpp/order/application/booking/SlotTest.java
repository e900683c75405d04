package org.evcharging.bpp.order.application.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlotTest {

    private static String quoted(String stops, String tags, String type) {
        return """
                {"fulfillments": [{"type": "%s", "stops": [%s], "tags": [%s]}]}
                """.formatted(type, stops, tags);
    }

    private static final String STOPS = """
            {"type": "start", "time": {"timestamp": "2026-12-05T15:30:00+05:30"}},
            {"type": "end", "time": {"timestamp": "2026-12-05T16:30:00+05:30"}}""";

    @Test
    void a_quoted_slot_blocks_the_charger_from_its_start_to_its_end() {
        Slot s = Slot.of(quoted(STOPS, "", "CHARGING"));
        assertEquals(Instant.parse("2026-12-05T10:00:00Z"), s.start());
        assertEquals(Instant.parse("2026-12-05T11:00:00Z"), s.end());
        assertTrue(s.block());
        assertEquals("CHARGING", s.fulfillmentType());
    }

    @Test
    void a_block_tag_of_N_books_without_blocking() {
        String tags = """
                {"descriptor": {"code": "select-options"}, "list": [{"descriptor": {"code": "block"}, "value": "n"}]}""";
        assertFalse(Slot.of(quoted(STOPS, tags, "CHARGING")).block());
    }

    @Test
    void a_slot_without_an_end_ends_at_its_start_and_blocks_nothing() {
        Slot s = Slot.of(quoted("""
                {"type": "start", "time": {"timestamp": "2026-12-05T15:30:00+05:30"}}""", "", "BATTERY-SWAP"));
        assertEquals(s.start(), s.end());
        assertFalse(s.block());
        assertEquals("BATTERY-SWAP", s.fulfillmentType());
    }

    @Test
    void no_slot_at_all_is_charging_whenever() {
        Slot s = Slot.of("{}");
        assertNull(s.start());
        assertFalse(s.block());
        assertEquals("CHARGING", s.fulfillmentType());
    }
}
