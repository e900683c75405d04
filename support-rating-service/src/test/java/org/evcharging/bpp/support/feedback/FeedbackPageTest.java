package org.evcharging.bpp.support.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.evcharging.bpp.support.domain.RatingCategory;
import org.junit.jupiter.api.Test;

class FeedbackPageTest {

    private static final String TOKEN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456";
    private static final String ACTION = FeedbackResource.PATH + "/" + TOKEN;

    private static FeedbackPage.View view(String comment, boolean open) {
        return new FeedbackPage.View(TOKEN, List.of(new FeedbackPage.Line("charger cz-mg-1-ccs2 of order o-1 (chargezone.in)", 4)),
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
        FeedbackPage.View v = new FeedbackPage.View(TOKEN, List.of(new FeedbackPage.Line(evil, 1)), evil,
                Instant.parse("2026-01-01T10:00:00Z"), true);
        for (String html : List.of(FeedbackPage.form("site <b>", ACTION, v, null, evil), FeedbackPage.thanks("s", ACTION, v),
                FeedbackPage.form("s", ACTION, new FeedbackPage.View(TOKEN, v.rated(), evil, v.submittedAt(), false), null, null),
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

    @Test
    void comments_are_cleaned_before_they_are_stored() {
        assertEquals("line one\nline two", Comments.clean("  line one\r\nline two\u0000\u0007 "));
        assertEquals("tab\there", Comments.clean("tab\there"));
        assertEquals("emoji \uD83D\uDE00 kept, lone surrogate dropped", Comments.clean("emoji \uD83D\uDE00 kept, lone surrogate\uD800 dropped"));
        assertEquals("<b>kept as typed</b>", Comments.clean("<b>kept as typed</b>"));
        assertEquals("", Comments.clean(null));
        assertEquals("", Comments.clean(" \n\t "));
    }

    @Test
    void tokens_are_long_random_and_url_safe() {
        FeedbackTokens tokens = FeedbackTokens.secure();
        String a = tokens.next();
        assertEquals(43, a.length());
        assertTrue(FeedbackTokens.wellFormed(a));
        assertNotEquals(a, tokens.next());
        assertEquals(new FeedbackTokens(new Random(1)).next(), new FeedbackTokens(new Random(1)).next());
        assertFalse(FeedbackTokens.wellFormed("../../etc/passwd"));
        assertFalse(FeedbackTokens.wellFormed(a + "x"));
        assertFalse(FeedbackTokens.wellFormed(null));
    }

    @Test
    void a_form_takes_a_comment_while_open() {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        FeedbackForm f = new FeedbackForm(TOKEN, "bap", "txn", "msg",
                List.of(new FeedbackSubject(RatingCategory.ORDER, "o-1", 5, "cz", "order o-1 (cz)")), now, Duration.ofDays(30));
        f.comment("Smooth", now.plusSeconds(60));
        f.comment("Smooth, and quick", now.plusSeconds(120));
        assertEquals("Smooth, and quick", f.comment());
        assertThrows(IllegalArgumentException.class, () -> f.comment("x".repeat(2001), now));
        assertThrows(IllegalStateException.class, () -> f.comment("late", now.plus(Duration.ofDays(31))));
        FeedbackPage.View v = Feedback.viewOf(f, now);
        assertEquals(List.of(new FeedbackPage.Line("order o-1 (cz)", 5)), v.rated());
        assertTrue(v.open());
    }

    @Test
    void a_provider_reads_a_comment_only_when_the_message_rated_nobody_else() {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        FeedbackForm mine = new FeedbackForm(TOKEN, "bap", "txn", "msg",
                List.of(new FeedbackSubject(RatingCategory.ORDER, "o-1", 5, "cz", "order o-1 (cz)")), now, Duration.ofDays(30));
        mine.comment("Smooth", now);
        assertEquals("Smooth", mine.commentFor("cz"));
        assertEquals("Smooth", mine.commentFor(null), "the operator reads everything");
        FeedbackForm shared = new FeedbackForm(TOKEN, "bap", "txn", "msg2",
                List.of(new FeedbackSubject(RatingCategory.PROVIDER, "cz", 5, "cz", "Chargezone"),
                        new FeedbackSubject(RatingCategory.PROVIDER, "log9", 1, "log9", "Log9")), now, Duration.ofDays(30));
        shared.comment("Log9's station was closed", now);
        assertEquals(null, shared.commentFor("cz"), "may be about the other provider");
        assertEquals("Log9's station was closed", shared.commentFor(null));
    }
}
