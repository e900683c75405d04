package org.evcharging.bpp.quote.pricing;

import java.math.BigDecimal;
import java.util.List;

/**
 * A priced order: its lines in the order a bill shows them (energy, block fee, add-ons, discounts as negative
 * amounts, tax) and a total that is exactly their sum. Every amount has the currency's two decimals.
 */
public record Quote(String currency, List<Line> lines, BigDecimal total) {

    public enum Kind {
        ENERGY, RESERVATION, ADD_ON, DISCOUNT, TAX
    }

    /** One line; {@code quantity} and {@code unit} for the energy line, {@code ref} the add-on or discount id. */
    public record Line(Kind kind, String ref, String name, BigDecimal quantity, String unit, BigDecimal unitPrice,
                       BigDecimal amount) {
    }
}
