package org.evcharging.bpp.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.evcharging.bpp.suite.bap.BookingFlow;
import org.evcharging.bpp.suite.bap.FeedbackFlow;
import org.evcharging.bpp.suite.browser.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The feedback form that on_rating links to, as the user sees it in a real browser (headless Chromium): what was
 * rated and its stars, the comment box, what the page says after sending, after a reload, after an empty comment,
 * and that markup typed into a comment is shown as text. Screenshots under {@code target/screenshots/}.
 */
class FeedbackFormBrowserIT {

    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final Duration WAIT = Duration.ofSeconds(60);
    @RegisterExtension
    static final DemoBap DEMO = new DemoBap();

    /** A confirmed booking tomorrow at {@code hour} on Whitefield's DC charger, rated 4 as its charger: the form's address. */
    private static String ratedForm(int hour) throws Exception {
        OffsetDateTime start = OffsetDateTime.now(IST).plusDays(1).truncatedTo(ChronoUnit.DAYS).withHour(hour);
        BookingFlow.Booking b = new BookingFlow(DEMO.bap(), WAIT).book(
                new BookingFlow.Choice("chargezone.in", "pe-charging-01",
                        "4", null, "cz-wf-1-ccs2", start, start.plusMinutes(30), true, List.of(), null),
                new BookingFlow.Billing("Meera Nair", "meera@example.com", "+91 98765 00003"));
        assertTrue(b.confirmed(), "booked: " + b);
        String order = b.confirm().order().path("id").asText();
        BookingFlow.Step rated = new FeedbackFlow(DEMO.bap(), WAIT).rate(b.transactionId(),
                new FeedbackFlow.Rating(order, "charger", "4"));
        assertTrue(rated.ok(), rated.outcome());
        String url = FeedbackFlow.formUrl(rated.callback().body());
        assertNotNull(url, rated.outcome());
        return url;
    }

    private static void type(Browser b, String text) {
        WebElement box = b.driver().findElement(By.id("comment"));
        box.clear();
        box.sendKeys(text);
    }

    @Test
    void the_form_shows_what_was_rated_takes_a_comment_thanks_and_keeps_it_on_reload() throws Exception {
        String url = ratedForm(20);
        try (Browser b = Browser.open("feedback")) {
            b.go(url);
            b.screenshot("open");
            assertEquals("How was it?", b.heading());
            assertTrue(b.text().contains("You rated"), b.text());
            assertTrue(b.text().contains("\u2605\u2605\u2605\u2605\u2606"), "four stars of five: " + b.text());
            assertEquals(List.of("Send feedback"), b.buttons());
            assertEquals("", b.driver().findElement(By.id("comment")).getAttribute("value"), "an empty box");

            type(b, "Quick charge, clean bay.\nThe cafe next door was open.");
            b.click("Send feedback");
            b.screenshot("thanks");
            assertEquals("Thank you", b.heading(), b.text());
            assertTrue(b.text().contains("Your feedback was saved. Thank you!"), b.text());
            assertTrue(b.text().contains("Quick charge, clean bay.\nThe cafe next door was open."),
                    "the comment, lines kept: " + b.text());
            assertEquals(List.of(), b.buttons());
            assertFalse(b.driver().findElements(By.linkText("Change your comment")).isEmpty(),
                    "a way back to the form");

            b.go(url);
            b.screenshot("reloaded");
            assertEquals("How was it?", b.heading());
            assertTrue(b.text().contains("You sent your comment on"), b.text());
            assertEquals("Quick charge, clean bay.\nThe cafe next door was open.",
                    b.driver().findElement(By.id("comment")).getAttribute("value"), "the comment, to change");

            type(b, "Changed my mind: the bay was muddy.");
            b.click("Send feedback");
            assertEquals("Thank you", b.heading());
            assertTrue(b.text().contains("Changed my mind: the bay was muddy."), b.text());
            assertFalse(b.text().contains("Quick charge"), "the new comment replaced the old: " + b.text());
        }
    }

    @Test
    void an_empty_comment_is_refused_on_the_page_and_markup_in_a_comment_is_shown_as_text() throws Exception {
        String url = ratedForm(21);
        try (Browser b = Browser.open("feedback-input")) {
            b.go(url);
            type(b, "   ");
            b.click("Send feedback"); // only spaces: the browser sends it, the service finds nothing said
            b.screenshot("empty");
            assertEquals("How was it?", b.heading());
            assertTrue(b.text().contains("Write a comment first."), b.text());
            assertEquals(List.of("Send feedback"), b.buttons(), "the form again");

            String markup = "<b>bold</b> <script>document.title='owned'</script><img src=x onerror=alert(1)>";
            type(b, markup);
            b.click("Send feedback");
            b.screenshot("markup");
            assertEquals("Thank you", b.heading(), b.text());
            WebElement said = b.driver().findElement(By.tagName("blockquote"));
            assertEquals(markup, said.getText(), "shown exactly as typed");
            assertTrue(said.findElements(By.xpath(".//*")).isEmpty(),
                    "no element was made from it: " + said.getAttribute("innerHTML"));
            assertFalse(b.driver().getTitle().contains("owned"), "no script ran: " + b.driver().getTitle());
        }
    }

    @Test
    void an_unknown_form_is_a_page_saying_so() throws Exception {
        try (Browser b = Browser.open("feedback-unknown")) {
            b.go(DEMO.suite().ingressUrl() + "/support-rating/v1/feedback/no-such-form-0000000000000000000000000000");
            b.screenshot("unknown");
            assertEquals("Feedback form not found", b.heading());
            assertEquals(List.of(), b.buttons());
        }
    }
}
