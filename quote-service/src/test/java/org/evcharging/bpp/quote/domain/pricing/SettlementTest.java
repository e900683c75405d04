package org.evcharging.bpp.quote.domain.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.evcharging.bpp.quote.domain.pricing.Quote.Kind;
import org.evcharging.bpp.quote.domain.pricing.Quote.Line;
import org.evcharging.bpp.quote.domain.pricing.Tariff.Discount;
import org.evcharging.bpp.quote.domain.pricing.Tariff.Service;
import org.junit.jupiter.api.Test;

class SettlementTest {

    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final OffsetDateTime NOON = OffsetDateTime.of(2026, 11, 25, 12, 0, 0, 0, IST);
    private static final QuoteCalculator CALC = new QuoteCalculator(IST);
    private static final List<Tariff.Tax> CGST_SGST = List.of(
            new Tariff.Tax("CGST", new BigDecimal("9"), Service.CHARGING),
            new Tariff.Tax("SGST", new BigDecimal("9"), Service.CHARGING));
    private static final Discount TWO_WHEELER = new Discount("two-wheeler", "Two-wheeler offer", Discount.Kind.PERCENT,
            new BigDecimal("10"), true, null, "2W", null, null);
    private static final Discount DEMO_APP = new Discount("demo-app", "Demo app partnership", Discount.Kind.PERCENT,
            new BigDecimal("5"), true, "demo-bap.localhost", null, null, null);
    private static final Tariff.Customer SCOOTER = new Tariff.Customer("demo-bap.localhost", "2W", null, false);
    private static final Tariff.Customer CAR = new Tariff.Customer("bap.example", "4W", null, false);

    /** The demo's chargezone.in tariff: 8/kWh (DC 12), block fee 20 + 0.5/min, CGST + SGST 9 % each, two discounts. */
    private static final Tariff DEMO = new Tariff("chargezone.in", "INR",
            List.of(new Tariff.Rate(Service.CHARGING, null, null, null, null, new BigDecimal("8")),
                    new Tariff.Rate(Service.CHARGING, "DC", null, null, null, new BigDecimal("12"))),
            new Tariff.BlockFee(new BigDecimal("20"), new BigDecimal("0.5")), CGST_SGST,
            List.of(DEMO_APP, TWO_WHEELER));

    @Test
    void delivering_the_quoted_quantity_gives_back_the_quoted_lines_and_total() {
        Tariff amountOff = new Tariff("p", "INR",
                List.of(new Tariff.Rate(null, null, null, null, null, new BigDecimal("18.335"))),
                new Tariff.BlockFee(BigDecimal.TEN, new BigDecimal("1.25")), CGST_SGST,
                List.of(new Discount("first", "First charge", Discount.Kind.AMOUNT, new BigDecimal("30"), true, null,
                        null, null, null)));
        Tariff swaps = new Tariff("log9.in", "INR",
                List.of(new Tariff.Rate(Service.BATTERY_SWAP, null, null, null, null,
                        new BigDecimal("149.50"))),
                Tariff.BlockFee.NONE, List.of(new Tariff.Tax("GST", new BigDecimal("18"), null)),
                List.of(new Discount("x", "Exclusive", Discount.Kind.PERCENT, new BigDecimal("7.5"), false, null, null,
                        null, null)));
        List<Quote> quotes = List.of(
                charging(DEMO, "4", "DC", true, SCOOTER), // 2W 10 % + app 5 % on energy and block fee
                charging(DEMO, "4.5", "DC", true, CAR), // no discount
                charging(DEMO, "3.333", "AC", false, SCOOTER), // no block fee
                charging(DEMO, "7.777", "DC", true, new Tariff.Customer("other", "2W", null, false)),
                charging(amountOff, "1.5", "AC", true, CAR), // 30 off, capped at energy + block fee
                charging(amountOff, "12.345", "AC", true, CAR),
                charging(Tariff.listPriceOnly("chargezone.in", "INR"), "4", "AC", false, CAR),
                swap(swaps, "3"));
        for (Quote q : quotes) {
            Quote bill = Settlement.settle(q, Settlement.energyLine(q).quantity());
            assertEquals(amounts(q), amounts(bill), () -> "lines of " + q);
            assertEquals(q.total(), bill.total(), () -> "total of " + q);
            assertEquals(q.lines().stream().map(Line::kind).toList(), bill.lines().stream().map(Line::kind).toList());
        }
    }

