package org.evcharging.bpp.quote.domain.pricing;

import static org.evcharging.bpp.quote.domain.pricing.QuoteCalculator.SCALE;
import static org.evcharging.bpp.quote.domain.pricing.QuoteCalculator.money;
import static org.evcharging.bpp.quote.domain.pricing.QuoteCalculator.percentOf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.evcharging.bpp.quote.domain.pricing.Quote.Basis;
import org.evcharging.bpp.quote.domain.pricing.Quote.Kind;
import org.evcharging.bpp.quote.domain.pricing.Quote.Line;

/**
 * The final bill of a session (or swap): the quote the user paid for, priced again for what was actually delivered.
 * Only the quote's own lines are used, never today's tariff, so a tariff changed during the session does not change
 * the bill. The arithmetic, pinned by its tests:
 * <ol>
 *   <li>energy = delivered × the quoted unit price; delivered may be anything from zero to the quoted quantity
 *       (whole numbers for swaps);</li>
 *   <li>the block fee and the add-ons stay as quoted: the charger was blocked and the add-ons given; unless the
 *       provider is at fault (a charger error, the provider's cancel): then both are waived;</li>
 *   <li>the quote's discounts are applied again, in their order, to the new energy + block fee as
 *       {@link QuoteCalculator} applies them: a percent of it, or an amount, together never more than it; one that
 *       comes to nothing is left out. A discount of a quote stored before its basis was kept ({@code basis} null)
 *       is scaled in proportion to energy + block fee instead, and still capped;</li>
 *   <li>each tax = its percent × (energy + block fee + add-ons − discounts); a tax without a known percent is
 *       scaled in proportion to that taxable amount;</li>
 *   <li>every line is rounded half-up to two decimals and the total is the sum of the rounded lines.</li>
 * </ol>
 * Delivering exactly the quoted quantity gives back the quoted lines and total.
 */
public final class Settlement {

    /** The title of the energy line of a charging bill (a swap bill keeps "Battery swaps"). */
    public static final String ENERGY_DELIVERED = "Energy delivered";
    public static final String BATTERY_SWAPS = "Battery swaps";

    /** Refused: more was delivered than was quoted (and paid for). */
    public static final class MoreThanQuoted extends IllegalArgumentException {

        public MoreThanQuoted(String message) {
            super(message);
        }
    }

    private Settlement() {
    }

    /**
     * The bill for {@code delivered} units of what {@code quoted} priced.
     *
     * @throws MoreThanQuoted if more than the quoted quantity was delivered
     * @throws IllegalArgumentException if {@code delivered} is negative, or not a whole number of swaps
     * @throws IllegalStateException if the quote has no single energy line with a quantity and unit price
     */
    public static Quote settle(Quote quoted, BigDecimal delivered) {
        return settle(quoted, delivered, false);
    }

