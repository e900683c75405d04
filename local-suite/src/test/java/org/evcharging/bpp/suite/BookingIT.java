package org.evcharging.bpp.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.evcharging.bpp.core.validation.BecknSchemas;
import org.evcharging.bpp.suite.bap.BapClient;
import org.evcharging.bpp.suite.bap.BookingFlow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Booking and payment on the running suite: select → init (draft order, slot held, payment link) → pay on the link's
 * page over HTTP as a browser would → confirm (only when paid), through the ingress with a signing BAP; no double
 * booking under 50 concurrent inits; a lapsed hold frees its slot; payment-service down during init leaves nothing.
 * Every test books its own slot (tomorrow, distinct hours) so the tests do not meet on a charger.
 */
class BookingIT {

    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final BookingFlow.Billing BILLING = new BookingFlow.Billing("Asha Rao", "asha@example.com",
            "+91-9876500001");
    private static LocalSuite suite;
    private static BapClient bap;
    private static BookingFlow flow;

    @BeforeAll
    static void start() throws Exception {
        suite = SharedSuite.get();
        bap = BapClient.demo(suite, 0);
        flow = new BookingFlow(bap, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        if (bap != null) {
            bap.close();
        }
    }

    /** A 30-minute slot tomorrow at {@code hour}:{@code minute} India time on Chargezone's MG Road DC charger. */
    private static BookingFlow.Choice slot(String connector, int hour, int minute) {
        OffsetDateTime start = OffsetDateTime.now(IST).plusDays(1).truncatedTo(ChronoUnit.DAYS).withHour(hour)
                .withMinute(minute);
        return new BookingFlow.Choice("chargezone.in", "pe-charging-01", "4", null, connector, start,
                start.plusMinutes(30),
                true, List.of(), null);
    }

    @Test
    void search_select_init_pay_confirm_end_to_end_with_every_callback_signed_and_valid() throws Exception {
        BookingFlow.Choice choice = slot("cz-mg-1-ccs2", 6, 0);
        BookingFlow.Booking b = flow.book(choice, BILLING);
        assertTrue(b.confirmed(), "booked: " + b);
        for (BookingFlow.Step step : List.of(b.select(), b.init(), b.confirm())) {
            assertTrue(step.ok(),
                    step.action() + ": " + (step.callback() == null ? step.sent().body() : step.callback().body()));
            assertTrue(
                    BecknSchemas.shared()
                            .validateStrict("on_" + step.action(),
                                    (com.fasterxml.jackson.databind.node.ObjectNode) step.callback().body())
                            .isEmpty(),
                    "on_" + step.action() + " is strictly schema-valid");
            assertEquals(suite.bppSubscriberId(), step.callback().signer());
        }
        JsonNode quote = b.select().order().path("quote");
        // 4 kWh DC at 12 = 48.00, blocked 30 min 20 + 0.50 x 30 = 35.00, demo app 5 % = -4.15, CGST and SGST 9 % of 78.85
        DemoTariff.Bill expected = DemoTariff.charging(new BigDecimal("4"), true, 30, null, false);
        assertEquals(expected.total().toPlainString(), quote.at("/price/value").asText());
        assertEquals(List.of("48.00", "35.00", "-4.15", "7.10", "7.10"),
                List.of(quote.at("/breakup/0/price/value").asText(),
                        quote.at("/breakup/1/price/value").asText(), quote.at("/breakup/2/price/value").asText(),
                        quote.at("/breakup/3/price/value").asText(), quote.at("/breakup/4/price/value").asText()));
        assertEquals("12", b.select().order().at("/items/0/price/value").asText(),
                "DC's rate, as the energy line applies it");
        JsonNode draft = b.init().order();
        assertEquals("order-initiated", draft.at("/fulfillments/0/state/descriptor/code").asText());
        assertEquals(quote.path("price"), draft.at("/quote/price"), "the draft carries the quote as quoted");
        assertEquals(quote.path("breakup"), draft.at("/quote/breakup"));
        JsonNode payment = draft.at("/payments/0");
        assertEquals("PRE-ORDER", payment.path("type").asText());
        assertEquals("NOT-PAID", payment.path("status").asText());
        assertEquals("BPP", payment.path("collected_by").asText());
        assertEquals(0, new BigDecimal(quote.at("/price/value").asText())
                .compareTo(new BigDecimal(payment.at("/params/amount").asText())));
        assertTrue(payment.path("url").asText().startsWith(suite.ingressUrl() + "/payments/v1/pay/"),
                payment.toString());
        assertFalse(payment.at("/time/range/end").asText().isEmpty());
        assertEquals("30", draft.at("/cancellation_terms/2/cancellation_fee/percentage").asText(),
                "30 % once charging started");
        assertEquals("charging-start", draft.at("/cancellation_terms/2/fulfillment_state/descriptor/code").asText(),
                "the state the workflow document's terms name");
        assertEquals("asha@example.com", draft.at("/billing/email").asText());

        assertEquals(200, b.payment().pageStatus());
        assertTrue(b.payment().page().contains(payment.at("/params/amount").asText()), "the page shows the amount");
        assertEquals(200, b.payment().resultStatus(), b.payment().result());
        assertTrue(b.payment().paid(),
                "the answer to Pay is a receipt: " + b.payment().heading() + " " + b.payment().status());

        JsonNode order = b.confirm().order();
        assertEquals("ACTIVE", order.path("status").asText(), order.toString());
        assertFalse(order.path("id").asText().isEmpty());
        assertEquals("payment-completed", order.at("/fulfillments/0/state/descriptor/code").asText());
        assertEquals("PAID", order.at("/payments/0/status").asText());
        assertEquals("12.975200,77.606700", order.at("/fulfillments/0/stops/0/location/gps").asText(),
                "where the charger is");
        assertTrue(order.at("/fulfillments/0/stops/0/instructions/short_desc").asText().contains("cz-mg-1-ccs2"));
        assertEquals(List.of("RESERVED"), holdsOf(order.path("id").asText()));

        com.fasterxml.jackson.databind.node.ObjectNode ask = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode().put("order_id", order.path("id").asText());
        BookingFlow.Step status = flow.step("status", b.transactionId(), ask);
        assertTrue(status.ok(), status.outcome());
        assertTrue(BecknSchemas.shared()
                .validateStrict("on_status", (com.fasterxml.jackson.databind.node.ObjectNode) status.callback().body())
                .isEmpty());
        assertEquals("ACTIVE", status.order().path("status").asText());
        assertEquals("payment-completed", status.order().at("/fulfillments/0/state/descriptor/code").asText());
        BookingFlow.Step unknown = flow.step("status", b.transactionId(),
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("order_id",
                        "no-such-order"));
        assertEquals("30010", unknown.error().path("code").asText(), unknown.outcome());
        assertEquals("$.message.order_id", unknown.error().path("paths").asText());
    }

    @Test
    void a_vehicle_named_at_init_that_unlocks_an_offer_makes_a_new_cheaper_quote_shown_in_on_init() throws Exception {
        BookingFlow.Choice plain = slot("cz-wf-1-ccs2", 12, 0);
        BookingFlow.Choice twoWheeler = new BookingFlow.Choice(plain.provider(), plain.item(), plain.kwh(), null,
                plain.fulfillment(), plain.slotStart(), plain.slotEnd(), true, List.of(), "2W");
        String txn = UUID.randomUUID().toString();
        BookingFlow.Step select = flow.select(txn, plain);
        assertTrue(select.ok(), select.outcome());
        BookingFlow.Step init = flow.init(txn, twoWheeler, BILLING);
        assertTrue(init.ok(), init.outcome());
        BigDecimal quoted = new BigDecimal(select.order().at("/quote/price/value").asText());
        BigDecimal booked = new BigDecimal(init.order().at("/quote/price/value").asText());
        assertTrue(booked.compareTo(quoted) < 0, quoted + " -> " + booked);
        assertFalse(select.order().at("/quote/id").asText().equals(init.order().at("/quote/id").asText()),
                "a new quote");
        assertTrue(init.order().at("/quote/breakup").toString().contains("Two-wheeler offer"),
                init.order().at("/quote").toString());
        assertEquals(0, booked.compareTo(new BigDecimal(init.order().at("/payments/0/params/amount").asText())),
                "the payment asks for the new price");
        assertEquals("2W", init.order().at("/fulfillments/0/vehicle/category").asText());
    }

    @Test
    void confirm_before_paying_is_refused_and_the_slot_stays_held() throws Exception {
        BookingFlow.Choice choice = slot("cz-mg-1-ccs2", 6, 30);
        String txn = UUID.randomUUID().toString();
        assertTrue(flow.select(txn, choice).ok());
        BookingFlow.Step init = flow.init(txn, choice, BILLING);
        assertTrue(init.ok(), init.callback().body().toString());
        BookingFlow.Step confirm = flow.confirm(txn, choice, null);
        assertEquals("50000", confirm.error().path("code").asText(), confirm.callback().body().toString());
        assertEquals("$.message.order.payments[0].status", confirm.error().path("paths").asText());
        assertTrue(confirm.error().path("message").asText().contains("not paid"));
        // The BAP saying PAID changes nothing: the ledger decides.
        com.fasterxml.jackson.databind.node.ObjectNode claim = BookingFlow.confirmMessage(choice, null);
        claim.with("order").putArray("payments").addObject().put("status", "PAID").put("type", "PRE-ORDER");
        BookingFlow.Step claimed = flow.step("confirm", txn, claim);
        assertEquals("50000", claimed.error().path("code").asText());
        String orderId = orderOf(txn);
        assertEquals("DRAFT", statusOf(orderId));
        assertEquals(List.of("HELD"), holdsOf(orderId));
    }

    @Test
    void a_paid_confirm_repeated_answers_the_same_order_and_reserves_once() throws Exception {
        BookingFlow.Choice choice = slot("cz-mg-1-ccs2", 7, 0);
        BookingFlow.Booking b = flow.book(choice, BILLING);
        assertTrue(b.confirmed(), String.valueOf(b.confirm()));
        BookingFlow.Step again = flow.confirm(b.transactionId(), choice, b.confirm().order().path("id").asText());
        assertTrue(again.ok(), again.callback().body().toString());
        assertEquals(b.confirm().order().path("id"), again.order().path("id"));
        assertEquals("ACTIVE", again.order().path("status").asText());
        assertEquals(List.of("RESERVED"), holdsOf(b.confirm().order().path("id").asText()));
        JsonNode ledger = CatalogFixtures
                .json(CatalogFixtures.internal(suite, "payment", "GET", "/internal/payments/v1/orders/"
                        + b.confirm().order().path("id").asText(), suite.tokens().operator(), null));
        assertEquals(1, count(ledger.path("entries"), "PAYMENT"), ledger.toString());
    }

    @Test
    void fifty_parallel_inits_for_one_slot_leave_exactly_one_holder_and_one_reservation() throws Exception {
        BookingFlow.Choice choice = slot("cz-mg-2-chademo", 8, 0);
        int n = 50;
        List<String> txns = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<BookingFlow.Step>> selects = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String txn = UUID.randomUUID().toString();
                txns.add(txn);
                selects.add(pool.submit(() -> flow.select(txn, choice)));
            }
            for (Future<BookingFlow.Step> f : selects) {
                assertTrue(f.get().ok(), "every user gets a quote for the slot");
            }
            List<BookingFlow.Step> inits = all(pool, txns, txn -> flow.init(txn, choice, BILLING));
            List<BookingFlow.Step> won = inits.stream().filter(BookingFlow.Step::ok).toList();
            assertEquals(1, won.size(), "exactly one init holds the slot");
            for (BookingFlow.Step s : inits) {
                if (!s.ok()) {
                    assertEquals("30008", s.error().path("code").asText(), s.outcome());
                    assertTrue(s.error().path("message").asText().contains("already booked"));
                }
            }
            assertTrue(flow.pay(won.get(0).order().at("/payments/0/url").asText(), true).paid());
            List<BookingFlow.Step> confirms = all(pool, txns, txn -> flow.confirm(txn, choice, null));
            assertEquals(1, confirms.stream().filter(s -> s.ok() && "ACTIVE".equals(s.order().path("status").asText()))
                    .count());
            assertEquals(n - 1, confirms.stream().filter(s -> "30010".equals(s.error().path("code").asText())).count());
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = suite.openDb("order");
                PreparedStatement ps = c
                        .prepareStatement("SELECT status, COUNT(*) FROM slot_hold WHERE fulfillment_id = ?"
                                + " AND slot_start = ? GROUP BY status")) {
            ps.setString(1, "cz-mg-2-chademo");
            ps.setObject(2, utc(choice.slotStart().toInstant()));
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "=" + rs.getInt(2));
                }
            }
            assertEquals(List.of("RESERVED=1"), rows, "the database holds one reservation for the slot");
        }
    }

    /** Time passes: the draft's hold runs out, as its quote's validity would 15 minutes on. */
    private static void lapse(String orderId) throws Exception {
        try (Connection c = suite.openDb("order")) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE orders SET hold_until = ? WHERE id = ?")) {
                ps.setObject(1, utc(java.time.Instant.now().minusSeconds(1)));
                ps.setString(2, orderId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE slot_hold SET expires_at = ? WHERE order_id = ?")) {
                ps.setObject(1, utc(java.time.Instant.now().minusSeconds(1)));
                ps.setString(2, orderId);
                ps.executeUpdate();
            }
        }
    }

    @Test
    void a_declined_payment_is_shown_declined_and_confirm_refuses_until_it_is_paid() throws Exception {
        BookingFlow.Choice choice = slot("cz-mg-3-type2", 13, 0);
        String txn = UUID.randomUUID().toString();
        assertTrue(flow.select(txn, choice).ok());
        BookingFlow.Step init = flow.init(txn, choice, BILLING);
        assertTrue(init.ok(), init.outcome());
        // 4 kWh AC = 32.00 + 35.00 blocked, -5 % = -3.35, 9 % of 63.65 = 5.73 twice
        assertEquals(DemoTariff.charging(new BigDecimal("4"), false, 30, null, false).total().toPlainString(),
                init.order().at("/payments/0/params/amount").asText());
        String url = init.order().at("/payments/0/url").asText();

        BookingFlow.Payment declined = flow.pay(url, false);
        assertEquals("Payment declined", declined.heading(), declined.result());
        assertEquals("FAILED", declined.status());
        assertFalse(declined.paid());
        BookingFlow.Step refused = flow.confirm(txn, choice, null);
        assertEquals("50000", refused.error().path("code").asText(), refused.outcome());
        assertTrue(refused.error().path("message").asText().contains("not paid"), refused.outcome());
        assertEquals("DRAFT", statusOf(orderOf(txn)));

        BookingFlow.Payment paid = flow.pay(url, true);
        assertTrue(paid.paid(), paid.heading());
        BookingFlow.Step confirmed = flow.confirm(txn, choice, null);
        assertTrue(confirmed.ok(), confirmed.outcome());
        assertEquals("ACTIVE", confirmed.order().path("status").asText());
    }

    @Test
    void money_paid_for_a_booking_that_lapsed_before_confirm_goes_back_in_full() throws Exception {
        BookingFlow.Choice choice = slot("cz-mg-3-type2", 14, 0);
        String txn = UUID.randomUUID().toString();
        assertTrue(flow.select(txn, choice).ok());
        BookingFlow.Step init = flow.init(txn, choice, BILLING);
        assertTrue(init.ok(), init.outcome());
        BigDecimal prepaid = DemoTariff.charging(new BigDecimal("4"), false, 30, null, false).total();
        assertTrue(flow.pay(init.order().at("/payments/0/url").asText(), true).paid());
        String orderId = orderOf(txn);
        lapse(orderId);
        BookingFlow.Step late = flow.confirm(txn, choice, null);
        assertEquals("40003", late.error().path("code").asText(), late.outcome());
        assertTrue(late.error().path("message").asText().contains("the payment is refunded"), late.outcome());
        JsonNode ledger = CatalogFixtures
                .json(CatalogFixtures.internal(suite, "payment", "GET", "/internal/payments/v1/orders/" + orderId,
                        suite.tokens().operator(), null));
        assertEquals(prepaid.toPlainString(), ledger.path("paid").asText(), ledger.toString());
        assertEquals(prepaid.toPlainString(), ledger.path("refunded").asText(), "all of it back: " + ledger);
        assertEquals("0.00", ledger.path("balance").asText());
    }

    @Test
    void a_hold_that_lapses_frees_the_slot_and_its_draft_cannot_be_confirmed() throws Exception {
        BookingFlow.Choice choice = slot("cz-mg-3-type2", 9, 0);
        String first = UUID.randomUUID().toString();
        assertTrue(flow.select(first, choice).ok());
        assertTrue(flow.init(first, choice, BILLING).ok());
        String second = UUID.randomUUID().toString();
        BookingFlow.Step taken = flow.select(second, choice);
        assertEquals("30008", taken.error().path("code").asText(),
                "held by the first: not even quoted " + taken.outcome());
        assertTrue(taken.error().path("message").asText().contains("already booked"), taken.outcome());
        assertEquals("$.message.order.fulfillments[0].stops", taken.error().path("paths").asText());

        String orderId = orderOf(first);
        lapse(orderId); // time passes: the first draft's hold runs out (as its quote's validity would, 15 minutes on)
        assertTrue(flow.select(second, choice).ok(), "the lapsed hold no longer counts");
        BookingFlow.Step retry = flow.init(second, choice, BILLING);
        assertTrue(retry.ok(), "the lapsed hold no longer counts: " + retry.callback().body());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> "EXPIRED".equals(statusOf(orderId)));
        assertEquals(List.of("RELEASED"), holdsOf(orderId));
        BookingFlow.Step late = flow.confirm(first, choice, null);
        assertEquals("40003", late.error().path("code").asText(), late.callback().body().toString());
    }

    @Test
    void payment_service_down_during_init_answers_an_error_and_leaves_no_order_or_hold() throws Exception {
        BookingFlow.Choice choice = slot("cz-in-1-ccs2", 10, 0);
        String txn = UUID.randomUUID().toString();
        assertTrue(flow.select(txn, choice).ok());
        suite.control().crash("payment");
        try {
            BookingFlow.Step init = flow.init(txn, choice, BILLING);
            assertNotNull(init.callback(), "the BAP hears back within the TTL");
            assertEquals("40000", init.error().path("code").asText(), init.callback().body().toString());
            assertTrue(init.error().path("message").asText().contains("nothing was booked"));
            assertNull(orderOf(txn), "no half-made order");
            try (Connection c = suite.openDb("order");
                    PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM slot_hold WHERE fulfillment_id = ?"
                            + " AND slot_start = ?")) {
                ps.setString(1, "cz-in-1-ccs2");
                ps.setObject(2, utc(choice.slotStart().toInstant()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), "no hold left behind on the slot");
                }
            }
        } finally {
            suite.control().restart("payment");
        }
        // With payments back (and its circuit closed again), the same init books.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3))
                .until(() -> flow.init(txn, choice, BILLING).ok());
    }

    @Test
    void init_without_a_quote_or_for_another_item_is_answered_with_its_error() throws Exception {
        BookingFlow.Choice choice = slot("cz-in-1-ccs2", 11, 0);
        BookingFlow.Step noQuote = flow.init(UUID.randomUUID().toString(), choice, BILLING);
        assertEquals("40003", noQuote.error().path("code").asText());
        String txn = UUID.randomUUID().toString();
        assertTrue(flow.select(txn, choice).ok());
        BookingFlow.Choice other = new BookingFlow.Choice("chargezone.in", "another-item", "4", null, null, null, null,
                false, List.of(), null);
        BookingFlow.Step wrong = flow.init(txn, other, BILLING);
        assertEquals("30004", wrong.error().path("code").asText());
        assertEquals("$.message.order.items[0].id", wrong.error().path("paths").asText());
        BapClient.Sent noBilling = bap.send("init", txn,
                BookingFlow.initMessage(choice, new BookingFlow.Billing("Asha", null, null)));
        assertEquals(400, noBilling.status(), "billing without an email or phone is NACKed: " + noBilling.body());
        assertEquals("$.message.order.billing.email", noBilling.response().at("/error/paths").asText());
    }

    private static List<BookingFlow.Step> all(ExecutorService pool, List<String> txns, Step each) throws Exception {
        List<Future<BookingFlow.Step>> futures = new ArrayList<>();
        for (String txn : txns) {
            futures.add(pool.submit((Callable<BookingFlow.Step>) () -> each.run(txn)));
        }
        List<BookingFlow.Step> steps = new ArrayList<>();
        for (Future<BookingFlow.Step> f : futures) {
            steps.add(f.get());
        }
        return steps;
    }

    private interface Step {

        BookingFlow.Step run(String txn) throws Exception;
    }

    private static int count(JsonNode entries, String type) {
        AtomicInteger n = new AtomicInteger();
        entries.forEach(e -> n.addAndGet(type.equals(e.path("type").asText()) ? 1 : 0));
        return n.get();
    }

    /** Times are stored as UTC DATETIME (beckn-core's InstantConverter). */
    private static java.time.LocalDateTime utc(java.time.Instant t) {
        return java.time.LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static String orderOf(String txn) throws Exception {
        try (Connection c = suite.openDb("order");
                PreparedStatement ps = c.prepareStatement("SELECT id FROM orders WHERE transaction_id = ?")) {
            ps.setString(1, txn);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String statusOf(String orderId) throws Exception {
        try (Connection c = suite.openDb("order");
                PreparedStatement ps = c.prepareStatement("SELECT status FROM orders WHERE id = ?")) {
            ps.setString(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static List<String> holdsOf(String orderId) throws Exception {
        try (Connection c = suite.openDb("order");
                PreparedStatement ps = c.prepareStatement("SELECT status FROM slot_hold WHERE order_id = ?")) {
            ps.setString(1, orderId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
