package org.evcharging.bpp.quote.domain.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.evcharging.bpp.quote.domain.pricing.Tariff.Rate;
import org.evcharging.bpp.quote.domain.pricing.Tariff.Service;
import org.junit.jupiter.api.Test;

class UnitPricesTest {

    private static final List<String> CHARGERS = Arrays.asList("AC", "DC", "ac", null);
    private static final List<String> LOCATIONS = Arrays.asList("l1", "l2", "l3", null);

    private static Tariff tariff(List<Rate> rates) {
        return new Tariff("p", "INR", rates, Tariff.BlockFee.NONE, List.of(), List.of());
    }

    /**
     * The lookup the catalog does with the published table (catalog-service's {@code PriceList}): a charger type or
     * location the table does not name is "any other", and the window that started last at or before the time.
     */
    private static Optional<BigDecimal> at(UnitPrices table, Service service, String chargerType, String locationId,
            LocalTime at) {
        String ct = chargerType != null && table.chargerTypes().contains(chargerType.toUpperCase(java.util.Locale.ROOT))
                ? chargerType.toUpperCase(java.util.Locale.ROOT) : null;
        String loc = locationId != null && table.locations().contains(locationId) ? locationId : null;
        for (UnitPrices.Entry e : table.prices()) {
            if (e.service().equals(service.name()) && java.util.Objects.equals(e.chargerType(), ct)
                    && java.util.Objects.equals(e.locationId(), loc)) {
                BigDecimal price = null;
                for (UnitPrices.Window w : e.windows()) {
                    if (!w.from().isAfter(at)) {
                        price = w.price();
                    }
                }
                return Optional.ofNullable(price);
            }
        }
        return Optional.empty();
    }

    /** For every fulfillment and minute of the day, what the catalog would show is what a quote applies. */
    private static void agrees(Tariff t) {
        UnitPrices table = UnitPrices.of(t);
        for (Service s : Service.values()) {
            for (String charger : CHARGERS) {
                for (String location : LOCATIONS) {
                    for (int minute = 0; minute < 24 * 60; minute += 5) {
                        LocalTime at = LocalTime.of(minute / 60, minute % 60);
                        Optional<BigDecimal> quoted = QuoteCalculator.rate(t, s, charger, location, at);
                        assertEquals(quoted, at(table, s, charger, location, at),
                                () -> s + " " + charger + " " + location + " " + at + " of " + t.rates());
                    }
                }
            }
        }
    }

    @Test
    void the_demo_tariff_shows_8_for_ac_and_12_for_dc_and_the_list_price_for_swaps() {
        Tariff demo = tariff(List.of(new Rate(Service.CHARGING, null, null, null, null, new BigDecimal("8")),
                new Rate(Service.CHARGING, "DC", null, null, null, new BigDecimal("12"))));
        UnitPrices table = UnitPrices.of(demo);
        LocalTime noon = LocalTime.NOON;
        assertEquals(Optional.of(new BigDecimal("12")), at(table, Service.CHARGING, "DC", "cz-mg-road", noon));
        assertEquals(Optional.of(new BigDecimal("8")), at(table, Service.CHARGING, "AC", "cz-mg-road", noon));
        assertEquals(Optional.empty(), at(table, Service.BATTERY_SWAP, null, "log9", noon),
                "no swap rate: the list price");
        assertEquals(List.of("DC"), table.chargerTypes());
        assertEquals(List.of(), table.locations());
        assertEquals(2, table.prices().size(), "CHARGING for DC and for any other charger: " + table.prices());
        agrees(demo);
    }

    @Test
    void time_windows_split_the_day_and_one_that_wraps_midnight_too() {
        Tariff t = tariff(List.of(new Rate(Service.CHARGING, null, null, null, null, new BigDecimal("10")),
                new Rate(Service.CHARGING, null, null, LocalTime.of(22, 0), LocalTime.of(6, 0), new BigDecimal("7")),
                new Rate(Service.CHARGING, "DC", "l1", LocalTime.of(17, 30), LocalTime.of(21, 0),
                        new BigDecimal("15"))));
        UnitPrices table = UnitPrices.of(t);
        UnitPrices.Entry anyCharger = table.prices().stream()
                .filter(e -> e.service().equals("CHARGING") && e.chargerType() == null && e.locationId() == null)
                .findFirst().orElseThrow();
        assertEquals(List.of(new UnitPrices.Window(LocalTime.MIDNIGHT, new BigDecimal("7")),
                new UnitPrices.Window(LocalTime.of(6, 0), new BigDecimal("10")),
                new UnitPrices.Window(LocalTime.of(22, 0), new BigDecimal("7"))), anyCharger.windows(),
                "merged where equal");
        assertEquals(Optional.of(new BigDecimal("15")), at(table, Service.CHARGING, "dc", "l1", LocalTime.of(18, 0)));
        assertEquals(Optional.of(new BigDecimal("7")), at(table, Service.CHARGING, "DC", "l1", LocalTime.of(23, 59)));
        agrees(t);
    }

    @Test
    void random_tariffs_never_disagree_with_the_quotes() {
        Random random = new Random(20261205);
        for (int n = 0; n < 200; n++) {
            List<Rate> rates = new ArrayList<>();
            int count = random.nextInt(7);
            for (int i = 0; i < count; i++) {
                Service service = random.nextBoolean() ? null : Service.values()[random.nextInt(3)];
                String charger = random.nextBoolean() ? null : random.nextBoolean() ? "AC" : "DC";
                String location = random.nextBoolean() ? null : "l" + (1 + random.nextInt(2));
                LocalTime from = null;
                LocalTime to = null;
                if (random.nextInt(3) == 0) {
                    from = LocalTime.of(random.nextInt(24), random.nextInt(4) * 15);
                    to = LocalTime.of(random.nextInt(24), random.nextInt(4) * 15);
                    if (from.equals(to)) {
                        to = from.plusHours(1);
                    }
                }
                rates.add(new Rate(service, charger, location, from, to, BigDecimal.valueOf(random.nextInt(3000), 2)));
            }
            agrees(tariff(rates));
        }
    }

    @Test
    void a_tariff_without_rates_shows_the_list_price_everywhere() {
        UnitPrices table = UnitPrices.of(tariff(List.of()));
        assertTrue(table.prices().isEmpty());
        assertEquals(Optional.empty(), at(table, Service.CHARGING, "DC", "l1", LocalTime.NOON));
    }
}
