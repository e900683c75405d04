package org.evcharging.bpp.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.evcharging.bpp.core.validation.BecknSchemas;
import org.evcharging.bpp.suite.bap.BapCli;
import org.evcharging.bpp.suite.bap.BapClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * select → on_select on the running quote-service, which asks the running catalog-service for the offer: an
 * itemised quote whose breakup adds up to its price, and each business error with its code and path.
 */
class SelectQuoteIT {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    @RegisterExtension
    static final DemoBap DEMO = new DemoBap();

    @Test
    void search_then_select_gives_a_signed_itemised_quote_that_adds_up() throws Exception {
        BapClient.Sent search = DEMO.bap().send("search", BapCli.searchMessage("12.9716,77.5946", "5"));
        JsonNode catalog = DEMO.bap().awaitCallback(search.messageId(), "on_search", Duration.ofSeconds(30)).body()
                .at("/message/catalog");
        JsonNode chargezone = null;
        for (JsonNode p : catalog.path("providers")) {
            if ("chargezone.in".equals(p.path("id").asText())) {
                chargezone = p;
            }
        }
        assertTrue(chargezone != null, catalog.toString());
        String item = chargezone.at("/items/0/id").asText();
        String connector = chargezone.at("/fulfillments/0/id").asText();

        String searched = org.evcharging.bpp.suite.bap.SessionFlow
                .tagGroup(chargezone.at("/items/0/tags"), "unit-prices")
                .get(connector);
        JsonNode order = select(search.transactionId(), order("chargezone.in", item, "4", connector, null, List.of()));
        assertEquals("12", searched, "on_search prices the DC connector by the tariff: " + chargezone.at("/items/0"));
        assertEquals(searched, order.at("/items/0/price/value").asText(),
                "the price on_select applies is the one search showed");
        // Chargezone's demo tariff: DC 4 kWh x 12 = 48.00; demo app -5 % = -2.40; CGST and SGST 9 % of 45.60 = 4.10 each
        assertEquals("53.80", order.at("/quote/price/value").asText(), order.toString());
        assertEquals("INR", order.at("/quote/price/currency").asText());
        assertEquals(List.of("48.00", "-2.40", "4.10", "4.10"), breakup(order));
        assertEquals("4", order.at("/quote/breakup/0/item/quantity/selected/measure/value").asText());
        assertEquals("PT15M", order.at("/quote/ttl").asText());
        assertEquals("4", order.at("/items/0/quantity/selected/measure/value").asText());
        assertEquals("100", order.at("/items/0/quantity/available/measure/value").asText());
        assertEquals("DC", tag(order.at("/fulfillments/0"), "charger-type"));
        assertSumIsPrice(order);
        // No slot yet: the provider asks whether to block, offers slots, and asks for the vehicle.
        assertEquals("Y/N", tag(order.at("/fulfillments/0"), "block"));
        assertTrue(tag(order.at("/fulfillments/0"), "slot").matches("\\d{4}-.*\\+05:30/\\d{4}-.*\\+05:30"),
                order.toString());
        assertEquals("2W/3W/4W", tag(order.at("/fulfillments/0"), "vehicle-type"));
    }

