package org.evcharging.bpp.core.rest;

/** For the few pages people open (payment page, feedback form): text made safe to put in HTML. */
public final class Html {

    private Html() {
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
