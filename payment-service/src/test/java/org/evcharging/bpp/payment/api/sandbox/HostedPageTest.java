package org.evcharging.bpp.payment.api.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import org.evcharging.bpp.payment.domain.LinkStatus;
import org.junit.jupiter.api.Test;

class HostedPageTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final String ID = "3f1c2d4e-0000-4000-8000-000000000001";

    @Test
    void escape_covers_markup_and_both_quotes() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;",
                HostedPage.escape("<script>alert(\"x\")</script> & 'y'"));
        assertEquals("", HostedPage.escape(null));
        assertEquals("\u20B947.20 plain", HostedPage.escape("\u20B947.20 plain"));
    }

    @Test
    void data_from_the_link_cannot_inject_markup() {
        String page = HostedPage.link("Shop <b>", view(LinkStatus.NOT_PAID, "<img src=x onerror=alert(1)>",
                "o\"><script>1</script>"), "<i>notice</i>");
        assertFalse(page.contains("<img"), page);
        assertFalse(page.contains("<script>"), page);
        assertFalse(page.contains("<b>"), page);
        assertFalse(page.contains("<i>"), page);
        assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt;"), page);
        assertTrue(page.contains("o&quot;&gt;&lt;script&gt;1&lt;/script&gt;"), page);
    }

    @Test
    void a_payable_link_shows_the_amount_and_both_buttons_in_a_post_form() {
        String page = HostedPage.link("EV charging", view(LinkStatus.NOT_PAID, "4 kWh at MG Road", "order-1"), null);
        assertTrue(page.startsWith("<!DOCTYPE html>"));
        assertTrue(page.contains("<meta charset=\"UTF-8\">"));
        assertTrue(page.contains("<form method=\"post\" action=\"/payments/v1/pay/" + ID + "\">"), page);
        assertTrue(page.contains("name=\"outcome\" value=\"pay\""));
        assertTrue(page.contains("Pay \u20B947.20</button>"), page);
        assertTrue(page.contains("name=\"outcome\" value=\"decline\""));
        assertTrue(page.contains("order-1"));
        assertTrue(page.contains("4 kWh at MG Road"));
        assertTrue(page.contains("NOT-PAID"));
    }

    @Test
    void a_paid_link_is_a_receipt_without_buttons() {
        String page = HostedPage.link("EV charging", view(LinkStatus.PAID, null, "order-1"), null);
        assertTrue(page.contains("<h1>Paid</h1>"), page);
        assertTrue(page.contains("sbx_pay_abc"));
        assertFalse(page.contains("<form"));
    }

    @Test
    void expired_and_cancelled_links_say_so_without_buttons() {
        String expired = HostedPage.link("EV charging", view(LinkStatus.EXPIRED, null, "order-1"), null);
        assertTrue(expired.contains("expired"));
        assertFalse(expired.contains("<form"));
        String cancelled = HostedPage.link("EV charging", view(LinkStatus.CANCELLED, null, "order-1"), null);
        assertTrue(cancelled.contains("cancelled"));
        assertFalse(cancelled.contains("<button"));
    }

    @Test
    void a_declined_link_says_so_and_may_be_tried_again() {
        String page = HostedPage.link("EV charging", view(LinkStatus.FAILED, null, "order-1"), null);
        assertTrue(page.contains("Payment declined"));
        assertTrue(page.contains("<form"));
    }

    @Test
    void other_currencies_show_their_code() {
        HostedPage.View v = new HostedPage.View(ID, "o", null, new BigDecimal("3.50"), "EUR", LinkStatus.NOT_PAID,
                null, null, T0.plusSeconds(900));
        assertTrue(HostedPage.link("m", v, null).contains("Pay EUR 3.50"));
    }

    private static HostedPage.View view(LinkStatus status, String description, String orderRef) {
        return new HostedPage.View(ID, orderRef, description, new BigDecimal("47.20"), "INR", status,
                status == LinkStatus.PAID ? "sbx_pay_abc" : null, status == LinkStatus.PAID ? T0 : null,
                T0.plusSeconds(900));
    }
}
