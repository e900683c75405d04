package org.evcharging.bpp.quote.application;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OpeningHoursTest {

    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);

    @Test
    void a_slot_inside_the_day_s_hours_fits_and_one_crossing_closing_time_does_not() {
        assertTrue(Quoting.withinHours("06:00-23:00", at(10, 0), at(10, 30), IST));
        assertTrue(Quoting.withinHours("06:00-23:00", at(22, 30), at(23, 0), IST), "ending at closing time");
        assertFalse(Quoting.withinHours("06:00-23:00", at(22, 45), at(23, 15), IST));
        assertFalse(Quoting.withinHours("06:00-23:00", at(5, 30), at(6, 30), IST));
    }

    @Test
    void hours_that_pass_midnight_cover_the_night_on_both_sides() {
        assertTrue(Quoting.withinHours("18:00-02:00", at(23, 30), at(0, 30).plusDays(1), IST));
        assertTrue(Quoting.withinHours("18:00-02:00", at(1, 0), at(1, 30), IST),
                "the morning part of yesterday's evening");
        assertFalse(Quoting.withinHours("18:00-02:00", at(2, 0), at(2, 30), IST));
    }

    @Test
    void the_slot_is_judged_in_the_station_s_local_time() {
        // 17:45 UTC is 23:15 in India: after closing
        OffsetDateTime utc = OffsetDateTime.of(2026, 12, 1, 17, 45, 0, 0, ZoneOffset.UTC);
        assertFalse(Quoting.withinHours("06:00-23:00", utc, utc.plusMinutes(30), IST));
    }

    private static OffsetDateTime at(int h, int m) {
        return OffsetDateTime.of(2026, 12, 1, h, m, 0, 0, IST);
    }
}