    @Test
    void a_partial_session_is_billed_as_if_that_much_had_been_quoted_under_the_same_tariff() {
        for (String delivered : List.of("0.001", "0.5", "1", "2.345", "3.999", "4")) {
            Quote q = charging(DEMO, "4", "DC", true, SCOOTER);
            Quote bill = Settlement.settle(q, new BigDecimal(delivered));
            Quote fresh = charging(DEMO, delivered, "DC", true, SCOOTER);
            assertEquals(amounts(fresh), amounts(bill), delivered);
            assertEquals(fresh.total(), bill.total(), delivered);
        }
    }

    @Test
    void the_demo_two_wheeler_bill_for_part_of_the_quote() {
        Quote q = CALC.price(
                new Tariff("chargezone.in", "INR", DEMO.rates(), DEMO.blockFee(), CGST_SGST, List.of(TWO_WHEELER)),
                request(Service.CHARGING, "4", "DC", true, SCOOTER), NOON);
        // energy 48.00, block 20 + 30 x 0.5 = 35.00, 10 % of 83.00 = -8.30, 9 % of 74.70 = 6.72 twice
        assertEquals(List.of("48.00", "35.00", "-8.30", "6.72", "6.72"), amounts(q));
        assertEquals(new BigDecimal("88.14"), q.total());

        Quote bill = Settlement.settle(q, new BigDecimal("2.5"));
        // energy 30.00, block 35.00, 10 % of 65.00 = -6.50, 9 % of 58.50 = 5.265 -> 5.27 twice
        assertEquals(List.of("30.00", "35.00", "-6.50", "5.27", "5.27"), amounts(bill));
        assertEquals(new BigDecimal("69.04"), bill.total());
        Line energy = bill.lines().get(0);
        assertEquals(Settlement.ENERGY_DELIVERED, energy.name());
        assertEquals(new BigDecimal("2.5"), energy.quantity());
        assertEquals("kWh", energy.unit());
        assertEquals(new BigDecimal("12"), energy.unitPrice());
    }

    @Test
    void energy_is_delivered_times_the_quoted_price_rounded_half_up() {
        Quote q = charging(
                new Tariff("p", "INR", List.of(new Tariff.Rate(null, null, null, null, null, new BigDecimal("18"))),
                        Tariff.BlockFee.NONE, List.of(), List.of()),
                "4", "AC", false, CAR);
        // 2.345 x 18 = 42.21; 2.3475 x 18 = 42.255 -> 42.26
        assertEquals("42.21", Settlement.settle(q, new BigDecimal("2.345")).total().toPlainString());
        assertEquals("42.26", Settlement.settle(q, new BigDecimal("2.3475")).total().toPlainString());
    }

    @Test
    void nothing_delivered_still_pays_the_blocked_slot_and_its_tax() {
        Tariff t = new Tariff("p", "INR", DEMO.rates(), DEMO.blockFee(), CGST_SGST, List.of());
        Quote bill = Settlement.settle(charging(t, "4", "DC", true, CAR), BigDecimal.ZERO);
        assertEquals(List.of("0.00", "35.00", "3.15", "3.15"), amounts(bill));
        assertEquals(new BigDecimal("41.30"), bill.total());

        Quote unblocked = Settlement.settle(charging(t, "4", "DC", false, CAR), new BigDecimal("0.000"));
        assertEquals(List.of("0.00", "0.00", "0.00"), amounts(unblocked));
        assertEquals(0, unblocked.total().signum());
    }

