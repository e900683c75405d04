package org.evcharging.bpp.quote.domain.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.evcharging.bpp.quote.domain.pricing.Quote.Kind;
import org.evcharging.bpp.quote.domain.pricing.Tariff.Discount;
import org.evcharging.bpp.quote.domain.pricing.Tariff.Rate;
import org.evcharging.bpp.quote.domain.pricing.Tariff.Service;
import org.junit.jupiter.api.Test;

class QuoteCalculatorTest {

    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final OffsetDateTime NOON = OffsetDateTime.of(2026, 11, 25, 12, 0, 0, 0, IST);
    private static final Tariff.Customer ANYONE = new Tariff.Customer("bap.example", "car", null, false);
    private final QuoteCalculator calc = new QuoteCalculator(IST);

    @Test
    void the_workflow_document_example_is_four_kwh_at_eight_rupees_plus_a_free_car_wash() {
        Quote q = calc.price(Tariff.listPriceOnly("chargezone.in", "INR"),
                request("4", "8", null, null, false,
                        List.of(new QuoteRequest.AddOn("wash", "Free car wash", BigDecimal.ZERO)), ANYONE),
                NOON);
        assertEquals(List.of("32.00", "0.00"), amounts(q));
        assertEquals(new BigDecimal("32.00"), q.total());
        assertEquals(Kind.ADD_ON, q.lines().get(1).kind());
    }

    @Test
    void each_line_is_rounded_half_up_and_the_total_is_the_sum_of_the_rounded_lines() {
        Tariff t = new Tariff("p", "INR", List.of(new Rate(null, null, null, null, null, new BigDecimal("18.335"))),
                Tariff.BlockFee.NONE, List.of(new Tariff.Tax("GST", new BigDecimal("18"), null)), List.of());
        Quote q = calc.price(t, request("3.333", "0", null, null, false, List.of(), ANYONE), NOON);
        // 3.333 x 18.335 = 61.110555 -> 61.11; 18 % of 61.11 = 10.9998 -> 11.00
        assertEquals(List.of("61.11", "11.00"), amounts(q));
        assertEquals(new BigDecimal("72.11"), q.total());
    }

    @Test
    void blocking_a_slot_adds_the_fee_per_slot_and_per_minute_and_is_taxed() {
        Tariff t = new Tariff("p", "INR", List.of(), new Tariff.BlockFee(new BigDecimal("10"), new BigDecimal("1.50")),
                List.of(new Tariff.Tax("GST", new BigDecimal("18"), null)), List.of());
        Quote q = calc.price(t, request("4", "8", NOON, NOON.plusMinutes(30), true, List.of(), ANYONE), NOON);
        // energy 32.00, reservation 10 + 30 x 1.50 = 55.00, GST 18 % of 87.00 = 15.66
        assertEquals(List.of("32.00", "55.00", "15.66"), amounts(q));
        assertEquals(new BigDecimal("102.66"), q.total());
    }

    @Test
    void a_slot_without_blocking_costs_no_reservation() {
        Tariff t = new Tariff("p", "INR", List.of(), new Tariff.BlockFee(BigDecimal.TEN, BigDecimal.ONE), List.of(),
                List.of());
        assertEquals(List.of("32.00"),
                amounts(calc.price(t, request("4", "8", NOON, NOON.plusMinutes(30), false, List.of(), ANYONE), NOON)));
    }

    @Test
    void tax_is_on_the_discounted_amount_and_includes_paid_add_ons() {
        Tariff t = new Tariff("p", "INR", List.of(), Tariff.BlockFee.NONE,
                List.of(new Tariff.Tax("GST", new BigDecimal("18"), null)),
                List.of(discount("d10", Discount.Kind.PERCENT, "10", true)));
        Quote q = calc.price(t, request("10", "20", null, null, false,
                List.of(new QuoteRequest.AddOn("coffee", "Coffee", new BigDecimal("50"))), ANYONE), NOON);
        // energy 200.00, coffee 50.00, discount -20.00 (10 % of energy), GST 18 % of 230.00 = 41.40
        assertEquals(List.of("200.00", "50.00", "-20.00", "41.40"), amounts(q));
        assertEquals(new BigDecimal("271.40"), q.total());
    }

