package org.evcharging.bpp.catalog.beckn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CatalogMessagesTest {

    @Test
    void decimal_strips_a_trailing_zero_after_the_point() {
        assertEquals("18.5", org.evcharging.bpp.core.model.BecknValues.decimal(new BigDecimal("18.50")));
    }

    @Test
    void decimal_writes_a_whole_number_without_a_point() {
        assertEquals("100", org.evcharging.bpp.core.model.BecknValues.decimal(new BigDecimal("100.000")));
    }

    @Test
    void decimal_keeps_the_zeros_of_a_whole_number_in_plain_notation() {
        assertEquals("100", org.evcharging.bpp.core.model.BecknValues.decimal(new BigDecimal("100")));
        assertEquals("1000", org.evcharging.bpp.core.model.BecknValues.decimal(new BigDecimal("1E+3")));
    }

    @Test
    void decimal_writes_zero_as_0() {
        assertEquals("0", org.evcharging.bpp.core.model.BecknValues.decimal(new BigDecimal("0")));
        assertEquals("0", org.evcharging.bpp.core.model.BecknValues.decimal(new BigDecimal("0.00")));
    }

    @Test
    void decimal_keeps_significant_decimals() {
        assertEquals("12.75", org.evcharging.bpp.core.model.BecknValues.decimal(new BigDecimal("12.75")));
    }

    @Test
    void power_writes_a_whole_kilowatt_rating_without_decimals() {
        assertEquals("60kW", CatalogMessages.power(60.0));
    }

    @Test
    void power_writes_a_fractional_rating_with_one_decimal() {
        assertEquals("7.4kW", CatalogMessages.power(7.4));
    }

    @Test
    void distance_below_a_kilometre_is_written_in_whole_metres() {
        assertEquals("850 m", CatalogMessages.distance(850));
    }

    @Test
    void distance_in_metres_is_rounded() {
        assertEquals("851 m", CatalogMessages.distance(850.6));
    }

    @Test
    void distance_from_a_kilometre_is_written_in_km_with_one_decimal() {
        assertEquals("1.2 km", CatalogMessages.distance(1234));
    }

    @Test
    void distance_of_exactly_a_kilometre_is_written_in_km() {
        assertEquals("1.0 km", CatalogMessages.distance(1000));
    }
}
