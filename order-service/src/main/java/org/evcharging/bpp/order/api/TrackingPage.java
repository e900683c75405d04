package org.evcharging.bpp.order.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.evcharging.bpp.core.rest.Html;
import org.evcharging.bpp.order.application.tracking.Tracking;

/**
 * The tracking page a {@code on_track} links to, written by hand: the session's state, energy, state of charge, cost
 * so far, provider, charger and when it was last updated, then "tracking ended" once the order is over. The same
 * texts ({@link #texts}) are in the page and in the JSON its script fetches every few seconds, so both always say the
 * same thing. Nothing personal: the page is public to whoever has its link.
 */
final class TrackingPage {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    static final String NOT_KNOWN = "—";

    private TrackingPage() {
    }

    /** Each figure as shown, by the id of its element on the page. */
    static Map<String, String> texts(Tracking.View v, ZoneOffset zone) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("state", v.stateName());
        if (v.swap()) {
            t.put("energy", v.bookedQuantity().stripTrailingZeros().toPlainString() + " battery swap(s) booked");
        } else {
            t.put("energy", kwh(v.energyKwh()) + " of " + kwh(v.bookedQuantity()) + " booked");
        }
        t.put("soc", v.socPercent() == null ? NOT_KNOWN + " (not reported by the charger)" : v.socPercent() + " %");
        t.put("cost-label", !v.ended() ? "Cost so far" : v.state().equals("cancelled") ? "Charged" : "Final cost");
        t.put("cost", money(v.costSoFar(), v.currency()));
        t.put("prepaid", money(v.prepaid(), v.currency()));
        t.put("provider", v.provider());
        t.put("charger", v.charger() == null ? NOT_KNOWN : v.charger());
        t.put("updated", v.updatedAt() == null ? NOT_KNOWN
                : CLOCK.format(v.updatedAt().atOffset(zone)) + " (UTC" + zone.getId().replace("Z", "+00:00") + ")");
        t.put("ended", "Tracking ended: " + (v.state().equals("cancelled") ? "the order was cancelled."
                : "the session is over.") + " This page will not change any more.");
        return t;
    }

    static String page(Tracking.View v, ZoneOffset zone) {
        Map<String, String> t = texts(v, zone);
        String title = v.swap() ? "Battery swap" : "Charging session";
        StringBuilder b = new StringBuilder(2048);
        b.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"robots\" content=\"noindex\">");
        if (!v.ended()) {
            // without scripts, the page is reloaded instead
            b.append("<noscript><meta http-equiv=\"refresh\" content=\"10\"></noscript>");
        }
        b.append("<title>").append(title).append("</title></head>\n")
                .append("<body data-state=\"").append(Html.escape(v.state())).append("\" data-ended=\"")
                .append(v.ended()).append("\" style=\"font-family: sans-serif; max-width: 32em; margin: 2em auto\">\n")
                .append("<h1>").append(title).append("</h1>\n")
                .append("<p id=\"ended\"").append(v.ended() ? "" : " hidden").append("><strong>")
                .append(Html.escape(t.get("ended"))).append("</strong></p>\n<dl>\n");
        row(b, "State", "state", t);
        row(b, v.swap() ? "Booked" : "Energy delivered", "energy", t);
        if (!v.swap()) {
            row(b, "Vehicle state of charge", "soc", t);
        }
        b.append("<dt id=\"cost-label\">").append(Html.escape(t.get("cost-label"))).append("</dt><dd id=\"cost\">")
                .append(Html.escape(t.get("cost"))).append("</dd>\n");
        row(b, "Paid in advance", "prepaid", t);
        row(b, "Provider", "provider", t);
        row(b, v.swap() ? "Swap station" : "Charger", "charger", t);
        row(b, "Last update", "updated", t);
        b.append("</dl>\n<p id=\"live\"").append(v.ended() ? " hidden" : "")
                .append(">This page updates by itself every few seconds.</p>\n")
                .append("<script type=\"module\" src=\"track.js\"></script>\n</body></html>\n");
        return b.toString();
    }

    static String notFound() {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\">"
                + "<title>Not found</title></head>\n<body style=\"font-family: sans-serif; max-width: 32em; margin: 2em auto\">\n"
                + "<h1>Not found</h1>\n<p>There is no tracking page at this address. Check the link you were given.</p>\n"
                + "</body></html>\n";
    }

    private static void row(StringBuilder b, String label, String id, Map<String, String> t) {
        b.append("<dt>").append(label).append("</dt><dd id=\"").append(id).append("\">")
                .append(Html.escape(t.get(id))).append("</dd>\n");
    }

    private static String kwh(BigDecimal v) {
        return v == null ? NOT_KNOWN : v.setScale(3, RoundingMode.HALF_UP).toPlainString() + " kWh";
    }

    private static String money(BigDecimal v, String currency) {
        return v == null ? NOT_KNOWN : v.setScale(2, RoundingMode.HALF_UP).toPlainString() + " " + currency;
    }
}
