package org.evcharging.bpp.support.application.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.evcharging.bpp.core.persistence.BecknReferences;
import org.evcharging.bpp.support.domain.FeedbackForm;
import org.evcharging.bpp.support.domain.FeedbackSubject;
import org.evcharging.bpp.support.domain.RatingCategory;
import org.junit.jupiter.api.Test;

class FeedbackTest {

    private static final String TOKEN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456";

    @Test
    void comments_are_cleaned_before_they_are_stored() {
        assertEquals("line one\nline two", Comments.clean("  line one\r\nline two\u0000\u0007 "));
        assertEquals("tab\there", Comments.clean("tab\there"));
        assertEquals("emoji \uD83D\uDE00 kept, lone surrogate dropped",
                Comments.clean("emoji \uD83D\uDE00 kept, lone surrogate\uD800 dropped"));
        assertEquals("<b>kept as typed</b>", Comments.clean("<b>kept as typed</b>"));
        assertEquals("", Comments.clean(null));
        assertEquals("", Comments.clean(" \n\t "));
    }

    @Test
    void a_form_takes_a_comment_while_open() {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        FeedbackForm f = new FeedbackForm(TOKEN, BecknReferences.of("bap", "txn", "msg"),
                List.of(new FeedbackSubject(RatingCategory.ORDER, "o-1", 5, "cz", "order o-1 (cz)")), now,
                Duration.ofDays(30));
        f.comment("Smooth", now.plusSeconds(60));
        f.comment("Smooth, and quick", now.plusSeconds(120));
        assertEquals("Smooth, and quick", f.comment());
        assertThrows(IllegalArgumentException.class, () -> f.comment("x".repeat(2001), now));
        assertThrows(IllegalStateException.class, () -> f.comment("late", now.plus(Duration.ofDays(31))));
        Feedback.View v = Feedback.viewOf(f, now);
        assertEquals(List.of(new Feedback.Line("order o-1 (cz)", 5)), v.rated());
        assertTrue(v.open());
    }
}
