package org.evcharging.bpp.support.domain;

import org.evcharging.bpp.core.rest.PageTokens;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.evcharging.bpp.core.persistence.BecknReferences;
import org.junit.jupiter.api.Test;

class FeedbackFormTest {

    private static final String TOKEN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456";

    @Test
    void tokens_are_long_random_and_url_safe() {
        PageTokens tokens = PageTokens.secure();
        String a = tokens.next();
        assertEquals(43, a.length());
        assertTrue(PageTokens.wellFormed(a));
        assertNotEquals(a, tokens.next());
        assertEquals(new PageTokens(new Random(1)).next(), new PageTokens(new Random(1)).next());
        assertFalse(PageTokens.wellFormed("../../etc/passwd"));
        assertFalse(PageTokens.wellFormed(a + "x"));
        assertFalse(PageTokens.wellFormed(null));
    }

    @Test
    void a_provider_reads_a_comment_only_when_the_message_rated_nobody_else() {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        FeedbackForm mine = new FeedbackForm(TOKEN, BecknReferences.of("bap", "txn", "msg"),
                List.of(new FeedbackSubject(RatingCategory.ORDER, "o-1", 5, "cz", "order o-1 (cz)")), now,
                Duration.ofDays(30));
        mine.comment("Smooth", now);
        assertEquals("Smooth", mine.commentFor("cz"));
        assertEquals("Smooth", mine.commentFor(null), "the operator reads everything");
        FeedbackForm shared = new FeedbackForm(TOKEN, BecknReferences.of("bap", "txn", "msg2"),
                List.of(new FeedbackSubject(RatingCategory.PROVIDER, "cz", 5, "cz", "Chargezone"),
                        new FeedbackSubject(RatingCategory.PROVIDER, "log9", 1, "log9", "Log9")),
                now, Duration.ofDays(30));
        shared.comment("Log9's station was closed", now);
        assertEquals(null, shared.commentFor("cz"), "may be about the other provider");
        assertEquals("Log9's station was closed", shared.commentFor(null));
    }
}
