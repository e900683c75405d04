package org.evcharging.bpp.order.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.evcharging.bpp.order.application.tracking.Tracking;
import org.junit.jupiter.api.Test;

/** The tracking page and its JSON say the same, escape what they show, and say when tracking ended. */
class TrackingPageTest {

    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);

    private static Tracking.View view(String state, boolean ended, String provider) {
        return new Tracking.View(state, ended ? "Charging completed" : "Charging", ended, provider, "cz-mg-1-ccs2",
                false, new BigDecimal("1.2345"), new BigDecimal("4"), "kWh", null, 30, new BigDecimal("20.5"),
                new BigDecimal("97.94"), "INR", Instant.parse("2026-12-01T05:00:00Z"));
    }

    @Test
    void a_live_page_shows_the_figures_and_loads_its_script() {
        Tracking.View v = view("charging", false, "Chargezone <Fast>");
        Map<String, String> t = TrackingPage.texts(v, IST);
        assertEquals("1.235 kWh of 4.000 kWh booked", t.get("energy"));
        assertEquals("20.50 INR", t.get("cost"));
        assertEquals("Cost so far", t.get("cost-label"));
        assertEquals("10:30:00 (UTC+05:30)", t.get("updated"));
        String page = TrackingPage.page(v, IST);
        assertTrue(page.contains("<dd id=\"energy\">1.235 kWh of 4.000 kWh booked</dd>"), page);
        assertTrue(page.contains("Chargezone &lt;Fast&gt;"), "escaped: " + page);
        assertTrue(page.contains("<script type=\"module\" src=\"track.js\"></script>"), page);
        assertTrue(page.contains("<p id=\"ended\" hidden>"), page);
        assertTrue(page.contains("http-equiv=\"refresh\""), "reloads without scripts: " + page);
    }

    @Test
    void an_ended_page_says_tracking_ended_and_shows_the_final_cost() {
        Tracking.View v = view("completed", true, "Chargezone");
        Map<String, String> t = TrackingPage.texts(v, IST);
        assertEquals("Final cost", t.get("cost-label"));
        assertTrue(t.get("ended").startsWith("Tracking ended"));
        String page = TrackingPage.page(v, IST);
        assertTrue(page.contains("<p id=\"ended\"><strong>Tracking ended"), page);
        assertFalse(page.contains("http-equiv=\"refresh\""), page);
    }
}
