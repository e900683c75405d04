package org.evcharging.bpp.support.application.support;

import java.util.regex.Pattern;

/**
 * Where a user gets help: a phone, an email and a helpdesk URL. A provider's own contacts (from the catalog) come
 * first; each one it lacks is taken from the platform's ({@code support.platform.*}). Core 1.1.0's {@code phone}
 * format is international ({@code +} and 7 to 15 digits, single spaces allowed): a national number such as the
 * document's {@code 1800 1080} gets the network's country code ({@link #INDIA}: {@code +91 1800 1080}), brackets,
 * dashes and dots are dropped. A value that still would not pass the schema ({@code phone}, {@code email},
 * {@code uri}) is left out rather than break the answer.
 */
public record SupportContacts(String phone, String email, String url) {

    /** The DENT network's home, for national phone numbers. */
    public static final String INDIA = "91";

    /** What networknt asserts for {@code format: phone}, the Beckn schema's. */
    static final Pattern PHONE = Pattern.compile("^\\+(?:[0-9] ?){6,14}[0-9]$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s\"<>]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,}$");
    private static final Pattern URL = Pattern.compile("^https?://[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]{1,490}$");

    public static final SupportContacts NONE = new SupportContacts(null, null, null);

    /** Keeps only usable values; blank or malformed ones become null. */
    public static SupportContacts of(String phone, String email, String url) {
        return new SupportContacts(phone(phone, INDIA), usable(email, EMAIL), usable(url, URL));
    }

    /** A phone number in the schema's international form, or null when it cannot be one. */
    static String phone(String raw, String countryCode) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String p = raw.trim().replaceAll("[()\\-.]", " ").replaceAll("\\s+", " ").trim();
        if (p.startsWith("00")) {
            p = "+" + p.substring(2).trim();
        } else if (!p.startsWith("+")) {
            p = "+" + countryCode + " " + (p.startsWith("0") ? p.substring(1).trim() : p);
        }
        p = p.replaceFirst("^\\+ ", "+");
        return PHONE.matcher(p).matches() ? p : null;
    }

    public boolean isEmpty() {
        return phone == null && email == null && url == null;
    }

    /** This provider's contacts, each missing one from {@code fallback}. */
    public SupportContacts orElse(SupportContacts fallback) {
        return new SupportContacts(phone != null ? phone : fallback.phone, email != null ? email : fallback.email,
                url != null ? url : fallback.url);
    }

    private static String usable(String value, Pattern format) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        return format.matcher(v).matches() ? v : null;
    }
}
