package org.evcharging.bpp.support.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.evcharging.bpp.support.application.feedback.Feedback;
import org.junit.jupiter.api.Test;

class FeedbackPageTest {

    private static final String TOKEN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456";
    private static final String ACTION = Feedback.PATH + "/" + TOKEN;

    private static Feedback.View view(String comment, boolean open) {
        return new Feedback.View(TOKEN,
                List.of(new Feedback.Line("charger cz-mg-1-ccs2 of order o-1 (chargezone.in)", 4)),
                comment, comment == null ? null : Instant.parse("2026-01-01T10:00:00Z"), open);
    }

    @Test
    void the_form_shows_what_was_rated_a_comment_box_and_a_button() {
        String html = FeedbackPage.form("EV charging", ACTION, view(null, true), null, null);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("charger cz-mg-1-ccs2 of order o-1 (chargezone.in)"));
        assertTrue(html.contains("\u2605\u2605\u2605\u2605\u2606"));
        assertTrue(html.contains("<form method=\"post\" action=\"" + ACTION + "\">"));
        assertTrue(html.contains("<textarea id=\"comment\" name=\"comment\""));
        assertTrue(html.contains("maxlength=\"2000\""));
        assertTrue(html.contains("<button type=\"submit\">"));
    }

    @Test
    void everything_from_data_is_escaped() {
        String evil = "<script>alert('x')</script> & \"quotes\"";
        Feedback.View v = new Feedback.View(TOKEN, List.of(new Feedback.Line(evil, 1)), evil,
                Instant.parse("2026-01-01T10:00:00Z"), true);
        for (String html : List.of(FeedbackPage.form("site <b>", ACTION, v, null, evil),
                FeedbackPage.thanks("s", ACTION, v),
                FeedbackPage.form("s", ACTION, new Feedback.View(TOKEN, v.rated(), evil, v.submittedAt(), false), null,
                        null),
                FeedbackPage.message("s", evil, evil))) {
            assertFalse(html.contains("<script>"), html);
            assertFalse(html.contains("<b>"), html);
            assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"), html);
        }
        assertEquals("a&lt;b&gt;<br>\nc", FeedbackPage.escapeLines("a<b>\nc"));
    }

    @Test
    void a_sent_comment_is_shown_and_may_be_changed_a_closed_form_takes_none() {
        String sent = FeedbackPage.form("s", ACTION, view("Great charger", true), null, null);
        assertTrue(sent.contains("You sent your comment on 2026-01-01 10:00 UTC"));
        assertTrue(sent.contains(">Great charger</textarea>"));
        String closed = FeedbackPage.form("s", ACTION, view("Great charger", false), null, null);
        assertFalse(closed.contains("<form"));
        assertTrue(closed.contains("closed"));
        assertTrue(closed.contains("Great charger"));
        String thanks = FeedbackPage.thanks("s", ACTION, view("Great charger", true));
        assertTrue(thanks.contains("Thank you"));
        assertTrue(thanks.contains("href=\"" + ACTION + "\""));
    }

    @Test
    void stars() {
        assertEquals("\u2605\u2606\u2606\u2606\u2606", FeedbackPage.stars(1));
        assertEquals("\u2605\u2605\u2605\u2605\u2605", FeedbackPage.stars(5));
    }
}
