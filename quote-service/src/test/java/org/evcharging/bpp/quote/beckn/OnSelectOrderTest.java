package org.evcharging.bpp.quote.beckn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.evcharging.bpp.quote.catalog.CatalogOffer;
import org.evcharging.bpp.quote.pricing.Quote;
import org.evcharging.bpp.quote.pricing.QuoteCalculator;
import org.evcharging.bpp.quote.pricing.QuoteRequest;
import org.evcharging.bpp.quote.pricing.Tariff;
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
                    new BigDecimal("100"), List.of("CHARGING"), List.of(new CatalogOffer.AddOn("wash", "Car wash", new BigDecimal("49")))),
            new CatalogOffer.Fulfillment("c1", "CHARGING", "l1", "12.9,77.6", "DC", "CCS2", 60.0, "Available", null));

    /** 4.5 kWh on DC for a blocked half hour with a car wash, for a two-wheeler. */
    static Quote demoQuote() {
        return new QuoteCalculator(IST).price(DEMO, new QuoteRequest(Tariff.Service.CHARGING, "DC", "l1",
                new BigDecimal("4.5"), "kWh", new BigDecimal("12"), NOW.plusHours(1), NOW.plusHours(1).plusMinutes(30), true,
                List.of(new QuoteRequest.AddOn("wash", "Car wash", new BigDecimal("49"))),
                new Tariff.Customer("bap", "2W", null, false)), NOW);
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
        var quote = OnSelectOrder.message("q1", OFFER, s, demoQuote(), Duration.ofMinutes(15), NOW).path("order").path("quote");
        assertEquals(JSON.readTree("""
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
                """), quote);
    }
}
