package org.evcharging.bpp.quote.beckn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.evcharging.bpp.quote.application.SelectRequest;
import org.evcharging.bpp.quote.infrastructure.catalog.CatalogOffer;
import org.evcharging.bpp.quote.domain.pricing.Quote;
import org.evcharging.bpp.quote.domain.pricing.QuoteCalculator;
import org.evcharging.bpp.quote.domain.pricing.QuoteRequest;
import org.evcharging.bpp.quote.domain.pricing.Tariff;
import org.junit.jupiter.api.Test;

class OnSelectOrderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 25, 12, 0, 0, 0, IST);

    /** The demo tariff of chargezone.in: DC at 12/kWh, block fee 20 + 0.5/min, CGST and SGST 9 % each, 2W 10 % off. */
    static final Tariff DEMO = new Tariff("chargezone.in", "INR",
            List.of(new Tariff.Rate(Tariff.Service.CHARGING, "DC", null, null, null, new BigDecimal("12"))),
            new Tariff.BlockFee(new BigDecimal("20"), new BigDecimal("0.5")),
            List.of(new Tariff.Tax("CGST", new BigDecimal("9"), Tariff.Service.CHARGING),
                    new Tariff.Tax("SGST", new BigDecimal("9"), Tariff.Service.CHARGING)),
            List.of(new Tariff.Discount("two-wheeler", "Two-wheeler offer", Tariff.Discount.Kind.PERCENT,
                    new BigDecimal("10"), true, null, "2W", null, null)));

    static final CatalogOffer OFFER = new CatalogOffer(
            new CatalogOffer.Provider("chargezone.in", "ChargeZone", null, List.of(), null),
            new CatalogOffer.Item("pe-charging-01", "energy", "EV Charging", "KWH", new BigDecimal("12"), "INR",
                    new BigDecimal("100"), List.of("CHARGING"),
                    List.of(new CatalogOffer.AddOn("wash", "Car wash", new BigDecimal("49")))),
            new CatalogOffer.Fulfillment("c1", "CHARGING", "l1", "12.9,77.6", "DC", "CCS2", 60.0, "Available", null));

    /** 4.5 kWh on DC for a blocked half hour with a car wash, for a two-wheeler. */
    static Quote demoQuote() {
        return new QuoteCalculator(IST).price(DEMO, new QuoteRequest(Tariff.Service.CHARGING, "DC", "l1",
                new BigDecimal("4.5"), "kWh", new BigDecimal("12"), NOW.plusHours(1), NOW.plusHours(1).plusMinutes(30),
                true,
                List.of(new QuoteRequest.AddOn("wash", "Car wash", new BigDecimal("49"))),
                new Tariff.Customer("bap", "2W", null, false)), NOW);
    }

    @Test
    void the_item_shows_the_unit_price_the_quote_applies_not_the_catalogs_list_price() throws Exception {
        CatalogOffer listedAt8 = new CatalogOffer(OFFER.provider(), new CatalogOffer.Item("pe-charging-01", "energy",
                "EV Charging", "KWH", new BigDecimal("8"), "INR", new BigDecimal("100"), List.of("CHARGING"),
                List.of()),
                OFFER.fulfillment());
        SelectRequest s = SelectRequest.from(JSON.readTree("{\"order\":{\"provider\":{\"id\":\"chargezone.in\"},"
                + "\"items\":[{\"id\":\"pe-charging-01\",\"quantity\":{\"selected\":{\"measure\":{\"value\":\"4\",\"unit\":\"kWh\"}}}}],"
                + "\"fulfillments\":[{\"id\":\"c1\"}]}}"));
        Quote dc = new QuoteCalculator(IST).price(DEMO, new QuoteRequest(Tariff.Service.CHARGING, "DC", "l1",
                new BigDecimal("4"), "kWh", new BigDecimal("8"), null, null, false, List.of(),
                new Tariff.Customer("bap", null, null, false)), NOW);
        var order = QuoteMessages.message("q2", listedAt8, s, dc, Duration.ofMinutes(15), NOW, List.of()).path("order");
        assertEquals("12", order.at("/items/0/price/value").asText(), "DC at 12, as the energy line");
        assertEquals("12", order.at("/quote/breakup/0/item/price/value").asText());
        assertEquals("kWh", order.at("/items/0/quantity/selected/measure/unit").asText());
    }

    @Test
    void a_swap_line_is_coded_battery_swap_and_reads_back_as_the_energy_line() {
        Quote q = new QuoteCalculator(IST).price(new Tariff("log9.in", "INR", List.of(), Tariff.BlockFee.NONE,
                List.of(new Tariff.Tax("GST", new BigDecimal("18"), null)), List.of()),
                new QuoteRequest(
                        Tariff.Service.BATTERY_SWAP, null, "s1", new BigDecimal("2"), "swap", new BigDecimal("10"),
                        null, null,
                        false, List.of(), new Tariff.Customer("bap", null, null, false)),
                NOW);
        var breakup = QuoteBreakup.write(JSON.createArrayNode(), q, "pe-swap-01");
        assertEquals("battery-swap", breakup.at("/0/item/descriptor/code").asText());
        assertEquals("Battery swaps", breakup.at("/0/title").asText());
        assertEquals("tax", breakup.at("/1/item/descriptor/code").asText());
        var quote = JSON.createObjectNode();
        quote.putObject("price").put("value", q.total().toPlainString()).put("currency", "INR");
        quote.set("breakup", breakup);
        Quote read = QuoteBreakup.read(quote);
        assertEquals(Quote.Kind.ENERGY, read.lines().get(0).kind());
        assertEquals(new BigDecimal("2"), read.lines().get(0).quantity());
    }

    @Test
    void a_first_select_offers_the_next_half_hours_nobody_else_holds() throws Exception {
        SelectRequest s = SelectRequest.from(JSON.readTree("{\"order\":{\"provider\":{\"id\":\"chargezone.in\"},"
                + "\"items\":[{\"id\":\"pe-charging-01\",\"quantity\":{\"selected\":{\"measure\":{\"value\":\"4\",\"unit\":\"kWh\"}}}}],"
                + "\"fulfillments\":[{\"id\":\"c1\"}]}}"));
        OffsetDateTime now = OffsetDateTime.of(2026, 12, 5, 9, 10, 0, 0, IST);
        // someone holds 10:00-11:00: of 09:30, 10:00, 10:30, 11:00, 11:30 the two in that hour are left out
        List<org.evcharging.bpp.quote.infrastructure.slots.Slots.Claim> taken = List
                .of(new org.evcharging.bpp.quote.infrastructure.slots.Slots.Claim(
                        OffsetDateTime.of(2026, 12, 5, 10, 0, 0, 0, IST).toInstant(),
                        OffsetDateTime.of(2026, 12, 5, 11, 0, 0, 0, IST).toInstant()));
        var order = QuoteMessages.message("q3", OFFER, s, demoQuote(), Duration.ofMinutes(15), now, taken)
                .path("order");
        List<String> slots = new java.util.ArrayList<>();
        for (var group : order.at("/fulfillments/0/tags")) {
            for (var t : group.path("list")) {
                if ("slot".equals(t.at("/descriptor/code").asText())) {
                    slots.add(t.path("value").asText());
                }
            }
        }
        assertEquals(List.of("2026-12-05T09:30:00+05:30/2026-12-05T10:00:00+05:30",
                "2026-12-05T11:00:00+05:30/2026-12-05T11:30:00+05:30",
                "2026-12-05T11:30:00+05:30/2026-12-05T12:00:00+05:30",
                "2026-12-05T12:00:00+05:30/2026-12-05T12:30:00+05:30"), slots);
    }

    @Test
    void the_quote_breakup_has_one_beckn_item_per_priced_line() throws Exception {
        SelectRequest s = SelectRequest.from(JSON.readTree("""
                {"order":{"provider":{"id":"chargezone.in"},"items":[{"id":"pe-charging-01",
                  "quantity":{"selected":{"measure":{"value":"4.5","unit":"kWh"}}},"add_ons":[{"id":"wash"}]}],
                  "fulfillments":[{"id":"c1","vehicle":{"category":"2W"},
                    "stops":[{"type":"start","time":{"timestamp":"2026-11-25T13:00:00+05:30"}},
                             {"type":"end","time":{"timestamp":"2026-11-25T13:30:00+05:30"}}]}]}}
                """));
        var quote = QuoteMessages.message("q1", OFFER, s, demoQuote(), Duration.ofMinutes(15), NOW, List.of())
                .path("order").path("quote");
        assertEquals(
                JSON.readTree(
                        """
                                {"id":"q1","price":{"value":"152.34","currency":"INR"},"breakup":[
                                 {"title":"Estimated units consumed","item":{"id":"pe-charging-01",
                                   "descriptor":{"name":"Estimated units consumed","code":"energy"},
                                   "quantity":{"selected":{"measure":{"value":"4.5","unit":"kWh"}}},"price":{"value":"12","currency":"INR"}},
                                  "price":{"value":"54.00","currency":"INR"}},
                                 {"title":"Reservation of the charger (30 min)",
                                  "item":{"descriptor":{"name":"Reservation of the charger (30 min)","code":"reservation"}},
                                  "price":{"value":"35.00","currency":"INR"}},
                                 {"title":"Car wash","item":{"id":"wash","descriptor":{"name":"Car wash","code":"add-on"}},
                                  "price":{"value":"49.00","currency":"INR"}},
                                 {"title":"Two-wheeler offer","item":{"descriptor":{"name":"Two-wheeler offer","code":"discount"}},
                                  "price":{"value":"-8.90","currency":"INR"}},
                                 {"title":"CGST 9%","item":{"descriptor":{"name":"CGST 9%","code":"tax"}},"price":{"value":"11.62","currency":"INR"}},
                                 {"title":"SGST 9%","item":{"descriptor":{"name":"SGST 9%","code":"tax"}},"price":{"value":"11.62","currency":"INR"}}],
                                 "ttl":"PT15M"}
                                """),
                quote);
    }
}
