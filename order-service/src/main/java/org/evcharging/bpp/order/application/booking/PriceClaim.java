package org.evcharging.bpp.order.application.booking;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A price the BAP says it showed its user, sent back in {@code confirm} ({@code quote.price} or the payment's
 * {@code params.amount}): it must be the order's current quote total, or the user agreed to a price that is not the
 * one charged. {@code path} is where the BAP wrote it; {@code currency} is null when the BAP did not say.
 */
public record PriceClaim(String path, BigDecimal value, String currency) {

    public PriceClaim {
        Objects.requireNonNull(path);
        Objects.requireNonNull(value);
    }

    /** The same amount as {@code total} (compared as decimals: 40 is 40.00), in its currency when one was given. */
    public boolean matches(BigDecimal total, String totalCurrency) {
        return value.compareTo(total) == 0 && (currency == null || currency.equalsIgnoreCase(totalCurrency));
    }
}
