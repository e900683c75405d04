package org.evcharging.bpp.suite.bap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** "Paid" is what the page that answers the Pay button says, never its HTTP status (200 for every outcome). */
class PaymentAnswerTest {

    private static String page(String heading, String status) {
        return "<!DOCTYPE html>\n<html><body><main><h1>" + heading
                + "</h1>\n<dl>\n<dt>Amount</dt><dd>\u20b993.05</dd>\n"
                + "<dt>Status</dt><dd>" + status + "</dd>\n</dl></main></body></html>";
    }

    @Test
    void a_receipt_is_paid() {
        BookingFlow.Payment p = new BookingFlow.Payment(200, "", 200, page("Paid", "PAID"), 10);
        assertEquals("Paid", p.heading());
        assertEquals("PAID", p.status());
        assertTrue(p.paid());
    }

    @Test
    void the_pay_page_again_a_decline_an_expired_or_cancelled_link_are_not_paid_though_they_answer_200() {
        assertFalse(new BookingFlow.Payment(200, "", 200, page("Pay \u20b993.05", "NOT-PAID"), 10).paid());
        assertFalse(new BookingFlow.Payment(200, "", 200, page("Payment declined", "FAILED"), 10).paid());
        assertFalse(new BookingFlow.Payment(200, "", 200, page("This payment link has expired", "EXPIRED"), 10).paid());
        assertFalse(
                new BookingFlow.Payment(200, "", 200, page("This payment link was cancelled", "CANCELLED"), 10).paid());
        assertFalse(new BookingFlow.Payment(200, "", 502, page("Payment not confirmed", ""), 10).paid());
        assertFalse(new BookingFlow.Payment(200, "", 200, "&lt;h1&gt;Paid&lt;/h1&gt;", 10).paid(),
                "escaped markup is no receipt");
    }
}