    /**
     * The bill for {@code delivered} units; with {@code providerFault} (the charger failed, the provider cancelled)
     * the user pays only for the energy delivered: the block fee and the add-ons are waived (left out of the bill),
     * the discounts and taxes are worked out on the energy alone.
     */
    public static Quote settle(Quote quoted, BigDecimal delivered, boolean providerFault) {
        Objects.requireNonNull(quoted, "quoted");
        Objects.requireNonNull(delivered, "delivered");
        Line energy = energyLine(quoted);
        boolean swaps = isSwap(energy);
        if (delivered.signum() < 0) {
            throw new IllegalArgumentException("delivered cannot be negative");
        }
        if (swaps && delivered.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("swaps are counted in whole numbers");
        }
        if (delivered.compareTo(energy.quantity()) > 0) {
            throw new MoreThanQuoted("delivered " + delivered.stripTrailingZeros().toPlainString() + " " + energy.unit()
                    + " is more than the " + energy.quantity().stripTrailingZeros().toPlainString() + " quoted");
        }

        BigDecimal energyAmount = money(delivered.multiply(energy.unitPrice()));
        BigDecimal reservation = providerFault ? BigDecimal.ZERO : sum(quoted, Kind.RESERVATION);
        BigDecimal addOns = providerFault ? BigDecimal.ZERO : sum(quoted, Kind.ADD_ON);
        BigDecimal base = energyAmount.add(reservation);
        BigDecimal quotedBase = energy.amount().add(sum(quoted, Kind.RESERVATION));
        BigDecimal quotedTaxable = quotedBase.add(sum(quoted, Kind.ADD_ON)).add(sum(quoted, Kind.DISCOUNT));

        List<Line> discounts = new ArrayList<>();
        BigDecimal left = base;
        for (Line d : quoted.lines()) {
            if (d.kind() != Kind.DISCOUNT) {
                continue;
            }
            BigDecimal amount = worth(d, base, quotedBase).min(left);
            if (amount.signum() > 0) {
                left = left.subtract(amount);
                discounts.add(new Line(d.kind(), d.ref(), d.name(), d.quantity(), d.unit(), d.unitPrice(), d.basis(),
                        amount.negate()));
            }
        }
        BigDecimal taxable = left.add(addOns);

        List<Line> lines = new ArrayList<>();
        boolean discountsPlaced = false;
        for (Line l : quoted.lines()) {
            switch (l.kind()) {
                case ENERGY -> lines.add(new Line(Kind.ENERGY, l.ref(), swaps ? BATTERY_SWAPS : ENERGY_DELIVERED,
                        delivered, l.unit(), l.unitPrice(), l.basis(), energyAmount));
                case RESERVATION, ADD_ON -> {
                    if (!providerFault) {
                        lines.add(l);
                    }
                }
                case DISCOUNT -> {
                    // The re-applied discounts take the place of the quoted ones, in the same order.
                    if (!discountsPlaced) {
                        lines.addAll(discounts);
                        discountsPlaced = true;
                    }
                }
                case TAX -> lines.add(new Line(Kind.TAX, l.ref(), l.name(), l.quantity(), l.unit(), l.unitPrice(),
                        l.basis(), tax(l, taxable, quotedTaxable)));
            }
        }
        BigDecimal total = lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Quote(quoted.currency(), List.copyOf(lines), total);
    }

    /** The quote's one energy (or swap) line. */
    public static Line energyLine(Quote quote) {
        List<Line> energy = quote.lines().stream().filter(l -> l.kind() == Kind.ENERGY).toList();
        if (energy.size() != 1 || energy.get(0).quantity() == null || energy.get(0).unitPrice() == null) {
            throw new IllegalStateException("a quote needs exactly one energy line with a quantity and unit price");
        }
        return energy.get(0);
    }

    /** Is this line counted in battery swaps (whole numbers) rather than kWh? */
    public static boolean isSwap(Line energy) {
        return "swap".equalsIgnoreCase(energy.unit());
    }

    private static BigDecimal worth(Line d, BigDecimal base, BigDecimal quotedBase) {
        if (d.basis() == Basis.PERCENT) {
            return percentOf(base, d.unitPrice());
        }
        if (d.basis() == Basis.AMOUNT) {
            return money(d.unitPrice());
        }
        return proportion(d.amount().negate(), base, quotedBase);
    }

    private static BigDecimal tax(Line t, BigDecimal taxable, BigDecimal quotedTaxable) {
        return t.basis() == Basis.PERCENT && t.unitPrice() != null ? percentOf(taxable, t.unitPrice())
                : proportion(t.amount(), taxable, quotedTaxable);
    }

    /** {@code amount} × {@code now} / {@code then}, rounded; nothing when {@code then} was nothing. */
    private static BigDecimal proportion(BigDecimal amount, BigDecimal now, BigDecimal then) {
        return then.signum() == 0 ? money(BigDecimal.ZERO)
                : amount.multiply(now).divide(then, SCALE, RoundingMode.HALF_UP);
    }

    private static BigDecimal sum(Quote q, Kind kind) {
        return q.lines().stream().filter(l -> l.kind() == kind).map(Line::amount).reduce(BigDecimal.ZERO,
                BigDecimal::add);
    }
}
