package org.evcharging.bpp.payment.api.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.evcharging.bpp.payment.domain.LinkStatus;
import org.evcharging.bpp.payment.domain.Money;
import org.evcharging.bpp.payment.domain.PaymentLink;
import org.evcharging.bpp.payment.infrastructure.gateway.sandbox.SandboxGateway;
import org.evcharging.bpp.core.rest.Html;

/**
 * The sandbox checkout page, written by hand: what is paid, to whom, for which order, and either the buttons (while
 * the link is payable), a receipt (paid) or why it cannot be paid (expired, cancelled). Everything that comes from
 * data is escaped, so a description or order reference cannot inject markup.
 */
public final class HostedPage {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** What the page shows of a link, at one instant. */
    public record View(String paymentId, String orderRef, String description, BigDecimal amount, String currency,
            LinkStatus status, String gatewayRef, Instant paidAt, Instant expiresAt) {

        public static View of(PaymentLink link, Instant now) {
            return new View(link.id(), link.orderRef(), link.description(), link.amount(), link.currency(),
                    link.statusAt(now), link.gatewayRef(), link.paidAt(), link.expiresAt());
        }

        boolean payable() {
            return status == LinkStatus.NOT_PAID || status == LinkStatus.FAILED;
        }
    }

    private HostedPage() {
    }

    /**
     * The page of a link.
     *
     * @param notice an optional line above the details ("This link was already paid.")
     */
    public static String link(String merchant, View v, String notice) {
        String amount = Money.display(v.amount(), v.currency());
        String heading = switch (v.status()) {
            case NOT_PAID -> "Pay " + amount;
            case FAILED -> "Payment declined";
            case PAID -> "Paid";
            case EXPIRED -> "This payment link has expired";
            case CANCELLED -> "This payment link was cancelled";
        };
        StringBuilder body = new StringBuilder();
        if (notice != null) {
            body.append("<p class=\"notice\">").append(escape(notice)).append("</p>\n");
        }
        if (v.status() == LinkStatus.FAILED) {
            body.append("<p>The last attempt was declined. You may try again while the link is valid.</p>\n");
        }
        if (v.status() == LinkStatus.EXPIRED || v.status() == LinkStatus.CANCELLED) {
            body.append("<p>It can no longer be paid. Ask for a new payment link.</p>\n");
        }
        body.append("<dl>\n");
        row(body, "Order", v.orderRef());
        if (v.description() != null && !v.description().isBlank()) {
            row(body, "For", v.description());
        }
        row(body, "Amount", amount);
        row(body, "Status", v.status().wire());
        if (v.status() == LinkStatus.PAID) {
            if (v.paidAt() != null) {
                row(body, "Paid at", TIME.format(v.paidAt().truncatedTo(ChronoUnit.SECONDS)));
            }
            row(body, "Gateway ref", v.gatewayRef());
            row(body, "Payment id", v.paymentId());
        } else if (v.payable()) {
            row(body, "Valid until", TIME.format(v.expiresAt().truncatedTo(ChronoUnit.SECONDS)));
        }
        body.append("</dl>\n");
        if (v.payable()) {
            body.append("<form method=\"post\" action=\"")
                    .append(escape(SandboxGateway.PAGE_PATH + "/" + v.paymentId()))
                    .append("\">\n")
                    .append("<button type=\"submit\" name=\"outcome\" value=\"pay\" class=\"pay\">Pay ")
                    .append(escape(amount)).append("</button>\n")
                    .append("<button type=\"submit\" name=\"outcome\" value=\"decline\" class=\"decline\">Decline</button>\n")
                    .append("</form>\n");
        }
        return document(merchant, heading, body.toString());
    }

    /** A page with a title and one paragraph (unknown link, bad request, gateway trouble). */
    public static String message(String merchant, String title, String text) {
        return document(merchant, title, "<p>" + escape(text) + "</p>\n");
    }

    /** HTML-escapes text for element content and attribute values (the one escaping of beckn-core). */
    public static String escape(String text) {
        return Html.escape(text);
    }

    private static void row(StringBuilder b, String term, String value) {
        b.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(value)).append("</dd>\n");
    }

    private static String document(String merchant, String heading, String body) {
        return "<!DOCTYPE html>\n"
                + "<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + escape(heading) + " \u2013 " + escape(merchant) + "</title>\n"
                + "<style>body{font-family:system-ui,sans-serif;background:#f4f5f7;margin:0;padding:2rem}"
                + "main{max-width:28rem;margin:auto;background:#fff;border-radius:8px;padding:1.5rem 2rem;"
                + "box-shadow:0 1px 4px rgba(0,0,0,.1)}.merchant{color:#555;margin:0}h1{font-size:1.4rem}"
                + "dl{display:grid;grid-template-columns:auto 1fr;gap:.4rem 1rem}dt{color:#555}dd{margin:0}"
                + "button{font-size:1rem;padding:.6rem 1.2rem;margin:.3rem .3rem 0 0;border-radius:6px;border:1px solid #999;cursor:pointer}"
                + ".pay{background:#0a7d3b;color:#fff;border-color:#0a7d3b}.notice{background:#fff4d6;padding:.5rem}"
                + ".sandbox{color:#888;font-size:.8rem;margin-top:1.5rem}</style>\n"
                + "</head>\n<body>\n<main>\n"
                + "<p class=\"merchant\">" + escape(merchant) + "</p>\n"
                + "<h1>" + escape(heading) + "</h1>\n"
                + body
                + "<p class=\"sandbox\">Sandbox checkout: no real money moves.</p>\n"
                + "</main>\n</body>\n</html>\n";
    }
}