    @Test
    void a_slot_blocks_the_charger_and_add_ons_are_itemised_even_when_free() throws Exception {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHoursMinutes(5, 30)).plusDays(1).withHour(10)
                .truncatedTo(ChronoUnit.HOURS);
        JsonNode order = select(java.util.UUID.randomUUID().toString(),
                order("chargezone.in", "pe-charging-01", "10", "cz-mg-1-ccs2",
                        start, List.of("pe-charging-01-addon-1")));
        List<String> titles = titles(order);
        assertTrue(titles.get(1).startsWith("Reservation of the charger (30 min)"), titles.toString());
        assertEquals("Free car wash", titles.get(2));
        // 10 kWh DC x 12 = 120.00; block 20 + 30 x 0.5 = 35.00; wash 0.00; -5 % of 155 = -7.75; 9 % of 147.25 = 13.25 twice
        assertEquals(List.of("120.00", "35.00", "0.00", "-7.75", "13.25", "13.25"), breakup(order));
        assertEquals("Y", tag(order.at("/fulfillments/0"), "block"));
        assertSumIsPrice(order);
    }

    @Test
    void unknown_provider_item_add_on_and_fulfillment_are_on_select_errors_with_their_paths() throws Exception {
        assertError(order("nobody.test", "x", "4", null, null, List.of()), "30001", "$.message.order.provider.id");
        assertError(order("chargezone.in", "no-such-item", "4", null, null, List.of()), "30004",
                "$.message.order.items[0].id");
        assertError(order("chargezone.in", "pe-charging-01", "4", null, null, List.of("no-such-addon")), "30007",
                "$.message.order.items[0].add_ons[0].id");
        assertError(order("chargezone.in", "pe-charging-01", "4", "no-such-connector", null, List.of()), "30008",
                "$.message.order.fulfillments[0].id");
    }

    @Test
    void more_than_is_available_is_error_40002_and_a_past_slot_is_error_30008() throws Exception {
        assertError(order("chargezone.in", "pe-charging-01", "500", null, null, List.of()), "40002",
                "$.message.order.items[0].quantity.selected");
        assertError(order("chargezone.in", "pe-charging-01", "4", "cz-mg-1-ccs2",
                OffsetDateTime.now(ZoneOffset.UTC).minusHours(2), List.of()), "30008",
                "$.message.order.fulfillments[0].stops[0].time.timestamp");
    }

    @Test
    void a_select_without_provider_or_quantity_is_nacked() throws Exception {
        ObjectNode noProvider = order("chargezone.in", "pe-charging-01", "4", null, null, List.of());
        ((ObjectNode) noProvider.path("order")).remove("provider");
        BapClient.Sent sent = DEMO.bap().send("select", noProvider);
        assertEquals(400, sent.status(), sent.body());
        assertEquals("$.message.order.provider.id", sent.response().at("/error/paths").asText());

        ObjectNode noQuantity = order("chargezone.in", "pe-charging-01", "4", null, null, List.of());
        ((ObjectNode) noQuantity.at("/order/items/0")).remove("quantity");
        sent = DEMO.bap().send("select", noQuantity);
        assertEquals(400, sent.status(), sent.body());
        assertEquals("$.message.order.items[0].quantity.selected", sent.response().at("/error/paths").asText());
    }

    @Test
    void with_the_catalog_down_the_bap_still_gets_an_on_select_with_an_error() throws Exception {
        DEMO.suite().control().crash("catalog");
        try {
            BapClient.Sent sent = DEMO.bap().send("select",
                    order("chargezone.in", "pe-charging-01", "4", null, null, List.of()));
            assertTrue(sent.acked(), sent.body());
            BapClient.Callback cb = DEMO.bap().awaitCallback(sent.messageId(), "on_select", Duration.ofSeconds(20));
            assertTrue(cb.verified(), cb.verificationError());
            assertEquals("40000", cb.body().at("/error/code").asText(), cb.body().toString());
        } finally {
            DEMO.suite().control().restart("catalog");
        }
    }

    @Test
    void a_published_tariff_prices_by_charger_type_with_block_fee_discount_and_split_taxes() throws Exception {
        CatalogFixtures.seed(DEMO.suite());
        String tariff = """
                {"currency":"INR",
                 "rates":[{"service":"CHARGING","pricePerUnit":"15"},
                          {"service":"CHARGING","chargerType":"DC","pricePerUnit":"20"},
                          {"service":"CHARGING","from":"22:00","to":"06:00","pricePerUnit":"11"}],
                 "blockFee":{"perSlot":"10","perMinute":"1"},
                 "taxes":[{"name":"CGST","percent":"9","service":"CHARGING"},{"name":"SGST","percent":"9","service":"CHARGING"}],
                 "discounts":[{"id":"demo-app","name":"Demo app partnership","kind":"PERCENT","value":"10","combinable":true,
                               "forBapId":"demo-bap.localhost"}]}
                """;
        var put = CatalogFixtures.call(DEMO.suite(), "PUT", "/quotes/v1/tariffs/it-tariff.test",
                DEMO.suite().tokens().partner("it-tariff.test"), tariff);
        assertEquals(200, put.statusCode(), put.body());

        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHoursMinutes(5, 30)).plusDays(1).withHour(10)
                .truncatedTo(ChronoUnit.HOURS);
        JsonNode order = select(java.util.UUID.randomUUID().toString(),
                order("it-tariff.test", "tariff-energy", "4", "t1-ccs2", start, List.of("wash")));
        // DC 4 x 20 = 80.00; block 10 + 30 x 1 = 40.00; wash 0.00; -10 % of 120 = -12.00; CGST and SGST 9 % of 108 = 9.72 each
        assertEquals(List.of("80.00", "40.00", "0.00", "-12.00", "9.72", "9.72"), breakup(order));
        assertEquals("127.44", order.at("/quote/price/value").asText());
        assertSumIsPrice(order);

        // The order service can ask whether the quote holds, and what it would cost now.
        String quoteId = order.at("/quote/id").asText();
        String service = DEMO.suite().tokens().service("order-service", "quote", List.of("service"),
                Duration.ofMinutes(5));
        JsonNode state = CatalogFixtures.json(CatalogFixtures.internal(DEMO.suite(), "quote", "GET",
                "/internal/quotes/v1/quotes/" + quoteId, service, null));
        assertTrue(state.path("valid").asBoolean(), state.toString());
        assertEquals(0, new BigDecimal("127.44").compareTo(state.path("total").decimalValue()));
        JsonNode again = CatalogFixtures.json(CatalogFixtures.internal(DEMO.suite(), "quote", "POST",
                "/internal/quotes/v1/quotes/" + quoteId + "/reprice", service, null));
        assertTrue(again.path("unchanged").asBoolean(), again.toString());
        // and where the quoted charger stands, from the same catalog read, so booking need not ask the catalog again
        assertEquals("t1-ccs2", again.path("fulfillmentId").asText(), again.toString());
        assertTrue(again.path("gps").asText().matches("-?[0-9.]+, ?-?[0-9.]+"), again.toString());
        assertEquals(403,
                CatalogFixtures.internal(DEMO.suite(), "quote", "GET", "/internal/quotes/v1/quotes/" + quoteId,
                        DEMO.suite().tokens().partner("it-tariff.test"), null).statusCode(),
                "not for partners");
        // on_search shows what select applies, from the same tariff: DC 20 all day; AC 15 by day and 11 at night
        String tariffed = null;
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        java.util.Map<String, String> unitPrices = java.util.Map.of();
        java.util.Map<String, String> schedule = java.util.Map.of();
        while (!"20".equals(unitPrices.get("t1-ccs2")) && System.nanoTime() < until) {
            BapClient.Sent search = DEMO.bap().send("search",
                    BapCli.searchMessage(CatalogFixtures.TARIFFED_CENTER, "5"));
            for (JsonNode p : DEMO.bap().awaitCallback(search.messageId(), "on_search", Duration.ofSeconds(30)).body()
                    .at("/message/catalog/providers")) {
                if ("it-tariff.test".equals(p.path("id").asText())) {
                    tariffed = p.toString();
                    unitPrices = org.evcharging.bpp.suite.bap.SessionFlow.tagGroup(p.at("/items/0/tags"),
                            "unit-prices");
                    schedule = org.evcharging.bpp.suite.bap.SessionFlow.tagGroup(p.at("/items/0/tags"),
                            "unit-price-schedule");
                }
            }
        }
        assertEquals("20", unitPrices.get("t1-ccs2"), tariffed);
        int hour = OffsetDateTime.now(ZoneOffset.ofHoursMinutes(5, 30)).getHour();
        assertEquals(hour >= 6 && hour < 22 ? "15" : "11", unitPrices.get("t1-t2"),
                "AC, by the local time now: " + tariffed);
        assertEquals("00:00 11; 06:00 15; 22:00 11", schedule.get("t1-t2"),
                "the day's prices of an AC connector: " + tariffed);
        assertEquals(null, schedule.get("t1-ccs2"), "DC's price does not change during the day");
    }

    @Test
    void charger_and_connector_types_pick_an_available_connector_when_none_is_named() throws Exception {
        ObjectNode m = order("chargezone.in", "pe-charging-01", "4", null, null, List.of());
        ArrayNode list = ((ObjectNode) m.path("order")).putArray("fulfillments").addObject().putArray("tags")
                .addObject().putArray("list");
        list.addObject().put("value", "AC").putObject("descriptor").put("code", "charger-type");
        list.addObject().put("value", "Type2").putObject("descriptor").put("code", "connector-type");
        JsonNode order = select(java.util.UUID.randomUUID().toString(), m);
        assertEquals("AC", tag(order.at("/fulfillments/0"), "charger-type"));
        assertEquals("Type2", tag(order.at("/fulfillments/0"), "connector-type"));
        // AC at the general rate: 4 x 8 = 32.00; -5 % = -1.60; 9 % of 30.40 = 2.74 twice
        assertEquals(List.of("32.00", "-1.60", "2.74", "2.74"), breakup(order));

        ObjectNode none = order("chargezone.in", "pe-charging-01", "4", null, null, List.of());
        ArrayNode l2 = ((ObjectNode) none.path("order")).putArray("fulfillments").addObject().putArray("tags")
                .addObject().putArray("list");
        l2.addObject().put("value", "GB_T").putObject("descriptor").put("code", "connector-type");
        assertError(none, "30008", "$.message.order.fulfillments[0].tags");
    }

    @Test
    void a_battery_type_picks_the_swap_station_for_a_swap() throws Exception {
        CatalogFixtures.seed(DEMO.suite());
        ObjectNode m = JSON.objectNode();
        ObjectNode o = m.putObject("order");
        o.putObject("provider").put("id", "it-swap.test");
        o.putArray("items").addObject().put("id", "swap").putObject("quantity").putObject("selected").put("count", 1);
        o.putArray("fulfillments").addObject().putArray("tags").addObject().putArray("list").addObject()
                .put("value", "LFP-48V").putObject("descriptor").put("code", "battery-type");
        JsonNode order = select(java.util.UUID.randomUUID().toString(), m);
        assertEquals("w1-swap", order.at("/fulfillments/0/id").asText());
        assertEquals("BATTERY-SWAP", order.at("/fulfillments/0/type").asText());
        assertEquals(List.of("60.00", "10.80"), breakup(order), "a swap at the list price, with the default 18 % GST");
        assertEquals("GST 18%", titles(order).get(1));
    }

    @Test
    void a_connector_out_of_service_is_error_30008() throws Exception {
        CatalogFixtures.seed(DEMO.suite());
        String alpha = DEMO.suite().tokens().partner("it-alpha.test");
        String path = "/catalog/v1/providers/it-alpha.test/connectors/a3-ccs2/availability";
        assertEquals(204, CatalogFixtures
                .call(DEMO.suite(), "PUT", path, alpha, "{\"availability\":\"OUT_OF_SERVICE\"}").statusCode());
        try {
            assertError(order("it-alpha.test", "alpha-energy", "4", "a3-ccs2", null, List.of()), "30008",
                    "$.message.order.fulfillments[0].id");
        } finally {
            CatalogFixtures.call(DEMO.suite(), "PUT", path, alpha, "{\"availability\":\"AVAILABLE\"}");
        }
    }

    @Test
    void a_slot_outside_the_station_s_opening_hours_is_error_30008() throws Exception {
        CatalogFixtures.seed(DEMO.suite());
        OffsetDateTime late = OffsetDateTime.now(ZoneOffset.ofHoursMinutes(5, 30)).plusDays(1).withHour(23)
                .withMinute(15)
                .truncatedTo(ChronoUnit.MINUTES);
        assertError(order("it-alpha.test", "alpha-energy", "4", "a1-ccs2", late, List.of()), "30008",
                "$.message.order.fulfillments[0].stops");
    }

    @Test
    void the_tariff_api_names_invalid_fields_and_keeps_partners_to_their_own_provider() throws Exception {
        String bad = "{\"currency\":\"INR\",\"rates\":[{\"from\":\"22:00\",\"pricePerUnit\":\"11\"}],"
                + "\"discounts\":[{\"id\":\"d\",\"name\":\"d\",\"kind\":\"PERCENT\",\"value\":\"150\"}]}";
        var r = CatalogFixtures.call(DEMO.suite(), "PUT", "/quotes/v1/tariffs/it-sun.test",
                DEMO.suite().tokens().partner("it-sun.test"), bad);
        assertEquals(400, r.statusCode(), r.body());
        List<String> fields = new java.util.ArrayList<>();
        CatalogFixtures.json(r).path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertEquals(List.of("rates[0]", "discounts[0].value"), fields);
        assertEquals(403, CatalogFixtures.call(DEMO.suite(), "PUT", "/quotes/v1/tariffs/it-sun.test",
                DEMO.suite().tokens().partner("it-alpha.test"), "{\"currency\":\"INR\"}").statusCode());
    }

    // ---- helpers ----

    private static ObjectNode order(String provider, String item, String kwh, String fulfillment,
            OffsetDateTime slotStart,
            List<String> addOns) {
        ObjectNode m = JSON.objectNode();
        ObjectNode o = m.putObject("order");
        o.putObject("provider").put("id", provider);
        ObjectNode i = o.putArray("items").addObject();
        i.put("id", item);
        i.putObject("quantity").putObject("selected").putObject("measure").put("value", kwh).put("unit", "kWh");
        if (!addOns.isEmpty()) {
            ArrayNode a = i.putArray("add_ons");
            addOns.forEach(id -> a.addObject().put("id", id));
        }
        if (fulfillment != null) {
            ObjectNode f = o.putArray("fulfillments").addObject();
            f.put("id", fulfillment);
            if (slotStart != null) {
                ArrayNode stops = f.putArray("stops");
                java.time.format.DateTimeFormatter rfc3339 = java.time.format.DateTimeFormatter
                        .ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
                stops.addObject().put("type", "start").putObject("time").put("timestamp", rfc3339.format(slotStart));
                stops.addObject().put("type", "end").putObject("time").put("timestamp",
                        rfc3339.format(slotStart.plusMinutes(30)));
            }
        }
        return m;
    }

    private static JsonNode select(String transactionId, ObjectNode message) throws Exception {
        BapClient.Sent sent = DEMO.bap().send("select", transactionId, message);
        assertTrue(sent.acked(), sent.body());
        BapClient.Callback cb = DEMO.bap().awaitCallback(sent.messageId(), "on_select", Duration.ofSeconds(30));
        assertTrue(cb.verified(), cb.verificationError());
        assertTrue(cb.body().path("error").isMissingNode(), cb.body().toString());
        assertEquals(List.of(), BecknSchemas.shared().validateStrict("on_select", cb.body()), cb.body().toString());
        return cb.body().at("/message/order");
    }

    private static void assertError(ObjectNode message, String code, String path) throws Exception {
        BapClient.Sent sent = DEMO.bap().send("select", message);
        assertTrue(sent.acked(), sent.body());
        BapClient.Callback cb = DEMO.bap().awaitCallback(sent.messageId(), "on_select", Duration.ofSeconds(30));
        assertTrue(cb.verified(), cb.verificationError());
        assertEquals(code, cb.body().at("/error/code").asText(), cb.body().toString());
        assertEquals(path, cb.body().at("/error/paths").asText(), cb.body().toString());
    }

    private static List<String> breakup(JsonNode order) {
        return java.util.stream.StreamSupport.stream(order.at("/quote/breakup").spliterator(), false)
                .map(b -> b.at("/price/value").asText()).toList();
    }

    private static List<String> titles(JsonNode order) {
        return java.util.stream.StreamSupport.stream(order.at("/quote/breakup").spliterator(), false)
                .map(b -> b.path("title").asText()).toList();
    }

    private static void assertSumIsPrice(JsonNode order) {
        BigDecimal sum = breakup(order).stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, sum.compareTo(new BigDecimal(order.at("/quote/price/value").asText())), order.toString());
    }

    private static String tag(JsonNode fulfillment, String code) {
        for (JsonNode g : fulfillment.path("tags")) {
            for (JsonNode t : g.path("list")) {
                if (code.equals(t.at("/descriptor/code").asText())) {
                    return t.path("value").asText();
                }
            }
        }
        return null;
    }
}
