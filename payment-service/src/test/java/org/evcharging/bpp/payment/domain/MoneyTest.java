package org.evcharging.bpp.payment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @Test
    void amounts_are_read_exactly_with_scale_two() {
        assertEquals(new BigDecimal("47.20"), Money.parse("47.2"));
        assertEquals(2, Money.parse("47").scale());
        assertEquals("47.00", Money.format(Money.parse("47")));
        assertEquals("0.01", Money.format(Money.parsePositive("0.01")));
        assertEquals("999999999999.99", Money.format(Money.parse("999999999999.99")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-0.01", "1.005", "47.201", "1e3", "", " 1", "1,00", ".5", "5.", "+5", "abc",
            "1234567890123"})
    void anything_but_a_plain_amount_with_at_most_two_decimals_is_refused(String text) {
        assertThrows(IllegalArgumentException.class, () -> Money.parse(text));
        assertFalse(text.matches(Money.POSITIVE_AMOUNT_REGEX));
    }

    @Test
    void zero_is_an_amount_but_not_a_positive_one() {
        assertEquals("0.00", Money.format(Money.parse("0.00")));
        assertThrows(IllegalArgumentException.class, () -> Money.parsePositive("0.00"));
        assertThrows(IllegalArgumentException.class, () -> Money.parsePositive("0"));
        assertFalse("0.00".matches(Money.POSITIVE_AMOUNT_REGEX));
        assertFalse("000".matches(Money.POSITIVE_AMOUNT_REGEX));
        assertTrue("0.01".matches(Money.POSITIVE_AMOUNT_REGEX));
        assertTrue("10.00".matches(Money.POSITIVE_AMOUNT_REGEX));
        assertThrows(IllegalArgumentException.class, () -> Money.parse(null));
    }

    @Test
    void arithmetic_results_are_rounded_half_up_and_always_written_with_two_decimals() {
        assertEquals("0.13", Money.format(new BigDecimal("0.125")));
        assertEquals("0.12", Money.format(new BigDecimal("0.1249")));
        assertEquals("-0.13", Money.format(new BigDecimal("-0.125")));
        assertEquals("100.00", Money.format(new BigDecimal("1E+2")));
        assertEquals("47.20", Money.format(new BigDecimal("47.2")));
    }

    @Test
    void rupees_are_shown_with_their_sign_other_currencies_with_their_code() {
        assertEquals("\u20B947.20", Money.display(new BigDecimal("47.2"), "INR"));
        assertEquals("EUR 3.50", Money.display(new BigDecimal("3.5"), "EUR"));
    }
}
