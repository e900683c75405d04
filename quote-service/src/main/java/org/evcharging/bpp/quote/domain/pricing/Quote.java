package org.evcharging.bpp.quote.domain.pricing;

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

    /** What the {@code unitPrice} of a discount or tax line is: a percent of what it applies to, or an amount. */
    public enum Basis {
        PERCENT, AMOUNT
    }

    /**
     * One line; {@code quantity} and {@code unit} for the energy line, {@code ref} the add-on or discount id. A
     * discount or tax line keeps its percent or amount in {@code unitPrice} and says which in {@code basis}, so that
     * the final bill can apply it again to what was delivered; {@code basis} is null for the other lines, and for a
     * discount of a quote stored before it was kept.
     */
    public record Line(Kind kind, String ref, String name, BigDecimal quantity, String unit, BigDecimal unitPrice,
            Basis basis, BigDecimal amount) {
    }
}
