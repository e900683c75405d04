package org.evcharging.bpp.suite;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What the demo network's bills must come to, worked out here from the published inputs alone, independently of the
 * platform's own pricing code: the tariff of {@code local-suite/src/main/resources/demo/tariff-chargezone.in.json}
 * (AC 8 and DC 12 per kWh; blocking 20 per slot + 0.50 per minute; 5 % off for the demo BAP and 10 % for
 * two-wheelers, both combinable, on energy + blocking; CGST 9 % and SGST 9 % on what is left) and Log9's list price
 * (10 per swap, the platform's default 18 % GST). Each line is rounded half-up to the paisa, as a bill shows it.
 */
final class DemoTariff {

    static final BigDecimal AC = new BigDecimal("8");
    static final BigDecimal DC = new BigDecimal("12");
    static final BigDecimal PER_SLOT = new BigDecimal("20");
    static final BigDecimal PER_MINUTE = new BigDecimal("0.50");
    static final BigDecimal DEMO_APP_PERCENT = new BigDecimal("5");
    static final BigDecimal TWO_WHEELER_PERCENT = new BigDecimal("10");
    static final BigDecimal CGST = new BigDecimal("9");
    static final BigDecimal SGST = new BigDecimal("9");
    static final BigDecimal SWAP = new BigDecimal("10");
    static final BigDecimal GST = new BigDecimal("18");
    static final BigDecimal AFTER_START_FEE_PERCENT = new BigDecimal("30");

    private DemoTariff() {
    }

    /** The lines of a charging bill, as amounts, and their total. */
    record Bill(BigDecimal energy, BigDecimal reservation, BigDecimal demoApp, BigDecimal twoWheeler, BigDecimal cgst,
            BigDecimal sgst) {

        BigDecimal total() {
            return energy.add(reservation).subtract(demoApp).subtract(twoWheeler).add(cgst).add(sgst);
        }
    }

    /**
     * {@code kwh} at a charger of {@code dc} or AC, a slot of {@code blockedMinutes} blocked (0: not blocked), booked by
     * the demo BAP for a vehicle of {@code vehicle}; {@code providerFault}: the blocking is not paid.
     */
    static Bill charging(BigDecimal kwh, boolean dc, int blockedMinutes, String vehicle, boolean providerFault) {
        BigDecimal energy = paisa(kwh.multiply(dc ? DC : AC));
        BigDecimal reservation = blockedMinutes == 0 || providerFault ? BigDecimal.ZERO.setScale(2)
                : paisa(PER_SLOT.add(PER_MINUTE.multiply(BigDecimal.valueOf(blockedMinutes))));
        BigDecimal base = energy.add(reservation);
        BigDecimal demoApp = percent(base, DEMO_APP_PERCENT);
        BigDecimal twoWheeler = "2W".equals(vehicle) ? percent(base, TWO_WHEELER_PERCENT) : BigDecimal.ZERO.setScale(2);
        BigDecimal taxable = base.subtract(demoApp).subtract(twoWheeler);
        return new Bill(energy, reservation, demoApp, twoWheeler, percent(taxable, CGST), percent(taxable, SGST));
    }

    /** Log9 swaps at the list price with 18 % GST. */
    static BigDecimal swaps(int n) {
        BigDecimal swaps = paisa(SWAP.multiply(BigDecimal.valueOf(n)));
        return swaps.add(percent(swaps, GST));
    }

    /** The fee of a cancel after the start: 30 % of what was paid and not spent on the energy delivered. */
    static BigDecimal afterStartFee(BigDecimal prepaid, BigDecimal deliveredBill) {
        return percent(prepaid.subtract(deliveredBill), AFTER_START_FEE_PERCENT);
    }

    static BigDecimal percent(BigDecimal base, BigDecimal percent) {
        return paisa(base.multiply(percent).divide(BigDecimal.valueOf(100)));
    }

    static BigDecimal paisa(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }
}
