package org.evcharging.bpp.quote.beckn;

import static org.evcharging.bpp.core.model.BecknValues.decimal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.evcharging.bpp.quote.domain.pricing.Quote;
import org.evcharging.bpp.quote.domain.pricing.Settlement;

/**
 * A quote's lines as a Beckn quote {@code breakup}, one item per line: the on_select quote and the final bill of a
 * session are written by the same method, so they have the same shape. Reading one back is for quotes stored before
 * their priced lines were kept: it recovers all a bill needs except whether a discount was a percent or an amount.
 */
public final class QuoteBreakup {

    /** What QuoteCalculator puts at the end of a tax's title: "CGST 9%". */
    private static final Pattern TAX_PERCENT = Pattern.compile(" (\\d+(?:\\.\\d+)?)%$");

    private QuoteBreakup() {
    }

    /**
     * Adds one breakup item per line of {@code quote} to {@code breakup}: title, item (the catalog item's id on the
     * energy line, the add-on's id on an add-on) with descriptor name and code, the energy line's quantity and unit
     * price, and the line's price.
     */
    public static ArrayNode write(ArrayNode breakup, Quote quote, String itemId) {
        for (Quote.Line line : quote.lines()) {
            ObjectNode b = breakup.addObject();
            b.put("title", line.name());
            ObjectNode bi = b.putObject("item");
            if (line.kind() == Quote.Kind.ENERGY) {
                bi.put("id", itemId);
            } else if (line.ref() != null && line.kind() == Quote.Kind.ADD_ON) {
                bi.put("id", line.ref());
            }
            bi.putObject("descriptor").put("name", line.name()).put("code", code(line));
            if (line.quantity() != null && line.kind() == Quote.Kind.ENERGY) {
                bi.putObject("quantity").putObject("selected").putObject("measure")
                        .put("value", decimal(line.quantity())).put("unit", line.unit());
                bi.putObject("price").put("value", decimal(line.unitPrice())).put("currency", quote.currency());
            }
            b.putObject("price").put("value", line.amount().toPlainString()).put("currency", quote.currency());
        }
        return breakup;
    }

    /**
     * The lines of a stored on_select quote ({@code {price, breakup}}) as far as the breakup tells them: a tax's
     * percent from its title, a discount without its percent or amount ({@code basis} null) and without its id.
     */
    public static Quote read(JsonNode quote) {
        String currency = quote.path("price").path("currency").asText();
        List<Quote.Line> lines = new ArrayList<>();
        for (JsonNode b : quote.path("breakup")) {
            JsonNode item = b.path("item");
            Quote.Kind kind = kind(item.path("descriptor").path("code").asText());
            String title = b.path("title").asText();
            BigDecimal amount = new BigDecimal(b.path("price").path("value").asText());
            lines.add(switch (kind) {
                case ENERGY -> {
                    JsonNode measure = item.path("quantity").path("selected").path("measure");
                    yield new Quote.Line(kind, null, title, new BigDecimal(measure.path("value").asText()),
                            measure.path("unit").asText(), new BigDecimal(item.path("price").path("value").asText()),
                            null,
                            amount);
                }
                case ADD_ON -> new Quote.Line(kind, item.path("id").asText(null), title, BigDecimal.ONE, null, amount,
                        null, amount);
                case TAX -> {
                    Matcher m = TAX_PERCENT.matcher(title);
                    yield m.find()
                            ? new Quote.Line(kind, null, title, null, null, new BigDecimal(m.group(1)),
                                    Quote.Basis.PERCENT, amount)
                            : new Quote.Line(kind, null, title, null, null, null, null, amount);
                }
                case RESERVATION, DISCOUNT -> new Quote.Line(kind, null, title, null, null, null, null, amount);
            });
        }
        return new Quote(currency, List.copyOf(lines), new BigDecimal(quote.path("price").path("value").asText()));
    }

    /** The line's {@code item.descriptor.code}: energy, battery-swap, reservation, add-on, discount, tax. */
    static String code(Quote.Line line) {
        if (line.kind() == Quote.Kind.ENERGY && Settlement.isSwap(line)) {
            return BATTERY_SWAP;
        }
        return line.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Quote.Kind kind(String code) {
        return BATTERY_SWAP.equals(code) ? Quote.Kind.ENERGY
                : Quote.Kind.valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** The code of a swap bill's line of swaps (a charging bill's is {@code energy}). */
    public static final String BATTERY_SWAP = "battery-swap";
}
