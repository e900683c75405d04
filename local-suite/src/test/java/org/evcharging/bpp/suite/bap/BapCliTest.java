package org.evcharging.bpp.suite.bap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BapCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void the_search_intent_is_a_circle_around_the_point() {
        JsonNode m = BapCli.searchMessage("12.9716,77.5946", "5");
        JsonNode location = m.at("/intent/fulfillment/stops/0/location");
        assertEquals("12.9716,77.5946", location.path("gps").asText());
        assertEquals("12.9716,77.5946", location.at("/circle/gps").asText());
        assertEquals("{\"type\":\"CONSTANT\",\"value\":\"5\",\"unit\":\"km\"}",
                location.at("/circle/radius").toString());
    }

    @Test
    void an_empty_catalog_says_no_providers() throws Exception {
        assertEquals("no providers\n", BapCli.catalogTable(JSON.readTree("{\"descriptor\":{\"name\":\"x\"}}")));
    }

    @Test
    void the_table_has_a_line_per_fulfillment_with_its_station_charger_price_and_add_ons() throws Exception {
        JsonNode catalog = JSON.readTree(
                """
                        {"providers":[{"id":"p1","descriptor":{"name":"Chargezone"},"rating":"4.5",
                          "locations":[{"id":"l1","descriptor":{"name":"MG Road"},"gps":"12.1,77.1"}],
                          "fulfillments":[{"id":"c1","type":"CHARGING","stops":[{"location":{"id":"l1"}}],
                             "tags":[{"list":[{"descriptor":{"code":"charger-type"},"value":"DC"},
                                              {"descriptor":{"code":"connector-type"},"value":"CCS2"},
                                              {"descriptor":{"code":"power-rating"},"value":"60kW"},
                                              {"descriptor":{"code":"availability"},"value":"Available"},
                                              {"descriptor":{"code":"distance"},"value":"1.2 km"}]}]}],
                          "items":[{"id":"i1","price":{"value":"8","currency":"INR","minimum_value":"8","maximum_value":"18"},
                                    "quantity":{"available":{"measure":{"value":"100","unit":"kWh"}}},
                                    "fulfillment_ids":["c1"],"add_ons":[{"descriptor":{"name":"Free car wash"}}],
                                    "tags":[{"descriptor":{"code":"unit-prices"},"list":[{"descriptor":{"code":"c1"},"value":"18"}]}]}]}]}
                        """);
        String table = BapCli.catalogTable(catalog);
        String[] lines = table.split("\n");
        assertEquals(2, lines.length, table);
        assertTrue(lines[0].startsWith("PROVIDER"), table);
        assertTrue(
                lines[1].matches(
                        "Chargezone\\s+4\\.5\\s+MG Road\\s+1\\.2 km\\s+CHARGING\\s+DC\\s+CCS2\\s+60kW\\s+Available"
                                + "\\s+18 INR/kWh\\s+Free car wash\\s*"),
                "the price at this charger, not the item's lowest: " + table);
    }

    @Test
    void the_bill_lists_each_line_the_total_and_the_validity() throws Exception {
        JsonNode order = JSON.readTree("""
                {"provider":{"id":"chargezone.in","descriptor":{"name":"Chargezone"}},
                 "quote":{"id":"q1","price":{"value":"37.76","currency":"INR"},"ttl":"PT15M",
                          "breakup":[{"title":"Estimated units consumed","price":{"value":"32.00","currency":"INR"}},
                                     {"title":"GST 18%","price":{"value":"5.76","currency":"INR"}}]}}
                """);
        String bill = BapCli.bill(order);
        assertTrue(bill.startsWith("Chargezone - quote q1\n"), bill);
        assertTrue(bill.matches(
                "(?s).*Estimated units consumed\\s+32\\.00 INR\n.*GST 18%\\s+5\\.76 INR\n.*TOTAL\\s+37\\.76 INR\n.*valid for PT15M, until .*"),
                bill);
    }

    @Test
    void a_slot_is_today_in_india_or_tomorrow_once_started() {
        java.time.OffsetDateTime[] slot = BapCli.slot("10:00-10:30");
        assertEquals(java.time.Duration.ofMinutes(30), java.time.Duration.between(slot[0], slot[1]));
        assertTrue(slot[0].isAfter(java.time.OffsetDateTime.now()), slot[0].toString());
        assertEquals(java.time.ZoneOffset.ofHoursMinutes(5, 30), slot[0].getOffset());
    }

    @Test
    void the_charge_slot_starts_this_minute_in_india() {
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2025-03-01T04:30:20Z"),
                java.time.ZoneOffset.UTC);
        java.time.OffsetDateTime[] slot = BapCli.slotFromNow(clock);
        assertEquals(java.time.OffsetDateTime.parse("2025-03-01T10:00:00+05:30"), slot[0]);
        assertEquals(java.time.OffsetDateTime.parse("2025-03-01T10:30:00+05:30"), slot[1]);
        assertEquals(java.time.ZoneOffset.ofHoursMinutes(5, 30), slot[0].getOffset());
    }

    @Test
    void late_in_a_minute_the_charge_slot_starts_at_the_next() {
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2025-03-01T04:30:50Z"),
                java.time.ZoneOffset.UTC);
        assertEquals(java.time.OffsetDateTime.parse("2025-03-01T10:01:00+05:30"), BapCli.slotFromNow(clock)[0]);
    }

    @Test
    void the_progress_line_has_a_bar_the_percent_energy_amount_and_times() throws Exception {
        String line = BapCli.progressLine(SessionFlow.progress(JSON.readTree(SessionFlowTest.CHARGING)));
        assertEquals("[###################-----------]   65 %  2.600 kWh  38.35 INR  elapsed 0:02:36  left 0:01:24",
                line);
    }

    @Test
    void the_final_bill_shows_the_lines_the_final_amount_what_was_paid_and_the_refund() throws Exception {
        SessionFlow.Bill parsed = SessionFlow.bill(JSON.readTree(SessionFlowTest.ENDED));
        String bill = BapCli.finalBill(parsed);
        assertEquals("""
                final bill - order o1 COMPLETE (charging-ended)
                  Energy (3.25 kWh)        39.00 INR
                  Reservation               2.85 INR
                  GST 18%                   7.53 INR
                  FINAL AMOUNT             49.38 INR
                  paid in advance          59.00 INR
                  refund                    9.62 INR (PENDING)
                """, bill);
        assertTrue(BapCli.addsUp(parsed));
    }

    @Test
    void a_cancellation_shows_who_why_what_stays_paid_and_the_refund() throws Exception {
        SessionFlow.Bill parsed = SessionFlow.bill(JSON.readTree(SessionFlowTest.CANCELLED));
        assertEquals("""
                order o2 CANCELLED (order-cancelled) by the user: Can't make it on time
                  paid in advance                     59.00 INR
                  energy delivered, as billed         19.00 INR
                  cancellation fee                     5.00 INR
                  REFUND                              35.00 INR (PENDING)
                """, BapCli.cancellation(parsed));
        assertTrue(BapCli.addsUp(parsed));
    }

    @Test
    void a_bill_that_does_not_add_up_is_said_to_be_wrong() throws Exception {
        SessionFlow.Bill wrongTotal = SessionFlow
                .bill(JSON.readTree(SessionFlowTest.ENDED.replace("\"49.38\",\"currency\"", "\"49.39\",\"currency\"")));
        assertFalse(BapCli.addsUp(wrongTotal));
        assertTrue(
                BapCli.finalBill(wrongTotal)
                        .contains("BILL DOES NOT ADD UP: the lines add up to 49.38, the final amount is 49.39"),
                BapCli.finalBill(wrongTotal));
        SessionFlow.Bill wrongRefund = SessionFlow
                .bill(JSON.readTree(SessionFlowTest.CANCELLED.replace("\"35.00\"}", "\"36.00\"}")));
        assertFalse(BapCli.addsUp(wrongRefund), BapCli.cancellation(wrongRefund));
    }

    @Test
    void unknown_or_bad_options_fail_before_anything_is_sent() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> BapCli.run(new String[] {"charge", "p", "i", "--stop-at", "80"}));
        assertEquals("unknown option --stop-at", unknown.getMessage());
        IllegalArgumentException percent = assertThrows(IllegalArgumentException.class,
                () -> BapCli.run(new String[] {"charge", "p", "i", "--stop-at-percent", "150"}));
        assertTrue(percent.getMessage().contains("1 to 100"), percent.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BapCli.run(new String[] {"cancel", "o1", "--reason"}));
    }

    @Test
    void charge_and_cancel_without_their_arguments_print_the_usage() throws Exception {
        assertEquals(2, BapCli.run(new String[] {"charge", "p"}));
        assertEquals(2, BapCli.run(new String[] {"cancel"}));
        assertTrue(BapCli.usage().contains("bap charge PROVIDER ITEM"));
        assertTrue(BapCli.usage().contains("bap rate ID"));
        assertTrue(BapCli.usage().contains("bap support ORDER"));
        assertTrue(BapCli.usage().contains("--min-rating"));
        assertTrue(BapCli.usage().contains("bap cancel ORDER"));
    }
}
