package org.evcharging.bpp.suite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.evcharging.bpp.core.validation.BecknSchemas;
import org.evcharging.bpp.suite.bap.BapClient;
import org.evcharging.bpp.suite.bap.BookingFlow;
import org.evcharging.bpp.suite.bap.SessionFlow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The charging session on the running suite, through the ingress with a signing BAP, on OCPP-simulated chargers 20 times
 * faster than real time: start, status with growing progress and milestones, stop with a final bill and a refund
 * that payment-service's ledger shows to the paisa; the charger ending by itself; cancel before the slot and after
 * the start (the fee by the terms); a charger failing mid-session (the provider cancels); an operator's cancel;
 * refused transitions; a refund whose answer is lost and is retried without refunding twice; a battery swap.
 * Each test books its own connector for a slot starting now (or tomorrow) so the tests never meet on a charger.
 */
class ChargingSessionIT {

    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final BookingFlow.Billing BILLING = new BookingFlow.Billing("Ravi Kumar", "ravi@example.com",
            "+91-9876500002");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static LocalSuite suite;
    private static BapClient bap;
    private static BookingFlow booking;
    private static SessionFlow session;

    @BeforeAll
    static void start() throws Exception {
        suite = SharedSuite.get();
        bap = BapClient.demo(suite, 0);
        booking = new BookingFlow(bap, WAIT);
        session = new SessionFlow(bap, WAIT);
    }

    @AfterAll
    static void stop() {
        if (bap != null) {
            bap.close();
        }
    }

    /**
     * A slot on a Chargezone connector starting at the next minute, for {@code kwh}: charging may start now (from 10
     * minutes before the slot), and a slow booking is never refused for a slot that began in the past.
     */
    private static BookingFlow.Choice now(String connector, String kwh, String vehicle) {
        OffsetDateTime start = OffsetDateTime.now(IST).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        return new BookingFlow.Choice("chargezone.in", "pe-charging-01", kwh, null, connector, start,
                start.plusMinutes(30),
                true, List.of(), vehicle);
    }

    private static BookingFlow.Booking book(BookingFlow.Choice choice) throws Exception {
        BookingFlow.Booking b = booking.book(choice, BILLING);
        assertTrue(b.confirmed(), "booked: " + b);
        return b;
    }

    private static String orderId(BookingFlow.Booking b) {
        return b.confirm().order().path("id").asText();
    }

    private static BigDecimal money(JsonNode v) {
        return new BigDecimal(v.asText());
    }

    private static void strictlyValid(BookingFlow.Step step) {
        assertTrue(step.ok(), step.outcome());
        ObjectNode body = (ObjectNode) step.callback().body();
        assertTrue(BecknSchemas.shared().validateStrict(step.callback().action(), body).isEmpty(),
                () -> step.callback().action() + " not strictly valid: "
                        + BecknSchemas.shared().validateStrict(step.callback().action(), body));
    }

    private static void strictlyValid(BapClient.Callback c) {
        assertTrue(c.verified(), "signed by the BPP");
        assertTrue(BecknSchemas.shared().validateStrict(c.action(), (ObjectNode) c.body()).isEmpty(),
                () -> c.action() + " not strictly valid: "
                        + BecknSchemas.shared().validateStrict(c.action(), (ObjectNode) c.body()));
    }

    private static JsonNode ledger(String orderId) throws Exception {
        return CatalogFixtures.json(CatalogFixtures.internal(suite, "payment", "GET",
                "/internal/payments/v1/orders/" + orderId, suite.tokens().operator(), null));
    }

