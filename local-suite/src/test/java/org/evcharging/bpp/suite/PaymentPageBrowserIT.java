package org.evcharging.bpp.suite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.evcharging.bpp.suite.browser.Browser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox payment page as a person uses it, in a real browser (headless Chromium) through the ingress: what it
 * shows before and after each button, for a link that is paid, declined and then paid, already paid, expired, and
 * replaced by a newer link of its order. Links are made as order-service makes them (payment-service's internal
 * API); a screenshot of each state is kept under {@code target/screenshots/}.
 */
class PaymentPageBrowserIT {

    private static LocalSuite suite;

    @BeforeAll
    static void start() {
        suite = SharedSuite.get();
    }

    /** A link for a made-up order, as order-service asks for one; its id and the page's address. */
    private record Link(String paymentId, String url, String orderRef) {
    }

    private static Link link(String orderRef, String amount, Instant expiresAt) throws Exception {
        String body = "{\"orderRef\":\"" + orderRef + "\",\"amount\":\"" + amount + "\",\"currency\":\"INR\","
                + "\"description\":\"EV charging: chargezone.in pe-charging-01\""
                + (expiresAt == null ? "" : ",\"expiresAt\":\"" + expiresAt + "\"") + "}";
        HttpResponse<String> r = CatalogFixtures.callAt(suite.serviceUrl("payment") + "/internal/payments/v1/links",
                "POST",
                suite.tokens().operator(), body);
        assertTrue(r.statusCode() == 201 || r.statusCode() == 200, r.body());
        JsonNode view = CatalogFixtures.JSON.readTree(r.body());
        String id = view.path("paymentId").asText();
        return new Link(id, suite.ingressUrl() + "/payments/v1/pay/" + id, orderRef);
    }

    private static String linkStatus(String paymentId) throws Exception {
        HttpResponse<String> r = CatalogFixtures.callAt(
                suite.serviceUrl("payment") + "/internal/payments/v1/links/" + paymentId, "GET",
                suite.tokens().operator(), null);
        return CatalogFixtures.JSON.readTree(r.body()).path("status").asText();
    }

    private static String order() {
        return "page-" + UUID.randomUUID();
    }

    @Test
    void paying_shows_the_receipt_at_once_and_the_page_stays_paid() throws Exception {
        Link l = link(order(), "93.05", null);
        try (Browser b = Browser.open("pay")) {
            b.go(l.url());
            b.screenshot("payable");
            assertEquals("Pay \u20b993.05", b.heading());
            assertTrue(b.text().contains("Status\nNOT-PAID") || b.text().contains("Status NOT-PAID"), b.text());
            assertTrue(b.text().contains(l.orderRef()), "the order is named: " + b.text());
            assertEquals(List.of("Pay \u20b993.05", "Decline"), b.buttons());

            b.click("Pay");
            b.screenshot("paid");
            assertEquals("Paid", b.heading(), "the answer to Pay says it was paid: " + b.text());
            assertTrue(b.text().contains("PAID") && !b.text().contains("NOT-PAID"), b.text());
            assertTrue(b.text().contains("Payment id\n" + l.paymentId()) || b.text().contains(l.paymentId()), b.text());
            assertTrue(b.text().contains("Gateway ref"), "a receipt: " + b.text());
            assertEquals(List.of(), b.buttons(), "nothing left to press");
            assertEquals("PAID", linkStatus(l.paymentId()));

            b.go(l.url());
            b.screenshot("paid-reloaded");
            assertEquals("Paid", b.heading());
            assertEquals(List.of(), b.buttons());
        }
    }

    @Test
    void declining_says_declined_and_offers_to_try_again_which_then_pays() throws Exception {
        Link l = link(order(), "35.88", null);
        try (Browser b = Browser.open("decline")) {
            b.go(l.url());
            b.click("Decline");
            b.screenshot("declined");
            assertEquals("Payment declined", b.heading(), b.text());
            assertTrue(b.text().contains("The last attempt was declined"), b.text());
            assertTrue(b.text().contains("FAILED"), b.text());
            assertEquals(List.of("Pay \u20b935.88", "Decline"), b.buttons(), "it may be tried again while valid");
            assertEquals("FAILED", linkStatus(l.paymentId()));

            b.click("Pay");
            b.screenshot("paid-after-decline");
            assertEquals("Paid", b.heading(), b.text());
            assertEquals(List.of(), b.buttons());
            assertEquals("PAID", linkStatus(l.paymentId()));
        }
    }

