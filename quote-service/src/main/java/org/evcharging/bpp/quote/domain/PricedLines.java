package org.evcharging.bpp.quote.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.evcharging.bpp.quote.domain.pricing.Quote;

/**
 * A quote's priced lines as stored with it ({@link StoredQuote#pricedLines()}): everything the final bill needs to
 * price the quote again, including what the Beckn breakup leaves out (a discount's percent or amount, a tax's
 * percent, the add-on and discount ids). Decimals are kept as strings, exactly as priced.
 */
public final class PricedLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PricedLines() {
    }

    public static String encode(List<Quote.Line> lines) {
        ArrayNode out = JSON.createArrayNode();
        for (Quote.Line l : lines) {
            ObjectNode o = out.addObject();
            o.put("kind", l.kind().name());
            o.put("ref", l.ref());
            o.put("name", l.name());
            o.put("quantity", plain(l.quantity()));
            o.put("unit", l.unit());
            o.put("unitPrice", plain(l.unitPrice()));
            o.put("basis", l.basis() == null ? null : l.basis().name());
            o.put("amount", plain(l.amount()));
        }
        return out.toString();
    }

    public static List<Quote.Line> decode(String json) {
        JsonNode in;
        try {
            in = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("stored priced lines are not JSON", e);
        }
        List<Quote.Line> lines = new ArrayList<>();
        for (JsonNode o : in) {
            lines.add(new Quote.Line(Quote.Kind.valueOf(o.path("kind").asText()), o.path("ref").asText(null),
                    o.path("name").asText(null), decimal(o.path("quantity")), o.path("unit").asText(null),
                    decimal(o.path("unitPrice")),
                    o.path("basis").isTextual() ? Quote.Basis.valueOf(o.path("basis").asText()) : null,
                    decimal(o.path("amount"))));
        }
        return List.copyOf(lines);
    }

    private static String plain(BigDecimal d) {
        return d == null ? null : d.toPlainString();
    }

    private static BigDecimal decimal(JsonNode n) {
        return n.isTextual() ? new BigDecimal(n.asText()) : null;
    }
}