    /** The ledger once the order's refund went through (the refund worker runs right after the change, then every 2 s). */
    private static JsonNode ledgerRefunded(String orderId, BigDecimal refund) throws Exception {
        return await("order " + orderId + " refunded " + refund).atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> ledger(orderId), l -> money(l.path("refunded")).compareTo(refund) == 0);
    }

    /**
     * The session's progress once more than {@code kwh} is delivered, asked by {@code status} every 300 ms: every
     * answer strictly valid and still charging.
     */
    private static SessionFlow.Progress deliveredMoreThan(String txn, String orderId, BigDecimal kwh) {
        return await("order " + orderId + " past " + kwh + " kWh").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    BookingFlow.Step status = session.status(txn, orderId);
                    strictlyValid(status);
                    SessionFlow.Progress p = SessionFlow.progress(status.order());
                    assertTrue(p.charging(), "still charging: " + status.outcome());
                    return p;
                }, p -> p.energyKwh() != null && p.energyKwh().compareTo(kwh) > 0);
    }

    private static JsonNode adminOrder(String orderId) throws Exception {
        return CatalogFixtures.json(CatalogFixtures.call(suite, "GET", "/orders/v1/admin/orders/" + orderId,
                suite.tokens().operator(), null));
    }

    private static int refundEntries(JsonNode ledger) {
        int n = 0;
        for (JsonNode e : ledger.path("entries")) {
            if ("REFUND".equalsIgnoreCase(e.path("type").asText())) {
                n++;
            }
        }
        return n;
    }

    private static BigDecimal breakupSum(JsonNode breakup) {
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode line : breakup) {
            sum = sum.add(money(line.at("/price/value")));
        }
        return sum;
    }

    /** The amounts of a breakup's lines, as they read ("48.00"), in order. */
    private static List<String> amounts(JsonNode breakup) {
        List<String> out = new ArrayList<>();
        breakup.forEach(l -> out.add(l.at("/price/value").asText()));
        return out;
    }

    private static List<String> amounts(DemoTariff.Bill b) {
        List<String> out = new ArrayList<>(List.of(b.energy().toPlainString()));
        if (b.reservation().signum() > 0) {
            out.add(b.reservation().toPlainString());
        }
        out.add(b.demoApp().negate().toPlainString());
        if (b.twoWheeler().signum() > 0) {
            out.add(b.twoWheeler().negate().toPlainString());
        }
        out.add(b.cgst().toPlainString());
        out.add(b.sgst().toPlainString());
        return out;
    }

    /** What the session delivered, as the order says it ({@code items[0].quantity.allocated}). */
    private static BigDecimal delivered(JsonNode order) {
        return new BigDecimal(order.at("/items/0/quantity/allocated/measure/value").asText());
    }

    /** The settlement tags of the order's payment, as amounts. */
    private static java.util.Map<String, String> settlement(JsonNode order) {
        return SessionFlow.tagGroup(order.at("/payments/0/tags"), "settlement");
    }

    @Test
    void a_full_session_starts_shows_growing_progress_stops_and_refunds_what_was_not_delivered_to_the_paisa()
            throws Exception {
        BookingFlow.Booking b = book(now("cz-mg-2-chademo", "4", null)); // 30 kW: 4 kWh in 8 min, 24 s here
        String txn = b.transactionId();
        String id = orderId(b);
        BigDecimal prepaid = money(b.confirm().order().at("/quote/price/value"));
        // 4 kWh DC at 12 = 48.00, blocked 30 min = 35.00, demo app 5 % = -4.15, CGST and SGST 9 % of 78.85 = 7.10 each
        assertEquals(new BigDecimal("93.05"), DemoTariff.charging(new BigDecimal("4"), true, 30, null, false).total());
        assertEquals(new BigDecimal("93.05"), prepaid, "the quote, from the tariff");

        BookingFlow.Step started = session.start(txn, b.confirm().order());
        strictlyValid(started);
        assertEquals("charging-started", started.order().at("/fulfillments/0/state/descriptor/code").asText());
        assertEquals("ACTIVE", started.order().path("status").asText());
        BapClient.Callback milestone = bap.awaitUnsolicited(txn, "on_status", WAIT);
        strictlyValid(milestone);
        assertEquals(txn, milestone.transactionId());

        List<SessionFlow.Progress> seen = new ArrayList<>();
        while (seen.size() < 3) {
            seen.add(deliveredMoreThan(txn, id,
                    seen.isEmpty() ? BigDecimal.ZERO : seen.get(seen.size() - 1).energyKwh()));
        }
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).energyKwh().compareTo(seen.get(i - 1).energyKwh()) > 0, "energy grows: " + seen);
            assertTrue(seen.get(i).elapsed().compareTo(seen.get(i - 1).elapsed()) >= 0, "time goes on: " + seen);
            assertTrue(seen.get(i).amountSoFar().compareTo(seen.get(i - 1).amountSoFar()) >= 0,
                    "the amount grows: " + seen);
        }
        SessionFlow.Progress last = seen.get(seen.size() - 1);
        // a DC charger reports the vehicle's state of charge, which the progress then shows
        assertTrue(last.stateName().matches("vehicle \\d+% charged"), last.stateName());
        assertNotNull(last.remaining(), "an estimate of the time left");
        assertEquals(DemoTariff.charging(last.energyKwh(), true, 30, null, false).total(), last.amountSoFar(),
                "the amount so far is the energy so far priced by the tariff");

        BookingFlow.Step ended = session.end(txn, b.confirm().order());
        strictlyValid(ended);
        JsonNode order = ended.order();
        assertEquals("charging-ended", order.at("/fulfillments/0/state/descriptor/code").asText());
        assertEquals("COMPLETE", order.path("status").asText());
        BigDecimal delivered = delivered(order);
        assertTrue(delivered.signum() > 0 && delivered.compareTo(new BigDecimal("4")) < 0,
                "part of the 4 kWh: " + delivered);
        assertEquals("4", order.at("/items/0/quantity/selected/measure/value").asText(), "what was booked");
        assertEquals(delivered.toPlainString(),
                order.at("/quote/breakup/0/item/quantity/selected/measure/value").asText());
        DemoTariff.Bill expected = DemoTariff.charging(delivered, true, 30, null, false);
        assertEquals(amounts(expected), amounts(order.at("/quote/breakup")),
                "delivered x 12 + 35 blocked - 5 % + 9 % + 9 %");
        assertEquals(expected.total(), money(order.at("/quote/price/value")));
        assertEquals(expected.total(), breakupSum(order.at("/quote/breakup")), "the bill adds up to its price");
        BigDecimal refund = prepaid.subtract(expected.total());
        assertEquals(
                java.util.Map.of("prepaid", prepaid.toPlainString(), "final-amount", expected.total().toPlainString(),
                        "cancellation-fee", "0.00", "refund", refund.toPlainString(), "refund-status", "PENDING"),
                settlement(order));

        JsonNode l = ledgerRefunded(id, refund);
        assertEquals(refund, money(l.path("refunded")), l.toString());
        assertEquals(expected.total(), money(l.path("balance")), "what stays paid is the final amount: " + l);
        assertEquals(1, refundEntries(l), l.toString());
        assertEquals("REFUNDED", adminOrder(id).path("refundStatus").asText());

        BookingFlow.Step again = session.end(txn, b.confirm().order());
        assertTrue(again.ok(), "a repeated stop answers the settled order: " + again.outcome());
        assertEquals(expected.total(), money(again.order().at("/quote/price/value")));
        assertEquals("REFUNDED", settlement(again.order()).get("refund-status"));
        BookingFlow.Step cancel = session.cancel(txn, id, "1");
        assertEquals("50001", cancel.error().path("code").asText(),
                "an ended order cannot be cancelled: " + cancel.outcome());
        assertEquals(1, refundEntries(ledger(id)), "still one refund");

        // The charger is free again. The user now cancels a second session saying the charger did not work (reason
        // 4): no cancellation fee; but the charger reads fine, so the blocked slot is paid as with any stop.
        BookingFlow.Booking second = book(now("cz-mg-2-chademo", "4", null));
        strictlyValid(session.start(second.transactionId(), second.confirm().order()));
        deliveredMoreThan(second.transactionId(), orderId(second), BigDecimal.ZERO);
        BookingFlow.Step claimed = session.cancel(second.transactionId(), orderId(second), "4");
        strictlyValid(claimed);
        JsonNode cancelled = claimed.order();
        BigDecimal used = DemoTariff.charging(delivered(cancelled), true, 30, null, false).total();
        assertEquals(java.util.Map.of("prepaid", prepaid.toPlainString(), "final-amount", used.toPlainString(),
                "cancellation-fee", "0.00", "refund", prepaid.subtract(used).toPlainString(), "refund-status",
                "PENDING"),
                settlement(cancelled), "no fee, and the energy with the blocked slot is paid");
    }

    @Test
    void a_charger_that_finishes_by_itself_sends_milestones_and_an_unsolicited_on_update_with_the_full_bill()
            throws Exception {
        BookingFlow.Booking b = book(now("cz-in-2-type2", "1", null)); // 7.4 kW: 1 kWh in 8 min, 24 s here
        String txn = b.transactionId();
        BigDecimal prepaid = money(b.confirm().order().at("/quote/price/value"));
        // 1 kWh AC at 8 = 8.00, blocked 35.00, -5 % of 43.00 = -2.15, 9 % of 40.85 = 3.68 twice
        DemoTariff.Bill quoted = DemoTariff.charging(BigDecimal.ONE, false, 30, null, false);
        assertEquals(new BigDecimal("48.21"), quoted.total());
        assertEquals(quoted.total(), prepaid);
        strictlyValid(session.start(txn, b.confirm().order()));

        BapClient.Callback update = bap.awaitUnsolicited(txn, "on_update", WAIT);
        strictlyValid(update);
        JsonNode order = update.body().at("/message/order");
        assertEquals("charging-ended", order.at("/fulfillments/0/state/descriptor/code").asText());
        assertEquals("COMPLETE", order.path("status").asText());
        assertEquals(amounts(quoted), amounts(order.at("/quote/breakup")),
                "all of it delivered: the bill is the quote");
        assertEquals(prepaid, money(order.at("/quote/price/value")));
        assertEquals("1", order.at("/quote/breakup/0/item/quantity/selected/measure/value").asText(), "billed");
        // delivered: what the meter read, the booked 1 kWh or a little more (the stop follows a reading); only the
        // booked energy is billed, and the energy line says both
        BigDecimal delivered = delivered(order);
        assertTrue(delivered.compareTo(BigDecimal.ONE) >= 0 && delivered.compareTo(new BigDecimal("1.1")) < 0,
                "delivered " + delivered);
        assertEquals(delivered.compareTo(BigDecimal.ONE) == 0 ? "Energy delivered"
                : "Energy delivered " + delivered.stripTrailingZeros().toPlainString() + " kWh, billed as booked",
                order.at("/quote/breakup/0/title").asText());
        assertEquals("0.00", settlement(order).get("refund"), "nothing to refund");
        assertEquals("NONE", settlement(order).get("refund-status"));

        BapClient.Callback endMilestone = bap.awaitUnsolicited(txn, "on_status",
                c -> "charging-ended"
                        .equals(c.body().at("/message/order/fulfillments/0/state/descriptor/code").asText()),
                WAIT);
        strictlyValid(endMilestone);
        Set<Integer> milestones = new HashSet<>();
        for (BapClient.Callback c : bap.unsolicited(txn)) {
            if ("on_status".equals(c.action())) {
                strictlyValid(c);
                String pct = SessionFlow
                        .tagGroup(c.body().at("/message/order/fulfillments/0/tags"), "charging-progress")
                        .get("percent-charged");
                if (pct != null) {
                    milestones.add(Integer.parseInt(pct) / 25 * 25);
                }
            }
        }
        assertTrue(milestones.containsAll(List.of(0, 25, 50, 75)), "started and every 25 %: " + milestones);
        assertEquals("0.00", ledger(orderId(b)).path("refunded").asText(), "nothing to refund");
    }
    @Test
    void cancelling_before_the_slot_is_free_refunds_everything_and_releases_the_slot() throws Exception {
        OffsetDateTime tomorrow = OffsetDateTime.now(IST).plusDays(1).truncatedTo(ChronoUnit.DAYS).withHour(15);
        BookingFlow.Booking b = book(now("cz-in-2-type2", "4", null).withSlot(tomorrow, tomorrow.plusMinutes(30)));
        String id = orderId(b);
        BigDecimal prepaid = money(b.confirm().order().at("/quote/price/value"));
        // 4 kWh AC = 32.00 + 35.00 blocked, -3.35, 9 % of 63.65 = 5.73 twice
        assertEquals(new BigDecimal("75.11"), DemoTariff.charging(new BigDecimal("4"), false, 30, null, false).total());
        assertEquals(new BigDecimal("75.11"), prepaid);

        BookingFlow.Step cancel = session.cancel(b.transactionId(), id, "1");
        strictlyValid(cancel);
        JsonNode order = cancel.order();
        assertEquals("CANCELLED", order.path("status").asText());
        assertEquals("order-cancelled", order.at("/fulfillments/0/state/descriptor/code").asText());
        assertEquals("CONSUMER", order.at("/cancellation/cancelled_by").asText());
        assertEquals("1", order.at("/cancellation/reason/id").asText());
        assertEquals(prepaid.negate(), money(order.at("/quote/price/value")), order.at("/quote").toString());
        assertEquals(List.of("-75.11"), amounts(order.at("/quote/breakup")), "one line: the refund, all of it");
        assertEquals("payment refund", order.at("/quote/breakup/0/title").asText());
        assertEquals(java.util.Map.of("prepaid", "75.11", "final-amount", "0.00", "cancellation-fee", "0.00", "refund",
                "75.11",
                "refund-status", "PENDING"), settlement(order));

        JsonNode l = ledgerRefunded(id, prepaid);
        assertEquals(prepaid, money(l.path("refunded")), l.toString());
        assertEquals("0.00", l.path("balance").asText());
        try (Connection c = suite.openDb("order");
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM slot_hold WHERE order_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getInt(1), "the slot is free again");
            }
        }
        BookingFlow.Step again = session.cancel(b.transactionId(), id, "1");
        assertEquals("50001", again.error().path("code").asText(), again.outcome());
        BookingFlow.Step start = session.start(b.transactionId(), b.confirm().order());
        assertEquals("50002", start.error().path("code").asText(),
                "a cancelled order cannot start: " + start.outcome());
    }
    @Test
    void cancelling_after_the_start_pays_the_energy_delivered_and_thirty_percent_of_the_rest() throws Exception {
        BookingFlow.Booking b = book(now("cz-wf-1-ccs2", "4", null)); // 60 kW: 4 kWh in 4 min, 12 s here
        String txn = b.transactionId();
        String id = orderId(b);
        BigDecimal prepaid = money(b.confirm().order().at("/quote/price/value"));
        assertEquals(DemoTariff.charging(new BigDecimal("4"), true, 30, null, false).total(), prepaid);
        strictlyValid(session.start(txn, b.confirm().order()));
        deliveredMoreThan(txn, id, BigDecimal.ZERO);

        BookingFlow.Step cancel = session.cancel(txn, id, "5");
        strictlyValid(cancel);
        JsonNode order = cancel.order();
        assertEquals("CANCELLED", order.path("status").asText());
        assertEquals("CONSUMER", order.at("/cancellation/cancelled_by").asText());
        BigDecimal delivered = delivered(order);
        assertTrue(delivered.signum() > 0 && delivered.compareTo(new BigDecimal("4")) < 0,
                "some energy was delivered: " + delivered);
        BigDecimal used = DemoTariff.charging(delivered, true, 30, null, false).total();
        BigDecimal fee = DemoTariff.afterStartFee(prepaid, used);
        BigDecimal refund = prepaid.subtract(used).subtract(fee);
        assertEquals(List.of(refund.negate().toPlainString()), amounts(order.at("/quote/breakup")),
                "the refund line is the money returned: " + order.at("/quote"));
        assertEquals("payment refund", order.at("/quote/breakup/0/title").asText());
        assertEquals(refund.negate(), money(order.at("/quote/price/value")));
        assertEquals(java.util.Map.of("prepaid", prepaid.toPlainString(), "final-amount", used.toPlainString(),
                "cancellation-fee", fee.toPlainString(), "refund", refund.toPlainString(), "refund-status", "PENDING"),
                settlement(order), "delivered energy + 30 % of the rest + refund = prepaid");
        JsonNode l = ledgerRefunded(id, refund);
        assertEquals(refund, money(l.path("refunded")), l.toString());
        assertEquals(used.add(fee), money(l.path("balance")), "delivered energy + fee stay paid");
    }
    @Test
    void a_charger_failing_mid_session_is_cancelled_by_the_provider_and_only_the_energy_delivered_is_paid()
            throws Exception {
        BookingFlow.Booking b = book(now("cz-mg-1-ccs2", "4", "4W")); // 60 kW; a 40 kWh car at 20 %
        String txn = b.transactionId();
        String id = orderId(b);
        BigDecimal prepaid = money(b.confirm().order().at("/quote/price/value"));
        assertEquals(new BigDecimal("93.05"), prepaid, "a car: no two-wheeler offer");
        strictlyValid(session.start(txn, b.confirm().order()));
        SessionFlow.Progress p = deliveredMoreThan(txn, id, BigDecimal.ZERO);
        assertNotNull(p.stateOfCharge(), "the car's state of charge is known: " + p);
        assertTrue(p.stateName().startsWith("vehicle ") && p.stateName().endsWith("% charged"), p.stateName());
        try {
            suite.chargers().orElseThrow().fleet().charger("cz-mg-1").fault(1); // StatusNotification Faulted
            BapClient.Callback cancel = bap.awaitUnsolicited(txn, "on_cancel", WAIT);
            strictlyValid(cancel);
            JsonNode order = cancel.body().at("/message/order");
            assertEquals("CANCELLED", order.path("status").asText());
            assertEquals("charger-error", order.at("/fulfillments/0/state/descriptor/code").asText());
            assertEquals("PROVIDER", order.at("/cancellation/cancelled_by").asText());
            assertTrue(order.at("/cancellation/reason/descriptor/short_desc").asText().startsWith("the charger failed"),
                    order.at("/cancellation").toString());
            BigDecimal delivered = delivered(order);
            // energy only: no reservation fee, no cancellation fee (docs/charging-session.md)
            BigDecimal energyOnly = DemoTariff.charging(delivered, true, 30, "4W", true).total();
            BigDecimal refund = prepaid.subtract(energyOnly);
            assertEquals(List.of(refund.negate().toPlainString()), amounts(order.at("/quote/breakup")));
            assertEquals(refund.negate(), money(order.at("/quote/price/value")));
            assertEquals(energyOnly.toPlainString(), settlement(order).get("final-amount"),
                    "delivered x 12 - 5 % + 18 %");
            assertEquals("0.00", settlement(order).get("cancellation-fee"));
            JsonNode l = ledgerRefunded(id, refund);
            assertEquals(refund, money(l.path("refunded")), l.toString());
            assertEquals("PROVIDER", adminOrder(id).path("cancelledBy").asText());
        } finally {
            suite.chargers().orElseThrow().fleet().charger("cz-mg-1").clearFault(1);
        }
    }
    @Test
    void an_operator_cancel_refunds_in_full_and_tells_the_bap_who_and_why() throws Exception {
        OffsetDateTime tomorrow = OffsetDateTime.now(IST).plusDays(1).truncatedTo(ChronoUnit.DAYS).withHour(16);
        BookingFlow.Booking b = book(now("cz-in-1-ccs2", "4", null).withSlot(tomorrow, tomorrow.plusMinutes(30)));
        String id = orderId(b);
        BigDecimal prepaid = money(b.confirm().order().at("/quote/price/value"));
        assertEquals(new BigDecimal("93.05"), prepaid);
        HttpResponse<String> r = CatalogFixtures.call(suite, "POST", "/orders/v1/admin/orders/" + id + "/cancel",
                suite.tokens().operator(), "{\"reason\":\"site closed for repairs\"}");
        assertEquals(200, r.statusCode(), r.body());
        BapClient.Callback cancel = bap.awaitUnsolicited(b.transactionId(), "on_cancel", WAIT);
        strictlyValid(cancel);
        JsonNode order = cancel.body().at("/message/order");
        assertEquals("cancelled-by-provider", order.at("/fulfillments/0/state/descriptor/code").asText(),
                "not the state of a user's cancel");
        assertEquals("PROVIDER", order.at("/cancellation/cancelled_by").asText());
        assertEquals("site closed for repairs", order.at("/cancellation/reason/descriptor/short_desc").asText());
        assertEquals(List.of("-93.05"), amounts(order.at("/quote/breakup")));
        assertEquals(prepaid.negate(), money(order.at("/quote/price/value")));
        assertEquals(prepaid, money(ledgerRefunded(id, prepaid).path("refunded")));
        assertEquals(403, CatalogFixtures.call(suite, "POST", "/orders/v1/admin/orders/" + id + "/cancel",
                suite.tokens().partner("chargezone.in"), "{}").statusCode(), "operators only");
    }
    @Test
    void transitions_that_make_no_sense_are_refused_with_the_code_and_why() throws Exception {
        OffsetDateTime tomorrow = OffsetDateTime.now(IST).plusDays(1).truncatedTo(ChronoUnit.DAYS).withHour(17);
        BookingFlow.Choice later = now("cz-in-2-type2", "4", null).withSlot(tomorrow, tomorrow.plusMinutes(30));
        String txn = UUID.randomUUID().toString();
        assertTrue(booking.select(txn, later).ok());
        BookingFlow.Step init = booking.init(txn, later, BILLING);
        assertTrue(init.ok(), init.outcome());

        BookingFlow.Step unpaid = session.update(txn, null, "cz-in-2-type2", "CHARGING", SessionFlow.START_CHARGING);
        assertEquals("50002", unpaid.error().path("code").asText(), "a draft cannot start: " + unpaid.outcome());
        assertTrue(unpaid.error().path("message").asText().contains("not confirmed"), unpaid.outcome());

        BookingFlow.Booking b = book(later.withSlot(tomorrow.plusHours(1), tomorrow.plusHours(1).plusMinutes(30)));
        String id = orderId(b);
        BookingFlow.Step early = session.start(b.transactionId(), b.confirm().order());
        assertEquals("50002", early.error().path("code").asText(), "too early for tomorrow's slot: " + early.outcome());
        BookingFlow.Step notStarted = session.end(b.transactionId(), b.confirm().order());
        assertEquals("50002", notStarted.error().path("code").asText(), notStarted.outcome());
        BookingFlow.Step wrongCharger = session.startCharging(b.transactionId(), id, "cz-mg-1-ccs2");
        assertEquals("30013", wrongCharger.error().path("code").asText(), wrongCharger.outcome());
        assertEquals("$.message.order.fulfillments[0].id", wrongCharger.error().path("paths").asText());
        BookingFlow.Step swapCode = session.startSwap(b.transactionId(), id, "cz-in-2-type2", "BATTERY-SWAP");
        assertEquals("30013", swapCode.error().path("code").asText(), swapCode.outcome());
        BookingFlow.Step nobody = session.startCharging(b.transactionId(), "no-such-order", null);
        assertEquals("30010", nobody.error().path("code").asText(), nobody.outcome());

        ObjectNode badTarget = SessionFlow.updateMessage(id, "cz-in-2-type2", "CHARGING", SessionFlow.START_CHARGING);
        badTarget.put("update_target", "order.billing");
        BapClient.Sent nack = bap.send("update", b.transactionId(), badTarget);
        assertEquals(400, nack.status(), nack.body());
        assertEquals("30012", nack.response().at("/error/code").asText(), nack.body());
        BapClient.Sent badReason = bap.send("cancel", b.transactionId(),
                SessionFlow.cancelMessage(id, "42", "why not"));
        assertEquals(400, badReason.status(), badReason.body());
        assertEquals("30011", badReason.response().at("/error/code").asText(), badReason.body());
        assertEquals("$.message.cancellation_reason_id", badReason.response().at("/error/paths").asText());
        assertEquals("ACTIVE", adminOrder(id).path("status").asText(), "nothing changed");
    }

    @Test
    void a_refund_whose_answer_is_lost_is_retried_and_money_goes_back_once() throws Exception {
        OffsetDateTime tomorrow = OffsetDateTime.now(IST).plusDays(1).truncatedTo(ChronoUnit.DAYS).withHour(19);
        BookingFlow.Booking b = book(now("cz-in-2-type2", "4", null).withSlot(tomorrow, tomorrow.plusMinutes(30)));
        String id = orderId(b);
        BigDecimal prepaid = money(b.confirm().order().at("/quote/price/value"));
        HttpResponse<String> armed = CatalogFixtures.call(suite, "POST", "/payments/v1/sandbox/faults",
                suite.tokens().operator(),
                "{\"loseNextRefundAnswers\": 1, \"failNextRefunds\": 0}");
        assertEquals(200, armed.statusCode(), armed.body());
        try {
            BookingFlow.Step cancel = session.cancel(b.transactionId(), id, "2");
            strictlyValid(cancel);
            JsonNode l = ledgerRefunded(id, prepaid);
            assertEquals(0, money(l.path("refunded")).compareTo(prepaid), l.toString());
            assertEquals(1, refundEntries(l), "recorded once: " + l);
            JsonNode atGateway = CatalogFixtures
                    .json(CatalogFixtures.call(suite, "GET", "/payments/v1/sandbox/refunds?orderRef=" + id,
                            suite.tokens().operator(), null));
            assertEquals(1, atGateway.size(), "refunded once at the gateway too: " + atGateway);
            assertEquals("REFUNDED", adminOrder(id).path("refundStatus").asText());
        } finally {
            CatalogFixtures.call(suite, "POST", "/payments/v1/sandbox/faults", suite.tokens().operator(), "{}");
        }
    }

    @Test
    void a_battery_swap_is_scheduled_started_completed_and_priced_per_swap() throws Exception {
        OffsetDateTime start = OffsetDateTime.now(IST).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        BookingFlow.Choice swap = new BookingFlow.Choice("log9.in", "pe-swap-01", null, 1, "log9-jn-swap-1", start,
                start.plusMinutes(30), true, List.of(), "2W");
        BookingFlow.Booking b = book(swap);
        String txn = b.transactionId();
        JsonNode confirmed = b.confirm().order();
        assertEquals("swap-scheduled", confirmed.at("/fulfillments/0/state/descriptor/code").asText(),
                confirmed.toString());
        BigDecimal prepaid = money(confirmed.at("/quote/price/value"));
        // Log9 has no tariff: the list price, 10 a swap, with the platform's 18 % GST; a free reservation is no line
        assertEquals(new BigDecimal("11.80"), DemoTariff.swaps(1));
        assertEquals(DemoTariff.swaps(1), prepaid);
        assertEquals(List.of("10.00", "1.80"), amounts(confirmed.at("/quote/breakup")),
                confirmed.at("/quote").toString());
        assertEquals("battery-swap", confirmed.at("/quote/breakup/0/item/descriptor/code").asText());
        assertEquals("Battery swaps", confirmed.at("/quote/breakup/0/title").asText());
        assertEquals("GST 18%", confirmed.at("/quote/breakup/1/title").asText());
        assertEquals("10", confirmed.at("/items/0/price/value").asText(), "the unit price applied");

        BookingFlow.Step charging = session.startCharging(txn, orderId(b), "log9-jn-swap-1");
        assertEquals("30013", charging.error().path("code").asText(), "a swap is not charged: " + charging.outcome());
        BookingFlow.Step started = session.start(txn, confirmed);
        strictlyValid(started);
        assertEquals("swap-in-progress", started.order().at("/fulfillments/0/state/descriptor/code").asText());
        BookingFlow.Step busy = session.cancel(txn, orderId(b), "1");
        assertEquals("50001", busy.error().path("code").asText(),
                "a swap under way cannot be cancelled: " + busy.outcome());
        BookingFlow.Step done = session.end(txn, confirmed);
        strictlyValid(done);
        JsonNode order = done.order();
        assertEquals("swap-completed", order.at("/fulfillments/0/state/descriptor/code").asText());
        assertEquals("COMPLETE", order.path("status").asText());
        assertEquals(prepaid, money(order.at("/quote/price/value")), "one swap, as quoted");
        assertEquals(List.of("10.00", "1.80"), amounts(order.at("/quote/breakup")));
        assertEquals("1", order.at("/items/0/quantity/allocated/count").asText(), "one swap done");
        assertFalse(order.at("/quote/breakup").toString().contains("payment refund"), "the bill's lines only");
        assertEquals("0.00", settlement(order).get("refund"), "nothing to refund, said in the settlement");
        assertEquals("NONE", settlement(order).get("refund-status"));
    }

    @Test
    void a_swap_nobody_ends_is_completed_by_the_platform_and_the_bap_is_told() throws Exception {
        OffsetDateTime start = OffsetDateTime.now(IST).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        // not blocking the station: the other swap test holds it at these times
        BookingFlow.Choice swap = new BookingFlow.Choice("log9.in", "pe-swap-01", null, 1, "log9-jn-swap-1", start,
                start.plusMinutes(30), false, List.of(), "2W");
        BookingFlow.Booking b = book(swap);
        String txn = b.transactionId();
        JsonNode confirmed = b.confirm().order();
        BigDecimal prepaid = money(confirmed.at("/quote/price/value"));
        BookingFlow.Step started = session.start(txn, confirmed);
        assertEquals("swap-in-progress", started.order().at("/fulfillments/0/state/descriptor/code").asText(),
                started.outcome());
        Instant startedAt = Instant.now();

        // The suite completes a swap 40 s after its start (order.swap-complete-after; 30 min by default).
        BapClient.Callback update = bap.awaitUnsolicited(txn, "on_update", Duration.ofSeconds(120));
        assertTrue(Duration.between(startedAt, update.receivedAt()).toSeconds() >= 20,
                "not before its time: " + Duration.between(startedAt, update.receivedAt()));
        strictlyValid(update);
        JsonNode order = update.body().at("/message/order");
        assertEquals("swap-completed", order.at("/fulfillments/0/state/descriptor/code").asText(), order.toString());
        assertEquals("COMPLETE", order.path("status").asText());
        assertEquals(0, money(order.at("/quote/price/value")).compareTo(prepaid), "one swap, as booked");
        BapClient.Callback ended = bap.awaitUnsolicited(txn, "on_status",
                c -> "swap-completed"
                        .equals(c.body().at("/message/order/fulfillments/0/state/descriptor/code").asText()),
                WAIT);
        strictlyValid(ended);
        assertEquals("COMPLETE", adminOrder(orderId(b)).path("status").asText());

        BookingFlow.Step late = session.end(txn, confirmed);
        assertEquals("swap-completed", late.order().at("/fulfillments/0/state/descriptor/code").asText(),
                "an end-swap after it answers the completed order: " + late.outcome());
    }
}
