package org.evcharging.bpp.order.beckn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.validation.BecknSchemas;
import org.evcharging.bpp.order.application.Orders;
import org.evcharging.bpp.order.application.tracking.Tracking;
import org.evcharging.bpp.order.domain.Order;
import org.junit.jupiter.api.Test;

/** track's order_id is checked before the ACK; on_track is valid core 1.1.0. */
class TrackHandlerTest {

    private static ObjectNode message(String orderId) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        if (orderId != null) {
            m.put("order_id", orderId);
        }
        return m;
    }

    @Test
    void a_blank_long_or_spaced_order_id_is_a_bad_request_naming_it() {
        for (String bad : new String[] {"", "  ", "a b", "x".repeat(65), "i\u0000d"}) {
            BecknException e = assertThrows(BecknException.class, () -> TrackHandler.orderId(message(bad)));
            assertEquals(ErrorCode.INVALID_REQUEST, e.error().code());
            assertEquals("$.message.order_id", e.error().paths());
        }
        assertEquals("8a7c6f9e-1d2b-4c3a-9f8e-7d6c5b4a3f2e",
                TrackHandler.orderId(message(" 8a7c6f9e-1d2b-4c3a-9f8e-7d6c5b4a3f2e ")));
    }

    @Test
    void on_track_is_core_valid_with_the_page_and_its_status() {
        Order o = Orders.active("ord-1");
        o.station("cz-mg-road", "12.975200,77.606700");
        ObjectNode m = TrackHandler.message(new Tracking.Tracked(o, "https://bpp.example/orders/v1/track/abc", true));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("context").put("domain", "dent:0.1.0").put("action", "on_track").put("version", "1.1.0")
                .put("bap_id", "bap.example").put("bap_uri", "https://bap.example/beckn").put("bpp_id", "bpp.example")
                .put("bpp_uri", "https://bpp.example").put("transaction_id", "6743e9e2-4fb5-487c-92b7-13ba8018f176")
                .put("message_id", "0b9c1f57-2f0e-4c3b-8d7e-1a2b3c4d5e6f")
                .put("timestamp", "2026-12-01T03:00:00.000Z");
        body.set("message", m);
        assertTrue(BecknSchemas.shared().validateStrict("on_track", body).isEmpty(),
                () -> BecknSchemas.shared().validateStrict("on_track", body).toString());
        assertEquals("active", m.at("/tracking/status").asText());
        assertEquals("https://bpp.example/orders/v1/track/abc", m.at("/tracking/url").asText());
        assertEquals("12.975200,77.606700", m.at("/tracking/location/gps").asText());
        assertEquals("inactive", TrackHandler.message(new Tracking.Tracked(o, "https://x.example/t", false))
                .at("/tracking/status").asText());
    }
}