    @Test
    void add_ons_stay_as_quoted_and_are_taxed() {
        Tariff t = new Tariff("p", "INR", DEMO.rates(), Tariff.BlockFee.NONE, CGST_SGST, List.of(TWO_WHEELER));
        Quote q = CALC.price(t,
                new QuoteRequest(Service.CHARGING, "AC", "l1", new BigDecimal("10"), "kWh", BigDecimal.ONE,
                        null, null, false, List.of(new QuoteRequest.AddOn("wash", "Car wash", new BigDecimal("49"))),
                        SCOOTER),
                NOON);
        Quote bill = Settlement.settle(q, new BigDecimal("5"));
        // energy 40.00, wash 49.00, 10 % of 40.00 = -4.00, 9 % of 85.00 = 7.65 twice
        assertEquals(List.of("40.00", "49.00", "-4.00", "7.65", "7.65"), amounts(bill));
        assertEquals(new BigDecimal("100.30"), bill.total());
    }

    @Test
    void an_amount_discount_stays_whole_until_the_smaller_bill_caps_it() {
        Tariff t = new Tariff("p", "INR", List.of(new Tariff.Rate(null, null, null, null, null, new BigDecimal("20"))),
                Tariff.BlockFee.NONE, List.of(), List.of(
                        new Discount("fifty", "50 off", Discount.Kind.AMOUNT, new BigDecimal("50"), true, null, null,
                                null, null),
                        new Discount("ten", "10 %", Discount.Kind.PERCENT, new BigDecimal("10"), true, null, null, null,
                                null)));
        Quote q = charging(t, "10", "AC", false, CAR);
        assertEquals(List.of("200.00", "-50.00", "-20.00"), amounts(q));
        assertEquals(List.of("100.00", "-50.00", "-10.00"), amounts(Settlement.settle(q, new BigDecimal("5"))));
        // 40.00 of energy: the 50 off is capped at 40, nothing is left for the 10 %, which is then left out
        assertEquals(List.of("40.00", "-40.00"), amounts(Settlement.settle(q, new BigDecimal("2"))));
        assertEquals(List.of("0.00"), amounts(Settlement.settle(q, BigDecimal.ZERO)));
    }

    @Test
    void a_quote_stored_without_discount_bases_scales_its_discounts_and_reads_tax_percents() {
        // As a quote stored before the basis was kept is read back from its Beckn breakup: the discount's percent or
        // amount is unknown, the taxes' percents are known from their titles.
        Quote old = new Quote("INR", List.of(
                new Line(Kind.ENERGY, null, "Estimated units consumed", new BigDecimal("4"), "kWh",
                        new BigDecimal("12"), null, new BigDecimal("48.00")),
                new Line(Kind.RESERVATION, null, "Reservation of the charger (30 min)", null, null, null, null,
                        new BigDecimal("35.00")),
                new Line(Kind.DISCOUNT, null, "Two-wheeler offer", null, null, null, null, new BigDecimal("-8.30")),
                new Line(Kind.TAX, null, "CGST 9%", null, null, new BigDecimal("9"), Quote.Basis.PERCENT,
                        new BigDecimal("6.72")),
                new Line(Kind.TAX, null, "SGST 9%", null, null, null, null, new BigDecimal("6.72"))),
                new BigDecimal("88.14"));
        assertEquals(amounts(old), amounts(Settlement.settle(old, new BigDecimal("4"))));
        Quote bill = Settlement.settle(old, new BigDecimal("2.5"));
        // base 65.00 of 83.00: discount 8.30 x 65 / 83 = 6.50; CGST 9 % of 58.50 = 5.27;
        // SGST without a percent: 6.72 x 58.50 / 74.70 = 5.2627 -> 5.26
        assertEquals(List.of("30.00", "35.00", "-6.50", "5.27", "5.26"), amounts(bill));
        assertEquals(new BigDecimal("69.03"), bill.total());
    }

