package org.evcharging.bpp.payment.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Amounts as the payment API writes and reads them: decimal strings with exactly two decimals ({@code "47.20"}),
 * {@link BigDecimal} inside, scale 2. Parsing is strict (no sign, no exponent, at most two decimals) so that what a
 * caller asks for is exactly what moves, to the paisa; only arithmetic results are rounded (half-up).
 */
public final class Money {

    /** Scale of every stored and written amount (DECIMAL(14,2) columns). */
    public static final int SCALE = 2;

    /** A non-negative decimal with at most 12 integer digits and 2 decimals. */
    public static final String AMOUNT_REGEX = "^\\d{1,12}(\\.\\d{1,2})?$";

    /** As {@link #AMOUNT_REGEX}, and not zero. */
    public static final String POSITIVE_AMOUNT_REGEX = "^(?=.*[1-9])\\d{1,12}(\\.\\d{1,2})?$";

    public static final String POSITIVE_AMOUNT_MESSAGE = "must be an amount greater than 0 with at most 2 decimals, written as a string, e.g. \"47.20\"";

    public static final String CURRENCY_REGEX = "^[A-Z]{3}$";

    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    private static final Pattern AMOUNT = Pattern.compile(AMOUNT_REGEX);

    private Money() {
    }

    /**
     * A caller's amount, exactly: {@code "47.2"} is 47.20; {@code "-1"}, {@code "1.005"}, {@code "1e3"} and blanks
     * are refused with {@link IllegalArgumentException}.
     */
    public static BigDecimal parse(String text) {
        if (text == null || !AMOUNT.matcher(text).matches()) {
            throw new IllegalArgumentException("not an amount with at most 2 decimals: " + text);
        }
        return new BigDecimal(text).setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    /** As {@link #parse}, and greater than zero. */
    public static BigDecimal parsePositive(String text) {
        BigDecimal amount = parse(text);
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("an amount must be greater than 0: " + text);
        }
        return amount;
    }

    /** Scale 2, rounding half-up only when the value has more decimals (an arithmetic result). */
    public static BigDecimal of(BigDecimal amount) {
        return Objects.requireNonNull(amount, "amount").setScale(SCALE, RoundingMode.HALF_UP);
    }

    /** {@code "47.20"}: always two decimals, never an exponent. */
    public static String format(BigDecimal amount) {
        return of(amount).toPlainString();
    }

    /** For people: {@code "₹47.20"} for rupees, {@code "EUR 47.20"} for any other currency. */
    public static String display(BigDecimal amount, String currency) {
        return "INR".equals(currency) ? "\u20B9" + format(amount) : currency + " " + format(amount);
    }
}
