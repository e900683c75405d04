package org.evcharging.bpp.catalog.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PriceListTest {

    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);

    /** As quote-service publishes the demo tariff: AC (any other charger) 8, DC 12, nothing for swaps. */
    private static final PriceList DEMO = new PriceList(3, "INR", IST, Set.of("DC"), Set.of(), List.of(
            new PriceList.Entry(FulfillmentType.CHARGING, "DC", null,
                    List.of(new PriceList.Window(LocalTime.MIDNIGHT, new BigDecimal("12")))),
            new PriceList.Entry(FulfillmentType.CHARGING, null, null,
                    List.of(new PriceList.Window(LocalTime.MIDNIGHT, new BigDecimal("8"))))));

    /** Instant of a local (IST) time on a day. */
    private static Instant at(int hour, int minute) {
        return LocalTime.of(hour, minute).atDate(java.time.LocalDate.of(2026, 12, 5)).atOffset(IST).toInstant();
    }

    @Test
    void a_charger_type_the_list_names_gets_its_price_any_other_the_price_for_others() {
        assertEquals(Optional.of(new BigDecimal("12")),
                DEMO.at(FulfillmentType.CHARGING, "DC", "cz-mg-road", at(12, 0)));
        assertEquals(Optional.of(new BigDecimal("12")), DEMO.at(FulfillmentType.CHARGING, "dc", null, at(12, 0)));
        assertEquals(Optional.of(new BigDecimal("8")),
                DEMO.at(FulfillmentType.CHARGING, "AC", "cz-mg-road", at(12, 0)));
        assertEquals(Optional.empty(), DEMO.at(FulfillmentType.BATTERY_SWAP, null, "log9", at(12, 0)),
                "the list price");
    }

    @Test
    void windows_are_in_the_providers_local_time_and_a_null_price_is_the_list_price() {
        PriceList night = new PriceList(1, "INR", IST, Set.of(), Set.of("l1"), List.of(
                new PriceList.Entry(FulfillmentType.CHARGING, null, "l1", List.of(
                        new PriceList.Window(LocalTime.MIDNIGHT, new BigDecimal("7")),
                        new PriceList.Window(LocalTime.of(6, 0), null),
                        new PriceList.Window(LocalTime.of(22, 0), new BigDecimal("7"))))));
        assertEquals(Optional.of(new BigDecimal("7")), night.at(FulfillmentType.CHARGING, "AC", "l1", at(5, 59)));
        assertEquals(Optional.empty(), night.at(FulfillmentType.CHARGING, "AC", "l1", at(6, 0)),
                "daytime: the list price");
        assertEquals(Optional.of(new BigDecimal("7")), night.at(FulfillmentType.CHARGING, "AC", "l1", at(23, 0)));
        assertEquals(Optional.empty(), night.at(FulfillmentType.CHARGING, "AC", "l2", at(23, 0)), "another place");
        assertEquals(3, night.day(FulfillmentType.CHARGING, "DC", "l1").size());
        // 00:30 UTC is 06:00 in India
        assertEquals(Optional.empty(),
                night.at(FulfillmentType.CHARGING, null, "l1", Instant.parse("2026-12-05T00:30:00Z")));
    }

    @Test
    void it_is_kept_as_json_and_read_back_the_same() {
        PriceList back = PriceList.fromJson(DEMO.toJson());
        assertEquals(3, back.version());
        assertEquals("INR", back.currency());
        assertEquals(IST, back.offset());
        assertEquals(Set.of("DC"), back.chargerTypes());
        assertEquals(DEMO.entries(), back.entries());
        assertEquals(Optional.of(new BigDecimal("12")), back.at(FulfillmentType.CHARGING, "DC", "x", at(9, 0)));
    }
}