    @Test
    void when_the_provider_is_at_fault_only_the_energy_delivered_is_paid_no_block_fee_no_add_ons() {
        Tariff t = new Tariff("chargezone.in", "INR", DEMO.rates(), DEMO.blockFee(), CGST_SGST, List.of(TWO_WHEELER));
        Quote q = CALC.price(t,
                new QuoteRequest(Service.CHARGING, "DC", "l1", new BigDecimal("4"), "kWh", BigDecimal.ONE,
                        NOON.plusHours(1), NOON.plusHours(1).plusMinutes(30), true,
                        List.of(new QuoteRequest.AddOn("wash", "Car wash", new BigDecimal("49"))), SCOOTER),
                NOON);
        Quote bill = Settlement.settle(q, new BigDecimal("2.5"), true);
        // energy 2.5 x 12 = 30.00; 10 % of 30.00 = -3.00; 9 % of 27.00 = 2.43 twice; no reservation, no car wash
        assertEquals(List.of(Kind.ENERGY, Kind.DISCOUNT, Kind.TAX, Kind.TAX),
                bill.lines().stream().map(Line::kind).toList());
        assertEquals(List.of("30.00", "-3.00", "2.43", "2.43"), amounts(bill));
        assertEquals(new BigDecimal("31.86"), bill.total());
        assertEquals(List.of("0.00", "0.00", "0.00"), amounts(Settlement.settle(q, BigDecimal.ZERO, true)),
                "nothing delivered: nothing to pay (a discount of nothing is left out)");
        // the user's own stop pays the reservation and the wash: 30 + 35 + 49 - 6.50 = 107.50, 9 % = 9.675 -> 9.68
        assertEquals(List.of("30.00", "35.00", "49.00", "-6.50", "9.68", "9.68"),
                amounts(Settlement.settle(q, new BigDecimal("2.5"))));
    }

    @Test
    void swaps_are_billed_in_whole_swaps() {
        Tariff t = new Tariff("log9.in", "INR", List.of(new Tariff.Rate(Service.BATTERY_SWAP, null, null, null, null,
                new BigDecimal("150"))), Tariff.BlockFee.NONE,
                List.of(new Tariff.Tax("GST", new BigDecimal("18"), null)), List.of());
        Quote q = swap(t, "2");
        Quote bill = Settlement.settle(q, BigDecimal.ONE);
        assertEquals(List.of("150.00", "27.00"), amounts(bill));
        assertEquals(Settlement.BATTERY_SWAPS, bill.lines().get(0).name());
        assertThrows(IllegalArgumentException.class, () -> Settlement.settle(q, new BigDecimal("1.5")));
    }

    @Test
    void negative_or_more_than_quoted_is_refused() {
        Quote q = charging(DEMO, "4", "DC", true, CAR);
        assertThrows(IllegalArgumentException.class, () -> Settlement.settle(q, new BigDecimal("-0.001")));
        Settlement.MoreThanQuoted more = assertThrows(Settlement.MoreThanQuoted.class,
                () -> Settlement.settle(q, new BigDecimal("4.001")));
        assertEquals("delivered 4.001 kWh is more than the 4 quoted", more.getMessage());
        assertEquals(q.total(), Settlement.settle(q, new BigDecimal("4.000")).total());
    }

    private static Quote charging(Tariff t, String kwh, String charger, boolean block, Tariff.Customer who) {
        return CALC.price(t, request(Service.CHARGING, kwh, charger, block, who), NOON);
    }

    private static Quote swap(Tariff t, String swaps) {
        return CALC.price(t, new QuoteRequest(Service.BATTERY_SWAP, null, "s1", new BigDecimal(swaps), "swap",
                new BigDecimal("99"), null, null, false, List.of(), CAR), NOON);
    }

    private static QuoteRequest request(Service service, String quantity, String charger, boolean block,
            Tariff.Customer who) {
        OffsetDateTime start = NOON.plusHours(1);
        return new QuoteRequest(service, charger, "l1", new BigDecimal(quantity), "kWh", new BigDecimal("10"),
                block ? start : null, block ? start.plusMinutes(30) : null, block, List.of(), who);
    }

    private static List<String> amounts(Quote q) {
        return q.lines().stream().map(l -> l.amount().toPlainString()).toList();
    }
}
