package org.evcharging.bpp.order.beckn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.evcharging.bpp.core.validation.BecknSchemas;
import org.evcharging.bpp.order.domain.Order;
import org.junit.jupiter.api.Test;

class OrderMessagesTest {

    /** An on_select order as quote-service sends it (provider, item, fulfillment with slot and tags, quote). */
    static final String QUOTED = """
            {"provider":{"id":"chargezone.in","descriptor":{"name":"Chargezone"}},
             "items":[{"id":"pe-charging-01","descriptor":{"code":"energy"},"price":{"value":"12","currency":"INR"},
               "quantity":{"selected":{"measure":{"value":"4","unit":"kWh"}}},"fulfillment_ids":["cz-mg-1-ccs2"]}],
             "fulfillments":[{"id":"cz-mg-1-ccs2","type":"CHARGING",
               "stops":[{"type":"start","time":{"timestamp":"2026-12-01T10:00:00+05:30"}},
                        {"type":"end","time":{"timestamp":"2026-12-01T10:30:00+05:30"}}],
               "tags":[{"descriptor":{"name":"Charging Point Specifications","code":"charging-point"},
                        "list":[{"descriptor":{"name":"Charger type","code":"charger-type"},"value":"DC"},
                                {"descriptor":{"name":"Blocked for the slot","code":"block"},"value":"Y"}],"display":true}]}],
             "quote":{"id":"7a1c3b1e-4f5a-4d7e-9f3a-2b1c0d9e8f7a","price":{"value":"53.80","currency":"INR"},
               "breakup":[{"title":"Energy","price":{"value":"48.00","currency":"INR"}},
                          {"title":"Demo app partnership","price":{"value":"-2.40","currency":"INR"}},
                          {"title":"CGST","price":{"value":"4.10","currency":"INR"}},
                          {"title":"SGST","price":{"value":"4.10","currency":"INR"}}],"ttl":"PT15M"}}""";

    private final OrderMessages messages = new OrderMessages(ZoneOffset.ofHoursMinutes(5, 30), Duration.ofMinutes(10),
            new OrderMessages.Terms(new BigDecimal("30"), "http://localhost:8080/orders/v1/terms"));

    private static Order draft() {
        Instant now = Instant.parse("2026-12-01T03:00:00Z");
        Order o = new Order("ord-1", "txn-1", "bap.example", now);
        o.book(new Order.Booked("chargezone.in", "pe-charging-01", "cz-mg-1-ccs2", "CHARGING", "q-1", new BigDecimal("4"),
                new BigDecimal("53.80"), "INR", Instant.parse("2026-12-01T04:30:00Z"), Instant.parse("2026-12-01T05:00:00Z"),
                QUOTED, now.plus(Duration.ofMinutes(15))), now);
        o.billing("John Doe", "abc@example.com", "+91-9876522222");
        o.customer("John Doe", "+91-9887766554", "4W", null);
        o.payment("pay-1", "http://localhost:8080/payments/v1/pay/pay-1", now.plus(Duration.ofMinutes(15)));
        o.station("cz-mg-road", "12.975200,77.606700");
        return o;
    }

    private static ObjectNode callback(String action, ObjectNode message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("context").put("domain", "dent:0.1.0").put("action", action).put("version", "1.1.0")
                .put("bap_id", "bap.example").put("bap_uri", "https://bap.example/beckn").put("bpp_id", "bpp.example")
                .put("bpp_uri", "https://bpp.example").put("transaction_id", "6743e9e2-4fb5-487c-92b7-13ba8018f176").put("message_id", "0b9c1f57-2f0e-4c3b-8d7e-1a2b3c4d5e6f")
                .put("timestamp", "2026-12-01T03:00:00.000Z");
        body.set("message", message);
        return body;
    }

    @Test
    void a_draft_is_an_on_init_with_the_quote_the_payment_link_and_the_terms() {
        ObjectNode m = messages.message(draft(), false);
        assertTrue(BecknSchemas.shared().validateStrict("on_init", callback("on_init", m)).isEmpty(),
                () -> BecknSchemas.shared().validateStrict("on_init", callback("on_init", m)).toString());
        assertFalse(m.path("order").has("id"), "a draft has no order id yet");
        assertEquals("order-initiated", m.at("/order/fulfillments/0/state/descriptor/code").asText());
        assertEquals("53.80", m.at("/order/payments/0/params/amount").asText());
        assertEquals("NOT-PAID", m.at("/order/payments/0/status").asText());
        assertEquals("http://localhost:8080/payments/v1/pay/pay-1", m.at("/order/payments/0/url").asText());
        assertEquals("2026-12-01T10:00:00+05:30", m.at("/order/fulfillments/0/stops/0/time/range/start").asText());
        assertEquals("2026-12-01T10:10:00+05:30", m.at("/order/fulfillments/0/stops/0/time/range/end").asText());
        assertEquals("30", m.at("/order/cancellation_terms/2/cancellation_fee/percentage").asText());
        assertEquals(JsonNodeFactory.instance.textNode("53.80"), m.at("/order/quote/price/value"));
        assertFalse(m.at("/order/fulfillments/0/stops/0").has("instructions"), "instructions come with confirm");
    }

    @Test
    void an_active_order_is_an_on_confirm_with_its_id_paid_and_how_to_start() {
        Order o = draft();
        o.activate(Instant.parse("2026-12-01T03:05:00Z"));
        ObjectNode m = messages.message(o, true);
        assertTrue(BecknSchemas.shared().validateStrict("on_confirm", callback("on_confirm", m)).isEmpty(),
                () -> BecknSchemas.shared().validateStrict("on_confirm", callback("on_confirm", m)).toString());
        assertEquals("ord-1", m.at("/order/id").asText());
        assertEquals("ACTIVE", m.at("/order/status").asText());
        assertEquals("payment-completed", m.at("/order/fulfillments/0/state/descriptor/code").asText());
        assertEquals("PAID", m.at("/order/payments/0/status").asText());
        assertFalse(m.at("/order/payments/0").has("url"), "nothing left to pay");
        assertEquals("12.975200,77.606700", m.at("/order/fulfillments/0/stops/0/location/gps").asText());
        assertTrue(m.at("/order/fulfillments/0/stops/0/instructions/short_desc").asText().contains("cz-mg-1-ccs2"));
    }
}
