package org.evcharging.bpp.quote.domain.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.evcharging.bpp.quote.domain.pricing.Quote.Kind;
import org.evcharging.bpp.quote.domain.pricing.Quote.Line;
import org.evcharging.bpp.quote.domain.pricing.Tariff.Discount;

/**
 * Prices a {@link QuoteRequest} under a {@link Tariff}. The arithmetic, pinned by its tests:
 * <ol>
 *   <li>energy = quantity × the rate that applies (or the catalog's list price when none does), at the slot's start
 *       (or now) in the provider's local time;</li>
 *   <li>block fee (only when blocking a slot) = per slot + per minute × minutes blocked; a fee of nothing is no
 *       line;</li>
 *   <li>add-ons at their prices, free ones included as zero lines;</li>
 *   <li>discounts on energy + block fee: combinable ones add up; a non-combinable one replaces them when it alone is
 *       worth more; together never more than energy + block fee;</li>
 *   <li>tax = percent × (energy + block fee + add-ons − discounts);</li>
 *   <li>every line is rounded half-up to the currency's two decimals, and the total is the sum of the rounded lines,
 *       so the breakup always adds up to the price.</li>
 * </ol>
 */
public final class QuoteCalculator {

    static final int SCALE = 2;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final ZoneOffset providerZone;

    public QuoteCalculator(ZoneOffset providerZone) {
        this.providerZone = providerZone;
    }

    public Quote price(Tariff tariff, QuoteRequest r, OffsetDateTime now) {
        List<Line> lines = new ArrayList<>();
        OffsetDateTime at = r.slotStart() != null ? r.slotStart() : now;
        BigDecimal rate = rate(tariff, r, at.withOffsetSameInstant(providerZone).toLocalTime()).orElse(r.listPrice());
        BigDecimal energy = money(r.quantity().multiply(rate));
        lines.add(new Line(Kind.ENERGY, null,
                r.service() == Tariff.Service.CHARGING ? "Estimated units consumed" : "Battery swaps",
                r.quantity(), r.unit(), rate, null, energy));

        BigDecimal reservation = BigDecimal.ZERO;
        if (r.block() && r.slotStart() != null && r.slotEnd() != null) {
            long minutes = Duration.between(r.slotStart(), r.slotEnd()).toMinutes();
            Tariff.BlockFee fee = tariff.blockFee() == null ? Tariff.BlockFee.NONE : tariff.blockFee();
            reservation = money(fee.perSlot().add(fee.perMinute().multiply(BigDecimal.valueOf(minutes))));
            if (reservation.signum() != 0) { // a free reservation is no line of the bill (the slot's block tag says it)
                lines.add(new Line(Kind.RESERVATION, null, "Reservation of the "
                        + (r.service() == Tariff.Service.CHARGING ? "charger" : "swap station") + " (" + minutes
                        + " min)",
                        BigDecimal.valueOf(minutes), "min", fee.perMinute(), null, reservation));
            }
        }

        BigDecimal addOns = BigDecimal.ZERO;
        for (QuoteRequest.AddOn a : r.addOns()) {
            BigDecimal amount = money(a.price());
            addOns = addOns.add(amount);
            lines.add(new Line(Kind.ADD_ON, a.id(), a.name(), BigDecimal.ONE, null, amount, null, amount));
        }

        BigDecimal base = energy.add(reservation);
        BigDecimal discounted = BigDecimal.ZERO;
        for (Line d : discounts(tariff, r.customer(), base)) {
            discounted = discounted.add(d.amount().negate());
            lines.add(d);
        }

        BigDecimal taxable = base.add(addOns).subtract(discounted);
        for (Tariff.Tax tax : tariff.taxes() == null ? List.<Tariff.Tax>of() : tariff.taxes()) {
            if (tax.appliesTo(r.service()) && tax.percent().signum() > 0) {
                lines.add(new Line(Kind.TAX, null,
                        tax.name() + " " + tax.percent().stripTrailingZeros().toPlainString() + "%",
                        null, null, tax.percent(), Quote.Basis.PERCENT, percentOf(taxable, tax.percent())));
            }
        }
        BigDecimal total = lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Quote(tariff.currency(), List.copyOf(lines), total);
    }

    /** The tariff's rate for this request at {@code at}; empty when none matches (the list price applies). */
    public Optional<BigDecimal> rateAt(Tariff tariff, QuoteRequest r, OffsetDateTime at) {
        return rate(tariff, r, at.withOffsetSameInstant(providerZone).toLocalTime());
    }

    /** The most specific rate for this service, charger, location and local time. */
    static Optional<BigDecimal> rate(Tariff tariff, QuoteRequest r, LocalTime at) {
        return rate(tariff, r.service(), r.chargerType(), r.locationId(), at);
    }

    /**
     * The most specific rate for a service at a charger of {@code chargerType} at {@code locationId} (either null: one
     * that no rate names) at local time {@code at}; empty when none applies (the catalog's list price does). Quotes
     * and the prices the catalog shows ({@link UnitPrices}) both come from here.
     */
    static Optional<BigDecimal> rate(Tariff tariff, Tariff.Service service, String chargerType, String locationId,
            LocalTime at) {
        return tariff.rates().stream()
                .filter(rate -> rate.matches(service, chargerType, locationId, at))
                .max(Comparator.comparingInt(Tariff.Rate::specificity))
                .map(Tariff.Rate::pricePerUnit);
    }

    /** The discount lines (negative amounts) for this customer on {@code base}. */
    static List<Line> discounts(Tariff tariff, Tariff.Customer customer, BigDecimal base) {
        List<Discount> applicable = tariff.discounts().stream().filter(d -> d.appliesTo(customer)).toList();
        List<Discount> combinable = applicable.stream().filter(Discount::combinable).toList();
        BigDecimal together = combinable.stream().map(d -> worth(d, base)).reduce(BigDecimal.ZERO, BigDecimal::add);
        Optional<Discount> best = applicable.stream().filter(d -> !d.combinable())
                .max(Comparator.comparing(d -> worth(d, base)));
        List<Discount> chosen = best.isPresent() && worth(best.get(), base).compareTo(together) > 0
                ? List.of(best.get()) : combinable;
        List<Line> lines = new ArrayList<>();
        BigDecimal left = base;
        for (Discount d : chosen) {
            BigDecimal amount = worth(d, base).min(left);
            if (amount.signum() <= 0) {
                continue;
            }
            left = left.subtract(amount);
            lines.add(new Line(Kind.DISCOUNT, d.id(), d.name(), null, null, d.value(),
                    d.kind() == Discount.Kind.PERCENT ? Quote.Basis.PERCENT : Quote.Basis.AMOUNT, amount.negate()));
        }
        return lines;
    }

    private static BigDecimal worth(Discount d, BigDecimal base) {
        return d.kind() == Discount.Kind.PERCENT ? percentOf(base, d.value()) : money(d.value());
    }

    /** {@code percent} % of {@code base}, rounded to the currency's decimals. */
    static BigDecimal percentOf(BigDecimal base, BigDecimal percent) {
        return money(base.multiply(percent).divide(HUNDRED));
    }

    static BigDecimal money(BigDecimal v) {
        return v.setScale(SCALE, RoundingMode.HALF_UP);
    }
}