    @Test
    void a_page_left_open_after_the_link_was_paid_elsewhere_says_already_paid_and_charges_nothing_more()
            throws Exception {
        Link l = link(order(), "48.00", null);
        try (Browser first = Browser.open("already-paid-a"); Browser second = Browser.open("already-paid-b")) {
            first.go(l.url());
            second.go(l.url());
            second.click("Pay");
            assertEquals("Paid", second.heading());

            first.click("Pay"); // the stale page still shows the buttons
            first.screenshot("already-paid");
            assertEquals("Paid", first.heading(), first.text());
            assertTrue(first.text().contains("This link was already paid."), first.text());
            assertEquals(List.of(), first.buttons());
        }
        JsonNode ledger = CatalogFixtures.JSON
                .readTree(CatalogFixtures.callAt(suite.serviceUrl("payment") + "/internal/payments/v1/orders/"
                        + l.orderRef(), "GET", suite.tokens().operator(), null).body());
        assertEquals("48.00", ledger.path("paid").asText(), "paid once: " + ledger);
    }

    @Test
    void an_expired_link_shows_it_cannot_be_paid_and_refuses_a_late_press() throws Exception {
        Instant expires = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MILLIS);
        Link l = link(order(), "20.00", expires);
        try (Browser b = Browser.open("expired")) {
            b.go(l.url());
            assertTrue(b.heading().startsWith("Pay"), b.heading());
            await("the link's expiry").atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> Instant.now().isAfter(expires.plusMillis(200)));
            b.click("Pay"); // pressed on the page opened while it was valid
            b.screenshot("expired-press");
            assertEquals("This payment link has expired", b.heading(), b.text());
            assertTrue(b.text().contains("This link has expired; nothing was charged."), b.text());
            assertEquals(List.of(), b.buttons());

            b.go(l.url());
            b.screenshot("expired");
            assertEquals("This payment link has expired", b.heading());
            assertTrue(b.text().contains("It can no longer be paid. Ask for a new payment link."), b.text());
            assertEquals(List.of(), b.buttons());
        }
        assertEquals("EXPIRED", linkStatus(l.paymentId()));
    }

    @Test
    void a_link_replaced_by_a_newer_one_of_its_order_shows_cancelled_and_the_new_one_pays() throws Exception {
        String order = order();
        Link old = link(order, "40.00", null);
        Link replacement = link(order, "42.50", null);
        try (Browser b = Browser.open("replaced")) {
            b.go(old.url());
            b.screenshot("replaced");
            assertEquals("This payment link was cancelled", b.heading(), b.text());
            assertTrue(b.text().contains("It can no longer be paid. Ask for a new payment link."), b.text());
            assertEquals(List.of(), b.buttons());

            b.go(replacement.url());
            assertEquals("Pay \u20b942.50", b.heading());
            b.click("Pay");
            b.screenshot("replacement-paid");
            assertEquals("Paid", b.heading());
        }
    }

    @Test
    void a_form_sent_without_pay_or_decline_is_answered_with_the_page_itself_not_its_source() throws Exception {
        Link l = link(order(), "10.00", null);
        HttpResponse<String> r = CatalogFixtures.HTTP.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(l.url()))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("outcome=maybe")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), r.headers().toString());
        assertTrue(r.body().startsWith("<!DOCTYPE html>"), "markup, not escaped markup: " + r.body());
        assertTrue(r.body().contains("<h1>Pay \u20b910.00</h1>") && r.body().contains("Choose pay or decline."),
                r.body());
        assertEquals("NOT-PAID", linkStatus(l.paymentId()));
    }

    @Test
    void an_unknown_link_is_a_page_saying_so() throws Exception {
        try (Browser b = Browser.open("unknown")) {
            b.go(suite.ingressUrl() + "/payments/v1/pay/" + UUID.randomUUID());
            b.screenshot("unknown");
            assertEquals("Payment link not found", b.heading());
            assertEquals(List.of(), b.buttons());
        }
    }
}
