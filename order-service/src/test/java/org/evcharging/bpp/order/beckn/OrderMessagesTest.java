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
import org.evcharging.bpp.core.persistence.BecknReferences;
import org.evcharging.bpp.order.domain.Cancellation;
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
        Order o = new Order("ord-1", BecknReferences.of("bap.example", "txn-1", "msg-1"), now);
        o.book(new Order.Booked("chargezone.in", "pe-charging-01", "cz-mg-1-ccs2", "CHARGING", "q-1",
                new BigDecimal("4"),
                new BigDecimal("53.80"), "INR", Instant.parse("2026-12-01T04:30:00Z"),
                Instant.parse("2026-12-01T05:00:00Z"),
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
                .put("bpp_uri", "https://bpp.example").put("transaction_id", "6743e9e2-4fb5-487c-92b7-13ba8018f176")
                .put("message_id", "0b9c1f57-2f0e-4c3b-8d7e-1a2b3c4d5e6f")
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
        assertEquals("charging-start", m.at("/order/cancellation_terms/2/fulfillment_state/descriptor/code").asText(),
                "as the workflow document's terms name it");
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

    private static final String FINAL_BILL = """
            [{"title":"Energy delivered","item":{"id":"pe-charging-01","descriptor":{"name":"Energy delivered","code":"energy"},
               "quantity":{"selected":{"measure":{"value":"2.5","unit":"kWh"}}}},"price":{"value":"30.00","currency":"INR"}},
             {"title":"Demo app partnership","item":{"descriptor":{"name":"Demo app partnership","code":"discount"}},"price":{"value":"-1.50","currency":"INR"}},
             {"title":"CGST 9%","item":{"descriptor":{"name":"CGST 9%","code":"tax"}},"price":{"value":"2.57","currency":"INR"}},
             {"title":"SGST 9%","item":{"descriptor":{"name":"SGST 9%","code":"tax"}},"price":{"value":"2.57","currency":"INR"}}]""";

    private static BigDecimal sum(com.fasterxml.jackson.databind.JsonNode breakup, boolean withRefund) {
        BigDecimal sum = BigDecimal.ZERO;
        for (com.fasterxml.jackson.databind.JsonNode line : breakup) {
            if (withRefund || !"refund".equals(line.at("/item/descriptor/code").asText())) {
                sum = sum.add(new BigDecimal(line.at("/price/value").asText()));
            }
        }
        return sum;
    }

    private static void valid(String action, ObjectNode m) {
        assertTrue(BecknSchemas.shared().validateStrict(action, callback(action, m)).isEmpty(),
                () -> BecknSchemas.shared().validateStrict(action, callback(action, m)).toString());
    }

    private static Order charging() {
        Order o = draft();
        o.activate(Instant.parse("2026-12-01T03:05:00Z"));
        o.progress("charging-started", Instant.parse("2026-12-01T04:31:00Z"));
        return o;
    }

    @Test
    void while_charging_the_status_shows_live_progress() {
        org.evcharging.bpp.order.domain.Progress p = org.evcharging.bpp.order.domain.Progress.of(
                new BigDecimal("1.300"), 65,
                new BigDecimal("4"), Instant.parse("2026-12-01T04:31:00Z"), Instant.parse("2026-12-01T04:41:00Z"), null,
                7.4,
                new BigDecimal("21.40"));
        ObjectNode m = messages.message(charging(), true, p);
        valid("on_status", m);
        assertEquals("charging-started", m.at("/order/fulfillments/0/state/descriptor/code").asText());
        assertEquals("vehicle 65% charged", m.at("/order/fulfillments/0/state/descriptor/name").asText());
        com.fasterxml.jackson.databind.JsonNode tags = m.at("/order/fulfillments/0/tags");
        com.fasterxml.jackson.databind.JsonNode progress = tags.get(tags.size() - 1);
        assertEquals("charging-progress", progress.at("/descriptor/code").asText());
        assertEquals("1.300", progress.at("/list/0/value").asText());
        assertEquals("65", progress.at("/list/1/value").asText());
        assertEquals("PT10M", progress.at("/list/3/value").asText());
        assertEquals("21.40", progress.at("/list/5/value").asText());
    }

    private static java.util.Map<String, String> settlement(ObjectNode m) {
        java.util.Map<String, String> tags = new java.util.LinkedHashMap<>();
        for (com.fasterxml.jackson.databind.JsonNode t : m.at("/order/payments/0/tags/0/list")) {
            tags.put(t.at("/descriptor/code").asText(), t.path("value").asText());
        }
        assertEquals("settlement", m.at("/order/payments/0/tags/0/descriptor/code").asText());
        return tags;
    }

    @Test
    void a_settled_order_shows_the_final_bill_adding_up_what_was_delivered_and_the_refund_in_the_settlement() {
        Order o = charging();
        o.complete("charging-ended", new BigDecimal("33.64"), FINAL_BILL, Instant.parse("2026-12-01T04:50:00Z"));
        ObjectNode m = messages.message(o, true, null);
        valid("on_update", m);
        assertEquals("COMPLETE", m.at("/order/status").asText());
        assertEquals("charging-ended", m.at("/order/fulfillments/0/state/descriptor/code").asText());
        assertEquals("33.64", m.at("/order/quote/price/value").asText());
        assertEquals(4, m.at("/order/quote/breakup").size(), "the bill's lines, no line outside the sum");
        assertEquals(new BigDecimal("33.64"), sum(m.at("/order/quote/breakup"), true), "the bill adds up to its price");
        assertEquals("2.5", m.at("/order/quote/breakup/0/item/quantity/selected/measure/value").asText());
        assertEquals("4", m.at("/order/items/0/quantity/selected/measure/value").asText(), "booked");
        assertEquals("2.5", m.at("/order/items/0/quantity/allocated/measure/value").asText(), "delivered");
        assertEquals("kWh", m.at("/order/items/0/quantity/allocated/measure/unit").asText());
        assertEquals(java.util.Map.of("prepaid", "53.80", "final-amount", "33.64", "cancellation-fee", "0.00",
                "refund", "20.16", "refund-status", "PENDING"), settlement(m), "53.80 prepaid = 33.64 + 20.16");
        assertFalse(m.path("order").has("cancellation"));
        assertEquals("settle-ord-1", o.refundId());
    }

    /** The bill of the whole 4 kWh booked: 48.00 energy - 2.40 discount + 4.10 + 4.10 taxes = 53.80, all prepaid. */
    private static final String BOOKED_BILL = """
            [{"title":"Energy delivered","item":{"id":"pe-charging-01","descriptor":{"name":"Energy delivered","code":"energy"},
               "quantity":{"selected":{"measure":{"value":"4","unit":"kWh"}}}},"price":{"value":"48.00","currency":"INR"}},
             {"title":"Demo app partnership","item":{"descriptor":{"name":"Demo app partnership","code":"discount"}},"price":{"value":"-2.40","currency":"INR"}},
             {"title":"CGST 9%","item":{"descriptor":{"name":"CGST 9%","code":"tax"}},"price":{"value":"4.10","currency":"INR"}},
             {"title":"SGST 9%","item":{"descriptor":{"name":"SGST 9%","code":"tax"}},"price":{"value":"4.10","currency":"INR"}}]""";

    @Test
    void a_stop_a_little_after_the_booked_energy_bills_the_booking_and_says_what_was_delivered() {
        Order o = charging();
        String bill = org.evcharging.bpp.order.application.settlement.Settlements.beyondBooking(BOOKED_BILL,
                new BigDecimal("4.0320"));
        o.complete("charging-ended", new BigDecimal("53.80"), bill, Instant.parse("2026-12-01T04:50:00Z"));
        ObjectNode m = messages.message(o, true, null);
        valid("on_update", m);
        assertEquals(new BigDecimal("53.80"), sum(m.at("/order/quote/breakup"), true), "the bill adds up");
        assertEquals("53.80", m.at("/order/quote/price/value").asText());
        com.fasterxml.jackson.databind.JsonNode energy = m.at("/order/quote/breakup/0");
        assertEquals("Energy delivered 4.032 kWh, billed as booked", energy.path("title").asText());
        assertEquals("4", energy.at("/item/quantity/selected/measure/value").asText(), "billed: the 4 booked");
        assertEquals("4.032", energy.at("/item/quantity/allocated/measure/value").asText(), "delivered");
        assertEquals("48.00", energy.at("/price/value").asText(), "4 x 12");
        assertEquals("4", m.at("/order/items/0/quantity/selected/measure/value").asText(), "booked");
        assertEquals("4.032", m.at("/order/items/0/quantity/allocated/measure/value").asText(),
                "the order says what was delivered, as the charger's meter does");
        assertEquals(java.util.Map.of("prepaid", "53.80", "final-amount", "53.80", "cancellation-fee", "0.00",
                "refund", "0.00", "refund-status", "NONE"), settlement(m), "nothing back: the booking was used up");
    }

    @Test
    void a_cancel_after_the_start_shows_minus_the_refund_as_its_one_line_and_the_fee_in_the_settlement() {
        Order o = charging();
        o.cancel("order-cancelled", new Cancellation("BAP", "5", "Can't make it on time"), new BigDecimal("14.11"),
                new BigDecimal("6.05"), new BigDecimal("33.64"), FINAL_BILL, Instant.parse("2026-12-01T04:45:00Z"));
        ObjectNode m = messages.message(o, true, null);
        valid("on_cancel", m);
        assertEquals("CANCELLED", m.at("/order/status").asText());
        assertEquals("order-cancelled", m.at("/order/fulfillments/0/state/descriptor/code").asText());
        assertEquals("-14.11", m.at("/order/quote/price/value").asText());
        assertEquals(1, m.at("/order/quote/breakup").size());
        assertEquals("payment refund", m.at("/order/quote/breakup/0/title").asText());
        assertEquals("-14.11", m.at("/order/quote/breakup/0/price/value").asText(), "the money returned");
        assertEquals("1.5", m.at("/order/quote/breakup/0/item/quantity/selected/measure/value").asText(),
                "kWh not delivered");
        assertEquals("2.5", m.at("/order/items/0/quantity/allocated/measure/value").asText());
        assertEquals(java.util.Map.of("prepaid", "53.80", "final-amount", "33.64", "cancellation-fee", "6.05",
                "refund", "14.11", "refund-status", "PENDING"), settlement(m), "53.80 = 33.64 + 6.05 + 14.11");
        assertEquals("CONSUMER", m.at("/order/cancellation/cancelled_by").asText());
        assertEquals("5", m.at("/order/cancellation/reason/id").asText());
        assertEquals("Can't make it on time", m.at("/order/cancellation/reason/descriptor/short_desc").asText());
        assertEquals("2026-12-01T10:15:00+05:30", m.at("/order/cancellation/time").asText());
        assertEquals("cancel-ord-1", o.refundId());
    }

    @Test
    void a_cancel_before_the_start_refunds_everything() {
        Order o = draft();
        o.activate(Instant.parse("2026-12-01T03:05:00Z"));
        o.cancel("order-cancelled", new Cancellation("BAP", "1", "Plans changed"), new BigDecimal("53.80"),
                BigDecimal.ZERO, null, null, Instant.parse("2026-12-01T03:10:00Z"));
        ObjectNode m = messages.message(o, true, null);
        valid("on_cancel", m);
        assertEquals("-53.80", m.at("/order/quote/price/value").asText());
        assertEquals(1, m.at("/order/quote/breakup").size(), "no fee line");
        assertEquals("-53.80", m.at("/order/quote/breakup/0/price/value").asText());
        assertEquals("4", m.at("/order/quote/breakup/0/item/quantity/selected/measure/value").asText());
        assertFalse(m.at("/order/items/0/quantity").has("allocated"), "nothing was delivered");
    }

    @Test
    void a_provider_cancel_says_who_and_why_in_a_state_of_its_own() {
        Order o = draft();
        o.activate(Instant.parse("2026-12-01T03:05:00Z"));
        o.cancel("cancelled-by-provider", new Cancellation("PROVIDER", null, "site closed\nfor repairs\u0000"),
                new BigDecimal("53.80"), BigDecimal.ZERO, null, null, Instant.parse("2026-12-01T03:10:00Z"));
        ObjectNode m = messages.message(o, true, null);
        valid("on_cancel", m);
        assertEquals("cancelled-by-provider", m.at("/order/fulfillments/0/state/descriptor/code").asText());
        assertEquals("PROVIDER", m.at("/order/cancellation/cancelled_by").asText());
        assertFalse(m.at("/order/cancellation/reason").has("id"));
        assertEquals("site closed for repairs", m.at("/order/cancellation/reason/descriptor/short_desc").asText(),
                "no control characters");
    }

    @Test
    void a_draft_cancelled_before_it_was_paid_refunds_nothing_and_says_so() {
        Order o = draft();
        o.cancel("order-cancelled", new Cancellation("BAP", "2", "Booked by mistake"), BigDecimal.ZERO, BigDecimal.ZERO,
                null, null, Instant.parse("2026-12-01T03:10:00Z"));
        ObjectNode m = messages.message(o, false, null);
        valid("on_cancel", m);
        assertEquals("0.00", m.at("/order/quote/price/value").asText());
        assertEquals("0.00", m.at("/order/quote/breakup/0/price/value").asText());
        assertFalse(m.at("/order/payments/0").has("tags"), "nothing was paid, nothing settles");
    }

    @Test
    void a_confirmed_swap_is_scheduled() {
        Instant now = Instant.parse("2026-12-01T03:00:00Z");
        Order o = new Order("ord-2", BecknReferences.of("bap.example", "txn-2", "msg-1"), now);
        o.book(new Order.Booked("log9.in", "swap-2w", "log9-koramangala", "BATTERY-SWAP", "q-2", BigDecimal.ONE,
                new BigDecimal("120.00"), "INR", null, null, QUOTED, now.plus(Duration.ofMinutes(15))), now);
        o.billing("John Doe", "abc@example.com", null);
        o.activate(now.plusSeconds(60));
        assertEquals("swap-scheduled", o.state());
        ObjectNode m = messages.message(o, true);
        assertTrue(m.at("/order/fulfillments/0/stops/0/instructions/short_desc").asText().contains("swap"));
    }
}