    @Test
    void combinable_discounts_add_up_unless_a_single_exclusive_one_is_worth_more() {
        Discount tenPercent = discount("p10", Discount.Kind.PERCENT, "10", true);
        Discount fiveOff = discount("a5", Discount.Kind.AMOUNT, "5", true);
        Discount exclusive12 = discount("x12", Discount.Kind.PERCENT, "12", false);
        Discount exclusive20 = discount("x20", Discount.Kind.PERCENT, "20", false);
        QuoteRequest r = request("10", "10", null, null, false, List.of(), ANYONE);

        Quote both = calc.price(tariff(tenPercent, fiveOff, exclusive12), r, NOON);
        assertEquals(List.of("100.00", "-10.00", "-5.00"), amounts(both), "15 together beat 12 alone");

        Quote exclusive = calc.price(tariff(tenPercent, fiveOff, exclusive20), r, NOON);
        assertEquals(List.of("100.00", "-20.00"), amounts(exclusive), "20 alone beats 15 together");
    }

    @Test
    void discounts_never_make_the_energy_negative() {
        Quote q = calc.price(tariff(discount("big", Discount.Kind.AMOUNT, "500", true)),
                request("2", "10", null, null, false, List.of(), ANYONE), NOON);
        assertEquals(List.of("20.00", "-20.00"), amounts(q));
        assertEquals(new BigDecimal("0.00"), q.total());
    }

    @Test
    void discounts_apply_only_to_the_customers_they_name() {
        Discount partner = new Discount("partner", "Partner app", Discount.Kind.PERCENT, new BigDecimal("5"), true,
                "partner-bap.example", null, null, null);
        Discount firstRide = new Discount("first", "First charge", Discount.Kind.AMOUNT, new BigDecimal("30"), true,
                null, null, null, true);
        Discount scooters = new Discount("2w", "Two-wheelers", Discount.Kind.PERCENT, new BigDecimal("10"), true,
                null, "2W", null, null);
        Tariff t = tariff(partner, firstRide, scooters);
        QuoteRequest stranger = request("10", "10", null, null, false, List.of(), ANYONE);
        assertEquals(List.of("100.00"), amounts(calc.price(t, stranger, NOON)));
        QuoteRequest newScooter = request("10", "10", null, null, false, List.of(),
                new Tariff.Customer("partner-bap.example", "2w", null, true));
        assertEquals(List.of("100.00", "-5.00", "-30.00", "-10.00"), amounts(calc.price(t, newScooter, NOON)));
    }

    @Test
    void the_rate_follows_the_time_of_day_at_the_slot_start_with_windows_that_wrap_midnight() {
        Rate day = new Rate(Service.CHARGING, null, null, LocalTime.of(6, 0), LocalTime.of(22, 0),
                new BigDecimal("20"));
        Rate night = new Rate(Service.CHARGING, null, null, LocalTime.of(22, 0), LocalTime.of(6, 0),
                new BigDecimal("12"));
        Tariff t = new Tariff("p", "INR", List.of(day, night), Tariff.BlockFee.NONE, List.of(), List.of());
        assertEquals("20.00", amounts(calc.price(t, at(LocalTime.of(6, 0)), NOON)).get(0), "06:00 is day");
        assertEquals("20.00", amounts(calc.price(t, at(LocalTime.of(21, 59)), NOON)).get(0));
        assertEquals("12.00", amounts(calc.price(t, at(LocalTime.of(22, 0)), NOON)).get(0), "22:00 is night");
        assertEquals("12.00", amounts(calc.price(t, at(LocalTime.of(2, 30)), NOON)).get(0), "after midnight");
        // A slot given in UTC is judged in the provider's time: 17:00Z is 22:30 in India.
        QuoteRequest utc = request("1", "99", OffsetDateTime.of(2026, 11, 25, 17, 0, 0, 0, ZoneOffset.UTC), null, false,
                List.of(), ANYONE);
        assertEquals("12.00", amounts(calc.price(t, utc, NOON)).get(0));
    }

    @Test
    void a_location_rate_beats_a_charger_type_rate_which_beats_the_general_one() {
        Rate general = new Rate(Service.CHARGING, null, null, null, null, new BigDecimal("15"));
        Rate dc = new Rate(Service.CHARGING, "DC", null, null, null, new BigDecimal("22"));
        Rate airport = new Rate(Service.CHARGING, null, "airport", null, null, new BigDecimal("30"));
        Tariff t = new Tariff("p", "INR", List.of(general, dc, airport), Tariff.BlockFee.NONE, List.of(), List.of());
        assertEquals("15.00", amounts(calc.price(t, where("AC", "city"), NOON)).get(0));
        assertEquals("22.00", amounts(calc.price(t, where("DC", "city"), NOON)).get(0));
        assertEquals("30.00", amounts(calc.price(t, where("DC", "airport"), NOON)).get(0));
    }

