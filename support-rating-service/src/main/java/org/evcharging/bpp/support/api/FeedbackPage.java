package org.evcharging.bpp.support.api;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.evcharging.bpp.core.rest.Html;
import org.evcharging.bpp.support.application.feedback.Feedback.Line;
import org.evcharging.bpp.support.application.feedback.Feedback.View;
import org.evcharging.bpp.support.domain.FeedbackForm;

/**
 * The feedback form a rating's {@code on_rating} links to, written by hand: what was rated (with stars), a comment
 * box and a submit button; the thank-you page; and the pages for a closed or unknown form. Everything that comes
 * from data (ids, descriptions, the comment itself) is escaped, so nothing a BAP or a user sends can inject markup.
 */
public final class FeedbackPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private FeedbackPage() {
    }

    /**
     * The form (or, once closed, what was rated and the comment given).
     *
     * @param action where the form posts (the page's own path)
     * @param draft  text to put back in the box (a refused submission), or null for the stored comment
     * @param notice an optional line above the form ("Write a comment first.")
     */
    public static String form(String site, String action, View v, String draft, String notice) {
        StringBuilder body = new StringBuilder();
        if (notice != null) {
            body.append("<p class=\"notice\" role=\"alert\">").append(escape(notice)).append("</p>\n");
        }
        rated(body, v.rated());
        if (!v.open()) {
            body.append("<p>This feedback form is closed and takes no more comments.</p>\n");
            if (v.comment() != null) {
                body.append("<h2>Your comment</h2>\n<blockquote>").append(escapeLines(v.comment()))
                        .append("</blockquote>\n");
            }
            return document(site, "Feedback closed", body.toString());
        }
        if (v.submittedAt() != null && notice == null) {
            body.append("<p>You sent your comment on ")
                    .append(escape(TIME.format(v.submittedAt().truncatedTo(ChronoUnit.MINUTES))))
                    .append(". You may change it.</p>\n");
        }
        String text = draft != null ? draft : v.comment();
        body.append("<form method=\"post\" action=\"").append(escape(action)).append("\">\n")
                .append("<label for=\"comment\">Tell us more: what went well, what could be better</label>\n")
                .append("<textarea id=\"comment\" name=\"comment\" rows=\"6\" maxlength=\"")
                .append(FeedbackForm.COMMENT_LENGTH)
                .append("\" required>").append(escape(text)).append("</textarea>\n")
                .append("<p class=\"hint\">At most ").append(FeedbackForm.COMMENT_LENGTH).append(" characters.</p>\n")
                .append("<button type=\"submit\">Send feedback</button>\n")
                .append("</form>\n");
        return document(site, "How was it?", body.toString());
    }

    /** After a comment was stored. */
    public static String thanks(String site, String action, View v) {
        StringBuilder body = new StringBuilder();
        body.append("<p>Your feedback was saved. Thank you!</p>\n");
        rated(body, v.rated());
        body.append("<h2>Your comment</h2>\n<blockquote>").append(escapeLines(v.comment())).append("</blockquote>\n");
        body.append("<p><a href=\"").append(escape(action)).append("\">Change your comment</a></p>\n");
        return document(site, "Thank you", body.toString());
    }

    /** A page with a title and one paragraph (unknown form, bad request). */
    public static String message(String site, String title, String text) {
        return document(site, title, "<p>" + escape(text) + "</p>\n");
    }

    /** "★★★★☆" and the number, for a value from 1 to 5. */
    static String stars(int value) {
        int v = Math.max(0, Math.min(5, value));
        return "\u2605".repeat(v) + "\u2606".repeat(5 - v);
    }

    /** HTML-escapes text for element content and attribute values (the one escaping of beckn-core). */
    public static String escape(String text) {
        return Html.escape(text);
    }

    /** Escaped, with the user's line breaks kept. */
    static String escapeLines(String text) {
        return escape(text).replace("\n", "<br>\n");
    }

    private static void rated(StringBuilder b, List<Line> rated) {
        b.append("<h2>You rated</h2>\n<ul class=\"rated\">\n");
        for (Line l : rated) {
            b.append("<li><span class=\"what\">").append(escape(l.description())).append("</span> ")
                    .append("<span class=\"stars\" aria-label=\"").append(l.value()).append(" out of 5\">")
                    .append(stars(l.value())).append("</span></li>\n");
        }
        b.append("</ul>\n");
    }

    private static String document(String site, String heading, String body) {
        return "<!DOCTYPE html>\n"
                + "<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(heading) + " \u2013 " + escape(site) + "</title>\n"
                + "<style>body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;padding:2rem}"
                + "main{max-width:32rem;margin:auto;background:#fff;border-radius:8px;padding:1.5rem 2rem;"
                + "box-shadow:0 1px 4px rgba(0,0,0,.1)}.site{color:#555;margin:0}h1{font-size:1.4rem}h2{font-size:1.05rem}"
                + "ul.rated{padding-left:1.2rem}.stars{color:#e0a800;white-space:nowrap}"
                + "label{display:block;margin:.8rem 0 .3rem}textarea{width:100%;box-sizing:border-box;font:inherit}"
                + ".hint{color:#777;font-size:.85rem}blockquote{margin:0;padding:.5rem .8rem;background:#f4f5f7;border-radius:4px}"
                + "button{font-size:1rem;padding:.6rem 1.2rem;border-radius:6px;border:1px solid #0a7d3b;"
                + "background:#0a7d3b;color:#fff;cursor:pointer}.notice{background:#fff4d6;padding:.5rem}</style>\n"
                + "</head>\n<body>\n<main>\n"
                + "<p class=\"site\">" + escape(site) + "</p>\n"
                + "<h1>" + escape(heading) + "</h1>\n"
                + body
                + "</main>\n</body>\n</html>\n";
    }
}
