package org.evcharging.bpp.suite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.evcharging.bpp.suite.bap.BapCli;
import org.evcharging.bpp.suite.bap.BapClient;
import org.evcharging.bpp.suite.bap.SessionFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One price from search to bill: for every connector and swap station of the demo network, the unit price on_search
 * shows there is the unit price on_select applies (the item's price and the energy line's) and the unit price of the
 * bill quote-service makes for what is delivered. Chargezone's tariff charges DC 12 and AC 8 per kWh; Log9 has no
 * tariff (its list price, 10 a swap).
 */
class OnePriceIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    @RegisterExtension
    static final DemoBap DEMO = new DemoBap();

    /** The demo network's catalog around Bengaluru, every location in it. */
    private static JsonNode catalog() throws Exception {
        BapClient.Sent sent = DEMO.bap().send("search", BapCli.searchMessage("12.9716,77.5946", "30"));
        assertTrue(sent.acked(), sent.body());
        return DEMO.bap().awaitCallback(sent.messageId(), "on_search", WAIT).body().at("/message/catalog");
    }

    /** Each item's unit price at each of its fulfillments, as on_search shows it: provider|item|fulfillment → price. */
    private static Map<String, String> searchPrices(JsonNode catalog) {
        Map<String, String> prices = new LinkedHashMap<>();
        for (JsonNode p : catalog.path("providers")) {
            for (JsonNode i : p.path("items")) {
                Map<String, String> tagged = SessionFlow.tagGroup(i.path("tags"), "unit-prices");
                for (JsonNode f : i.path("fulfillment_ids")) {
                    prices.put(p.path("id").asText() + "|" + i.path("id").asText() + "|" + f.asText(),
                            tagged.get(f.asText()));
                }
            }
        }
        return prices;
    }

    /** The catalog once it shows Chargezone's tariff (published by quote-service within seconds of the suite's start). */
    private static JsonNode catalogWithTariff() throws Exception {
        return await("the catalog shows Chargezone's tariff").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(OnePriceIT::catalog,
                        c -> "12".equals(searchPrices(c).get("chargezone.in|pe-charging-01|cz-mg-1-ccs2")));
    }

    private static ObjectNode select(String provider, String item, String fulfillment, boolean swap) {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        ObjectNode order = message.putObject("order");
        order.putObject("provider").put("id", provider);
        ObjectNode it = order.putArray("items").addObject().put("id", item);
        if (swap) {
            it.putObject("quantity").putObject("selected").put("count", 2);
        } else {
            it.putObject("quantity").putObject("selected").putObject("measure").put("value", "3").put("unit", "kWh");
        }
        order.putArray("fulfillments").addObject().put("id", fulfillment);
        return message;
    }

    @Test
    void every_connector_and_swap_station_costs_in_the_bill_what_search_and_select_said() throws Exception {
        Map<String, String> shown = searchPrices(catalogWithTariff());
        List<String> expected = List.of("chargezone.in|pe-charging-01|cz-mg-1-ccs2=12",
                "chargezone.in|pe-charging-01|cz-mg-2-chademo=12",
                "chargezone.in|pe-charging-01|cz-mg-3-type2=8", "chargezone.in|pe-charging-01|cz-in-1-ccs2=12",
                "chargezone.in|pe-charging-01|cz-in-2-type2=8", "chargezone.in|pe-charging-01|cz-wf-1-ccs2=12",
                "log9.in|pe-swap-01|log9-jn-swap-1=10", "log9.in|pe-swap-01|pe-swap-01-mobile-swap=10");
        List<String> seen = new ArrayList<>();
        shown.forEach((k, v) -> seen.add(k + "=" + v));
        assertTrue(seen.containsAll(expected), "every demo charger and swap station, priced by its tariff: " + seen);

        String service = DEMO.suite().tokens().service("order-service", "quote", List.of("service"),
                Duration.ofMinutes(5));
        for (Map.Entry<String, String> e : shown.entrySet()) {
            String[] key = e.getKey().split("\\|");
            if (!List.of("chargezone.in", "log9.in").contains(key[0])) {
                continue; // the demo network's; other tests onboard their own
            }
            boolean swap = key[1].contains("swap");
            BigDecimal searched = new BigDecimal(e.getValue());

            BapClient.Sent sent = DEMO.bap().send("select", UUID.randomUUID().toString(),
                    select(key[0], key[1], key[2], swap));
            assertTrue(sent.acked(), sent.body());
            JsonNode order = DEMO.bap().awaitCallback(sent.messageId(), "on_select", WAIT).body().at("/message/order");
            assertFalse(order.isMissingNode(), e.getKey() + " was quoted");
            assertEquals(searched, new BigDecimal(order.at("/items/0/price/value").asText()),
                    e.getKey() + ": the item's price");
            JsonNode energy = order.at("/quote/breakup/0");
            assertEquals(swap ? "battery-swap" : "energy", energy.at("/item/descriptor/code").asText(), e.getKey());
            assertEquals(searched, new BigDecimal(energy.at("/item/price/value").asText()),
                    e.getKey() + ": the unit price applied");
            assertEquals(searched.multiply(new BigDecimal(swap ? "2" : "3")).setScale(2),
                    new BigDecimal(energy.at("/price/value").asText()),
                    e.getKey() + ": quantity x unit price");

            String delivered = swap ? "1" : "1.25";
            HttpResponse<String> bill = CatalogFixtures.callAt(
                    DEMO.suite().serviceUrl("quote") + "/internal/quotes/v1/quotes/"
                            + order.at("/quote/id").asText() + "/settlement",
                    "POST", service, "{\"delivered\": \"" + delivered + "\"}");
            assertEquals(200, bill.statusCode(), bill.body());
            JsonNode line = CatalogFixtures.JSON.readTree(bill.body()).path("lines").path(0);
            assertEquals("ENERGY", line.path("kind").asText());
            assertEquals(0, searched.compareTo(new BigDecimal(line.path("unitPrice").asText())),
                    e.getKey() + ": the bill's unit price");
            assertEquals(searched.multiply(new BigDecimal(delivered)).setScale(2, java.math.RoundingMode.HALF_UP),
                    new BigDecimal(line.path("amount").asText()), e.getKey() + ": delivered x unit price");
        }
    }

    @Test
    void the_catalog_shows_the_tariff_s_revision_and_publishing_it_changes_nothing_more() throws Exception {
        catalogWithTariff();
        String operator = DEMO.suite().tokens().operator();
        JsonNode before = CatalogFixtures.json(CatalogFixtures.callAt(DEMO.suite().serviceUrl("quote")
                + "/quotes/v1/tariffs/chargezone.in/publication", "GET", operator, null));
        long revision = before.path("revision").asLong();
        assertTrue(revision > 0, before.toString());
        assertEquals(revision, before.path("publishedRevision").asLong(), "published: " + before);
        assertEquals(0, before.path("failedAttempts").asInt(), before.toString());
        JsonNode shown = CatalogFixtures.json(CatalogFixtures.callAt(DEMO.suite().serviceUrl("catalog")
                + "/catalog/v1/providers/chargezone.in/unit-prices", "GET", operator, null));
        assertEquals(revision, shown.path("version").asLong(), "the catalog has that revision's prices");

        // for more than a sweep: nothing is due, so nothing is published again
        await("publishing did not make the tariff look changed").during(Duration.ofMillis(6500))
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> CatalogFixtures.json(CatalogFixtures.callAt(DEMO.suite().serviceUrl("quote")
                        + "/quotes/v1/tariffs/chargezone.in/publication", "GET", operator, null)), before::equals);

        String older = CatalogFixtures.JSON
                .writeValueAsString(((com.fasterxml.jackson.databind.node.ObjectNode) shown.deepCopy())
                        .put("version", revision - 1));
        HttpResponse<String> stale = CatalogFixtures.callAt(DEMO.suite().serviceUrl("catalog")
                + "/internal/catalog/v1/providers/chargezone.in/unit-prices", "PUT", operator, older);
        assertEquals(409, stale.statusCode(), "an older version is refused: " + stale.body());
        String ahead = CatalogFixtures.JSON
                .writeValueAsString(((com.fasterxml.jackson.databind.node.ObjectNode) shown.deepCopy())
                        .put("version", System.currentTimeMillis() + java.time.Duration.ofDays(30).toMillis()));
        HttpResponse<String> pinned = CatalogFixtures.callAt(DEMO.suite().serviceUrl("catalog")
                + "/internal/catalog/v1/providers/chargezone.in/unit-prices", "PUT", operator, ahead);
        assertEquals(400, pinned.statusCode(), "a version far ahead would keep every later one out: " + pinned.body());
        assertTrue(pinned.body().contains("version"), pinned.body());
    }

    @Test
    void the_item_price_is_the_lowest_with_the_range_and_units_are_written_kwh() throws Exception {
        JsonNode catalog = catalogWithTariff();
        for (JsonNode p : catalog.path("providers")) {
            if ("chargezone.in".equals(p.path("id").asText())) {
                JsonNode item = p.path("items").path(0);
                assertEquals("8", item.at("/price/value").asText(), item.toString());
                assertEquals("8", item.at("/price/minimum_value").asText());
                assertEquals("12", item.at("/price/maximum_value").asText());
                assertEquals("INR", item.at("/price/currency").asText());
                assertEquals("kWh", item.at("/quantity/available/measure/unit").asText(), "as in on_select");
            }
        }
    }
}
