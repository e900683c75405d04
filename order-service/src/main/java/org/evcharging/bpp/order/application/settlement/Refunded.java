package org.evcharging.bpp.order.application.settlement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * How a cancelled order's money splits, by its cancellation terms: of the prepaid {@code total}, the energy
 * delivered is paid as billed ({@code deliveredAmount}); of the rest, a fee is kept ({@code feePercent}, none when
 * the provider is at fault or nothing was started), and the remainder is refunded. Amounts to the paisa, the fee
 * rounded half-up, so {@code deliveredAmount + fee + refund == total} exactly.
 */
public record Refunded(BigDecimal total, BigDecimal deliveredAmount, BigDecimal notDelivered, BigDecimal fee,
        BigDecimal refund) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Refunded {
        Objects.requireNonNull(total);
        if (deliveredAmount.add(fee).add(refund).compareTo(total) != 0) {
            throw new IllegalArgumentException("the split does not add up to " + total);
        }
    }

    /**
     * @param total           what was prepaid
     * @param deliveredAmount the bill of what was delivered (zero before the start)
     * @param feePercent      the share of what was not delivered kept as a fee (zero when free)
     */
    public static Refunded of(BigDecimal total, BigDecimal deliveredAmount, BigDecimal feePercent) {
        BigDecimal paid = total.setScale(2, RoundingMode.UNNECESSARY);
        BigDecimal used = deliveredAmount.setScale(2, RoundingMode.HALF_UP).min(paid).max(BigDecimal.ZERO.setScale(2));
        BigDecimal rest = paid.subtract(used);
        BigDecimal fee = rest.multiply(feePercent).divide(HUNDRED, 2, RoundingMode.HALF_UP);
        return new Refunded(paid, used, rest, fee, rest.subtract(fee));
    }
}
