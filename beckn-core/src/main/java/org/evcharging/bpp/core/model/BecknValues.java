package org.evcharging.bpp.core.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How values are written into Beckn messages, once for every service: decimals as 1.1.0 {@code DecimalValue}
 * strings, times as RFC 3339 with seconds, and tags as {@code {descriptor: {name, code}, value}}.
 */
public final class BecknValues {

    /** RFC 3339 always with seconds; {@code OffsetDateTime.toString()} drops zero seconds, which RFC 3339 forbids. */
    public static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX",
            Locale.ROOT);

    private BecknValues() {
    }

    /** A decimal without trailing zeros or exponent: {@code 18.50} → {@code "18.5"}, {@code 1E+3} → {@code "1000"}. */
    public static String decimal(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    /** Adds a tag to a tag group's list; a null value adds nothing. */
    public static void tag(ArrayNode list, String name, String code, String value) {
        if (value == null) {
            return;
        }
        ObjectNode t = list.addObject();
        t.putObject("descriptor").put("name", name).put("code", code);
        t.put("value", value);
    }
}
