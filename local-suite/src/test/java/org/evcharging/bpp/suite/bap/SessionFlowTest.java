package org.evcharging.bpp.suite.bap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String CHARGING = """
            {"id":"o1","status":"ACTIVE","quote":{"price":{"value":"59.00","currency":"INR"}},
             "fulfillments":[{"id":"cz-mg-1-ccs2","type":"CHARGING",
               "state":{"descriptor":{"code":"charging-started","name":"vehicle 65% charged"}},
               "tags":[{"descriptor":{"code":"charging-point"},"list":[{"descriptor":{"code":"power-rating"},"value":"60kW"}]},
                       {"descriptor":{"name":"Charging progress","code":"charging-progress"},"list":[
                         {"descriptor":{"code":"energy-delivered"},"value":"2.600"},
                         {"descriptor":{"code":"percent-charged"},"value":"65"},
                         {"descriptor":{"code":"state-of-charge"},"value":"65"},
                         {"descriptor":{"code":"time-elapsed"},"value":"PT2M36S"},
                         {"descriptor":{"code":"time-remaining"},"value":"PT1M24S"},
                         {"descriptor":{"code":"amount-so-far"},"value":"38.35"}]}]}]}
            """;

    static final String ENDED = """
            {"id":"o1","status":"COMPLETE",
             "fulfillments":[{"id":"cz-mg-1-ccs2","type":"CHARGING","state":{"descriptor":{"code":"charging-ended"}}}],
             "quote":{"price":{"value":"49.38","currency":"INR"},"breakup":[
               {"title":"Energy","item":{"descriptor":{"code":"energy"},
                  "quantity":{"selected":{"measure":{"value":"3.25","unit":"kWh"}}}},"price":{"value":"39.00","currency":"INR"}},
               {"title":"Reservation","item":{"descriptor":{"code":"reservation"}},"price":{"value":"2.85","currency":"INR"}},
               {"title":"GST 18%","item":{"descriptor":{"code":"tax"}},"price":{"value":"7.53","currency":"INR"}}]},
             "payments":[{"type":"PRE-ORDER","status":"PAID","params":{"amount":"59.00","currency":"INR"},
               "tags":[{"descriptor":{"code":"settlement"},"list":[
                 {"descriptor":{"code":"prepaid"},"value":"59.00"},{"descriptor":{"code":"final-amount"},"value":"49.38"},
                 {"descriptor":{"code":"cancellation-fee"},"value":"0.00"},
                 {"descriptor":{"code":"refund"},"value":"9.62"},{"descriptor":{"code":"refund-status"},"value":"PENDING"}]}]}]}
            """;

    static final String CANCELLED = """
            {"id":"o2","status":"CANCELLED",
             "fulfillments":[{"state":{"descriptor":{"code":"order-cancelled"}}}],
             "cancellation":{"cancelled_by":"CONSUMER","reason":{"id":"5","descriptor":{"short_desc":"Can't make it on time"}}},
             "quote":{"price":{"value":"-35.00","currency":"INR"},"breakup":[
               {"title":"payment refund","item":{"descriptor":{"code":"refund"},
                  "quantity":{"selected":{"measure":{"value":"2.5","unit":"kWh"}}}},"price":{"value":"-35.00","currency":"INR"}}]},
             "payments":[{"status":"PAID","params":{"amount":"59.00","currency":"INR"},
               "tags":[{"descriptor":{"code":"settlement"},"list":[
                 {"descriptor":{"code":"prepaid"},"value":"59.00"},{"descriptor":{"code":"final-amount"},"value":"19.00"},
                 {"descriptor":{"code":"cancellation-fee"},"value":"5.00"},
                 {"descriptor":{"code":"refund"},"value":"35.00"},{"descriptor":{"code":"refund-status"},"value":"PENDING"}]}]}]}
            """;

    @Test
    void update_moves_the_first_fulfillments_state_of_the_order() {
        JsonNode m = SessionFlow.updateMessage("o1", "cz-mg-1-ccs2", "CHARGING", SessionFlow.START_CHARGING);
        assertEquals("order.fulfillments[0].state", m.path("update_target").asText());
        assertEquals("o1", m.at("/order/id").asText());
        assertEquals(
                "{\"id\":\"cz-mg-1-ccs2\",\"type\":\"CHARGING\",\"state\":{\"descriptor\":{\"code\":\"start-charging\"}}}",
                m.at("/order/fulfillments/0").toString());
    }

    @Test
    void update_without_an_order_id_or_connector_leaves_them_out() {
        JsonNode m = SessionFlow.updateMessage(null, null, null, SessionFlow.END_CHARGING);
        assertFalse(m.path("order").has("id"));
        assertEquals("{\"state\":{\"descriptor\":{\"code\":\"end-charging\"}}}",
                m.at("/order/fulfillments/0").toString());
    }

    @Test
    void status_and_cancel_name_the_order_at_the_message() {
        assertEquals("{\"order_id\":\"o1\"}", SessionFlow.statusMessage("o1").toString());
        assertEquals(
                "{\"order_id\":\"o1\",\"cancellation_reason_id\":\"5\",\"descriptor\":{\"short_desc\":\"Can't make it on time\"}}",
                SessionFlow.cancelMessage("o1", "5", null).toString());
        assertEquals("site visit",
                SessionFlow.cancelMessage("o1", "7", "site visit").at("/descriptor/short_desc").asText());
        assertFalse(SessionFlow.cancelMessage("o1", "99", null).has("descriptor"));
        assertEquals(7, SessionFlow.CANCELLATION_REASONS.size());
        assertEquals("1", SessionFlow.CANCELLATION_REASONS.keySet().iterator().next());
    }

    @Test
    void progress_reads_the_state_and_the_charging_progress_tags() throws Exception {
        SessionFlow.Progress p = SessionFlow.progress(JSON.readTree(CHARGING));
        assertEquals("charging-started", p.state());
        assertEquals("vehicle 65% charged", p.stateName());
        assertEquals(new BigDecimal("2.600"), p.energyKwh());
        assertEquals(new BigDecimal("65"), p.percentCharged());
        assertEquals(new BigDecimal("65"), p.stateOfCharge());
        assertEquals(Duration.ofSeconds(156), p.elapsed());
        assertEquals(Duration.ofSeconds(84), p.remaining());
        assertEquals(new BigDecimal("38.35"), p.amountSoFar());
        assertEquals("INR", p.currency());
        assertTrue(p.charging());
        assertFalse(p.ended());
        assertEquals(6, p.tags().size(), "only the charging-progress group: " + p.tags());
    }

    @Test
    void progress_before_the_start_has_no_numbers() throws Exception {
        SessionFlow.Progress p = SessionFlow.progress(JSON.readTree(
                "{\"status\":\"ACTIVE\",\"fulfillments\":[{\"state\":{\"descriptor\":{\"code\":\"payment-completed\"}}}]}"));
        assertEquals("payment-completed", p.state());
        assertNull(p.percentCharged());
        assertNull(p.elapsed());
        assertFalse(p.charging());
        assertFalse(p.ended());
    }

    @Test
    void numbers_with_units_or_signs_are_read() {
        assertEquals(new BigDecimal("65"), SessionFlow.decimal("65%"));
        assertEquals(new BigDecimal("12.40"), SessionFlow.decimal("12.40 INR"));
        assertEquals(new BigDecimal("-9.62"), SessionFlow.decimal("-9.62"));
        assertNull(SessionFlow.decimal("n/a"));
    }

    @Test
    void the_final_bill_is_its_lines_and_the_refund_is_in_the_settlement() throws Exception {
        SessionFlow.Bill bill = SessionFlow.bill(JSON.readTree(ENDED));
        assertEquals("o1", bill.orderId());
        assertEquals("COMPLETE", bill.status());
        assertEquals("charging-ended", bill.state());
        assertEquals(new BigDecimal("49.38"), bill.price());
        assertEquals(3, bill.lines().size());
        assertEquals(0, bill.linesTotal().compareTo(bill.price()));
        assertEquals("3.25 kWh", bill.lines().get(0).quantity());
        assertEquals("energy", bill.lines().get(0).code());
        assertNull(bill.refund(), "no refund line in a final bill");
        assertEquals(new BigDecimal("9.62"), bill.refundAmount());
        assertEquals("PENDING", bill.refundStatus());
        assertEquals("59.00", bill.settlement().get("prepaid"));
        assertEquals("PAID", bill.paymentStatus());
        assertEquals("59.00", bill.prepaid());
    }

    @Test
    void a_cancellation_has_the_refund_and_the_fee() throws Exception {
        SessionFlow.Bill bill = SessionFlow.bill(JSON.readTree(CANCELLED));
        assertEquals("CANCELLED", bill.status());
        assertEquals("order-cancelled", bill.state());
        assertEquals(new BigDecimal("-35.00"), bill.price());
        assertEquals(new BigDecimal("35.00"), bill.refundAmount());
        assertEquals("2.5 kWh", bill.refund().quantity());
        assertEquals(0, bill.lines().size());
        assertEquals(new BigDecimal("5.00"), bill.settled("cancellation-fee"));
        assertEquals("CONSUMER", bill.cancelledBy());
        assertEquals("Can't make it on time", bill.cancelReason());
        assertEquals("PENDING", bill.refundStatus());
    }
}
