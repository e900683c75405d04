package org.evcharging.bpp.core.rest;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Locale;

/**
 * For the few pages people open (payment page, feedback form): text made safe to put in HTML, the headers every such
 * page carries, and the check that a form was sent from our own page.
 */
public final class Html {

    public static final String TYPE = "text/html; charset=UTF-8";

    private Html() {
    }

    /**
     * A page: never cached, no referrer sent on (the page's URL is its key), no script, no framing, forms posted only
     * back to us.
     */
    public static Response page(int status, String html) {
        return Response.status(status).type(TYPE).entity(html)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /**
     * Was a form POST sent from another site? A browser says where a navigation comes from in {@code Sec-Fetch-Site}
     * (Chrome 76, Firefox 90, Safari 16.4 and later), which a page's script cannot set: {@code same-origin} or
     * {@code none} (typed, bookmarked) is ours, anything else is not. Our pages send no referrer, so such a browser's
     * {@code Origin} on their forms is {@code null} and is not looked at. A browser without {@code Sec-Fetch-Site} is
     * held to its {@code Origin}, which must be {@code publicUrl}'s ({@code null} is refused). A request with neither
     * (a script, curl) is not a browser's and is not refused here.
     */
    public static boolean crossSite(String origin, String fetchSite, String publicUrl) {
        if (fetchSite != null && !fetchSite.isBlank()) {
            String site = fetchSite.trim().toLowerCase(Locale.ROOT);
            return !site.equals("same-origin") && !site.equals("none");
        }
        if (origin == null || origin.isBlank()) {
            return false;
        }
        String ours = origin(publicUrl);
        return ours == null || !ours.equals(origin(origin.trim()));
    }

    /** {@code scheme://host[:port]} of a URL, lower case, the scheme's default port left out; null if it has none. */
    static String origin(String url) {
        try {
            URI u = new URI(url);
            if (u.getScheme() == null || u.getHost() == null) {
                return null;
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort();
            boolean defaultPort = port == -1 || port == 80 && scheme.equals("http")
                    || port == 443 && scheme.equals("https");
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** HTML-escapes text for element content and double- or single-quoted attribute values; null is empty. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