    @Test
    void taxes_apply_side_by_side_and_only_to_their_service() {
        Tariff t = new Tariff("p", "INR", List.of(), Tariff.BlockFee.NONE, List.of(
                new Tariff.Tax("CGST", new BigDecimal("9"), Service.CHARGING),
                new Tariff.Tax("SGST", new BigDecimal("9"), Service.CHARGING),
                new Tariff.Tax("Swap levy", new BigDecimal("5"), Service.BATTERY_SWAP)), List.of());
        Quote q = calc.price(t, request("10", "10", null, null, false, List.of(), ANYONE), NOON);
        assertEquals(List.of("100.00", "9.00", "9.00"), amounts(q));
    }

    @Test
    void a_rate_for_the_service_beats_a_rate_for_anything() {
        Rate anything = new Rate(null, null, null, null, null, new BigDecimal("20"));
        Rate swaps = new Rate(Service.BATTERY_SWAP, null, null, null, null, new BigDecimal("150"));
        Tariff t = new Tariff("p", "INR", List.of(anything, swaps), Tariff.BlockFee.NONE, List.of(), List.of());
        QuoteRequest swap = new QuoteRequest(Service.BATTERY_SWAP, null, null, BigDecimal.ONE, "swap", BigDecimal.TEN,
                null, null, false, List.of(), ANYONE);
        assertEquals("150.00", amounts(calc.price(t, swap, NOON)).get(0));
    }

    @Test
    void a_free_reservation_is_no_line_and_a_swap_stations_is_named_for_it() {
        QuoteRequest swap = new QuoteRequest(Service.BATTERY_SWAP, null, "s1", BigDecimal.ONE, "swap",
                new BigDecimal("10"),
                NOON, NOON.plusMinutes(30), true, List.of(), ANYONE);
        Tariff gst = new Tariff("log9.in", "INR", List.of(), Tariff.BlockFee.NONE,
                List.of(new Tariff.Tax("GST", new BigDecimal("18"), null)), List.of());
        Quote free = calc.price(gst, swap, NOON);
        assertEquals(List.of(Kind.ENERGY, Kind.TAX), free.lines().stream().map(Quote.Line::kind).toList(),
                "no 0.00 line");
        assertEquals(List.of("10.00", "1.80"), amounts(free));

        Tariff fee = new Tariff("log9.in", "INR", List.of(), new Tariff.BlockFee(new BigDecimal("5"), BigDecimal.ZERO),
                gst.taxes(), List.of());
        Quote paid = calc.price(fee, swap, NOON);
        assertEquals("Reservation of the swap station (30 min)", paid.lines().get(1).name());
        assertEquals(List.of("10.00", "5.00", "2.70"), amounts(paid));
    }

    @Test
    void a_swap_rate_does_not_price_charging() {
        Rate swap = new Rate(Service.BATTERY_SWAP, null, null, null, null, new BigDecimal("60"));
        Tariff t = new Tariff("p", "INR", List.of(swap), Tariff.BlockFee.NONE, List.of(), List.of());
        assertEquals("8.00",
                amounts(calc.price(t, request("1", "8", null, null, false, List.of(), ANYONE), NOON)).get(0),
                "no charging rate: the catalog's list price");
    }

    private static QuoteRequest at(LocalTime local) {
        return request("1", "99", OffsetDateTime.of(2026, 11, 25, local.getHour(), local.getMinute(), 0, 0, IST), null,
                false, List.of(), ANYONE);
    }

    private static QuoteRequest where(String charger, String location) {
        return new QuoteRequest(Service.CHARGING, charger, location, BigDecimal.ONE, "kWh", new BigDecimal("99"), null,
                null, false, List.of(), ANYONE);
    }

    private static QuoteRequest request(String kwh, String listPrice, OffsetDateTime start, OffsetDateTime end,
            boolean block, List<QuoteRequest.AddOn> addOns, Tariff.Customer customer) {
        return new QuoteRequest(Service.CHARGING, "DC", "l1", new BigDecimal(kwh), "kWh", new BigDecimal(listPrice),
                start,
                end, block, addOns, customer);
    }

    private static Discount discount(String id, Discount.Kind kind, String value, boolean combinable) {
        return new Discount(id, id, kind, new BigDecimal(value), combinable, null, null, null, null);
    }

    private static Tariff tariff(Discount... discounts) {
        return new Tariff("p", "INR", List.of(), Tariff.BlockFee.NONE, List.of(), List.of(discounts));
    }

    private static List<String> amounts(Quote q) {
        return q.lines().stream().map(l -> l.amount().toPlainString()).toList();
    }
}
