package org.evcharging.bpp.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.evcharging.bpp.core.validation.BecknSchemas;
import org.evcharging.bpp.suite.bap.BapClient;
import org.evcharging.bpp.suite.bap.BookingFlow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * confirm holds the BAP to the price its user was shown (issue 20): the workflow document's confirm, sent back with a
 * quote of 40 INR for an order quoted higher, is refused with 40003 naming the field and the current quote, and the
 * order stays a draft holding its slot; the confirm with on_init's own quote then confirms it. Its own slot: tomorrow
 * evening on Chargezone's Indiranagar AC charger, which no other test books.
 */
class ConfirmQuoteIT {

    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final BookingFlow.Billing BILLING = new BookingFlow.Billing("Meera Iyer", "meera@example.com",
            "+91-9876500021");
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

    /** Tomorrow at {@code hour} on a connector no other IT of the shared suite books then (SupportRatingIT: cz-in-2). */
    private static BookingFlow.Choice tomorrowAt(int hour) {
        OffsetDateTime start = OffsetDateTime.now(IST).plusDays(1).truncatedTo(ChronoUnit.DAYS).withHour(hour);
        return new BookingFlow.Choice("chargezone.in", "pe-charging-01", "4", null, "cz-mg-3-type2", start,
                start.plusMinutes(30), true, List.of(), null);
    }

    private static List<String> row(String sql, String... args) throws Exception {
        try (Connection c = suite.openDb("order"); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private static void refusedWith(BookingFlow.Step confirm, String path, String quoted) {
        assertTrue(confirm.sent().acked(), confirm.outcome());
        assertTrue(confirm.callback() != null && confirm.callback().verified(), confirm.outcome());
        assertTrue(BecknSchemas.shared().validateStrict("on_confirm", (ObjectNode) confirm.callback().body()).isEmpty(),
                confirm.outcome());
        assertEquals("40003", confirm.error().path("code").asText(), confirm.outcome());
        assertEquals(path, confirm.error().path("paths").asText(), confirm.outcome());
        assertTrue(confirm.error().path("message").asText().contains(quoted + " INR"),
                "the current quote is in the message: " + confirm.outcome());
    }

    @Test
    void a_confirm_with_a_price_the_order_does_not_have_is_refused_with_the_current_quote_then_the_right_one_confirms()
            throws Exception {
        BookingFlow.Choice choice = tomorrowAt(20);
        String txn = UUID.randomUUID().toString();
        assertTrue(flow.select(txn, choice).ok());
        BookingFlow.Step init = flow.init(txn, choice, BILLING);
        assertTrue(init.ok(), init.outcome());
        JsonNode onInit = init.order();
        String quoted = onInit.at("/quote/price/value").asText();
        assertTrue(flow.pay(onInit.at("/payments/0/url").asText(), true).paid(), "paid on the link's page");
        String orderId = row("SELECT id FROM orders WHERE bap_id = ? AND transaction_id = ?", bap.subscriberId(), txn)
                .get(0);

        // The document's confirm: the BAP believes the quote is 40 INR (and says it paid 40).
        ObjectNode wrong = BookingFlow.confirmMessage(choice, null, onInit);
        ((ObjectNode) wrong.at("/order/quote/price")).put("value", "40");
        ((ObjectNode) wrong.at("/order/payments/0/params")).put("amount", "40");
        refusedWith(flow.step("confirm", txn, wrong), "$.message.order.quote.price.value", quoted);
        assertEquals(List.of("DRAFT"), row("SELECT status FROM orders WHERE id = ?", orderId), "not confirmed");
        assertEquals(List.of("HELD"), row("SELECT status FROM slot_hold WHERE order_id = ?", orderId),
                "the slot is still held, not reserved nor released");

        // The right quote, but a payment amount in another currency.
        ObjectNode otherCurrency = BookingFlow.confirmMessage(choice, null, onInit);
        ((ObjectNode) otherCurrency.at("/order/payments/0/params")).put("currency", "USD");
        refusedWith(flow.step("confirm", txn, otherCurrency), "$.message.order.payments[0].params.amount", quoted);
        assertEquals(List.of("DRAFT"), row("SELECT status FROM orders WHERE id = ?", orderId));

        // The quote as on_init showed it, written with more decimals: the same price.
        ObjectNode right = BookingFlow.confirmMessage(choice, null, onInit);
        ((ObjectNode) right.at("/order/quote/price")).put("value", new java.math.BigDecimal(quoted).setScale(3)
                .toPlainString());
        BookingFlow.Step confirmed = flow.step("confirm", txn, right);
        assertTrue(confirmed.ok(), confirmed.outcome());
        assertEquals("ACTIVE", confirmed.order().path("status").asText());
        assertEquals(orderId, confirmed.order().path("id").asText());
        assertEquals(List.of("RESERVED"), row("SELECT status FROM slot_hold WHERE order_id = ?", orderId));
    }

    @Test
    void the_bap_clis_booking_flow_sends_back_what_on_init_showed() throws Exception {
        BookingFlow.Booking b = flow.book(tomorrowAt(21), BILLING);
        assertTrue(b.confirmed(), "booked: " + b);
        JsonNode sent = b.confirm().sent().request().path("message").path("order");
        assertEquals(b.init().order().at("/quote/price/value").asText(), sent.at("/quote/price/value").asText());
        assertEquals(b.init().order().at("/payments/0/params/amount").asText(),
                sent.at("/payments/0/params/amount").asText());
    }
}
