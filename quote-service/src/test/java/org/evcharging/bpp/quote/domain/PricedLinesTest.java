package org.evcharging.bpp.quote.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.evcharging.bpp.quote.domain.pricing.Quote;
import org.evcharging.bpp.quote.domain.pricing.Quote.Kind;
import org.evcharging.bpp.quote.domain.pricing.Quote.Line;
import org.junit.jupiter.api.Test;

class PricedLinesTest {

    @Test
    void lines_come_back_exactly_as_stored_scales_and_nulls_included() {
        List<Line> lines = List.of(
                new Line(Kind.ENERGY, null, "Estimated units consumed", new BigDecimal("4.500"), "kWh",
                        new BigDecimal("18.335"), null, new BigDecimal("82.51")),
                new Line(Kind.RESERVATION, null, "Reservation of the charger (30 min)", BigDecimal.valueOf(30), "min",
                        new BigDecimal("0.5"), null, new BigDecimal("35.00")),
                new Line(Kind.ADD_ON, "wash", "Car wash", BigDecimal.ONE, null, new BigDecimal("49.00"), null,
                        new BigDecimal("49.00")),
                new Line(Kind.DISCOUNT, "first", "First charge", null, null, new BigDecimal("30"), Quote.Basis.AMOUNT,
                        new BigDecimal("-30.00")),
                new Line(Kind.TAX, null, "GST 18%", null, null, new BigDecimal("18"), Quote.Basis.PERCENT,
                        new BigDecimal("24.39")));
        assertEquals(lines, PricedLines.decode(PricedLines.encode(lines)));
    }
}
