package org.evcharging.bpp.order.application.settlement;

import java.math.BigDecimal;

/**
 * What delivered energy (or swaps) costs, as quote-service priced it from the order's quote: {@code total} and the
 * Beckn {@code breakup} (JSON array text) whose lines add up to it. {@code delivered} is what the meter read;
 * {@code billed} what the bill charges for: the same, except when a charger stopped a little after the booked energy
 * (a stop is taken on a meter reading), when only the booked quantity is billed and the energy line says both.
 */
public record Bill(BigDecimal delivered, BigDecimal billed, BigDecimal total, String currency, String breakup) {

    /** A bill of exactly what was delivered. */
    public Bill(BigDecimal delivered, BigDecimal total, String currency, String breakup) {
        this(delivered, delivered, total, currency, breakup);
    }
}
