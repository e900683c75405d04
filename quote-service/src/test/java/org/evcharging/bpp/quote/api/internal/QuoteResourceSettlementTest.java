package org.evcharging.bpp.quote.api.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.EntityManager;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.evcharging.bpp.core.persistence.BecknReferences;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.quote.application.Quoting;
import org.evcharging.bpp.quote.application.StoredQuotes;
import org.evcharging.bpp.quote.beckn.OnSelectDocuments;
import org.evcharging.bpp.quote.beckn.QuoteBreakup;
import org.evcharging.bpp.quote.domain.PricedLines;
import org.evcharging.bpp.quote.domain.StoredQuote;
import org.evcharging.bpp.quote.domain.pricing.Quote;
import org.evcharging.bpp.quote.domain.pricing.QuoteCalculator;
import org.evcharging.bpp.quote.domain.pricing.QuoteRequest;
import org.evcharging.bpp.quote.domain.pricing.Tariff;
import org.junit.jupiter.api.Test;

/** The settlement endpoint without a server: the resource over a stub entity manager that only finds quotes. */
class QuoteResourceSettlementTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final OffsetDateTime NOON = OffsetDateTime.of(2026, 11, 25, 12, 0, 0, 0, IST);

    /** chargezone.in's demo tariff for a two-wheeler on DC: 12/kWh, block fee 20 + 0.5/min, 10 % off, CGST + SGST 9 %. */
    private static final Quote DEMO = new QuoteCalculator(IST).price(new Tariff("chargezone.in", "INR",
            List.of(new Tariff.Rate(Tariff.Service.CHARGING, "DC", null, null, null, new BigDecimal("12"))),
            new Tariff.BlockFee(new BigDecimal("20"), new BigDecimal("0.5")),
            List.of(new Tariff.Tax("CGST", new BigDecimal("9"), Tariff.Service.CHARGING),
                    new Tariff.Tax("SGST", new BigDecimal("9"), Tariff.Service.CHARGING)),
            List.of(new Tariff.Discount("two-wheeler", "Two-wheeler offer", Tariff.Discount.Kind.PERCENT,
                    new BigDecimal("10"), true, null, "2W", null, null))),
            new QuoteRequest(Tariff.Service.CHARGING, "DC", "l1", new BigDecimal("4"), "kWh", new BigDecimal("12"),
                    NOON.plusHours(1), NOON.plusHours(1).plusMinutes(30), true, List.of(),
                    new Tariff.Customer("bap", "2W", null, false)),
            NOON);

    private final Map<String, StoredQuote> quotes = new HashMap<>();
    private final QuoteResource resource = new QuoteResource();

    QuoteResourceSettlementTest() {
        EntityManager em = (EntityManager) Proxy.newProxyInstance(EntityManager.class.getClassLoader(),
                new Class<?>[] {EntityManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("find")) {
                        return quotes.get((String) args[1]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        resource.quotes = new StoredQuotes(em, new Quoting(new OnSelectDocuments()));
        quotes.put("new", stored("new", DEMO, PricedLines.encode(DEMO.lines())));
        quotes.put("old", stored("old", DEMO, null));
    }

    @Test
    void the_bill_of_part_of_a_quote_has_its_lines_and_the_same_lines_as_a_beckn_breakup() throws Exception {
        assertEquals(new BigDecimal("88.14"), DEMO.total());
        JsonNode bill = JSON.readTree(resource.settle("new", "{\"delivered\": \"2.5\"}"));
        assertEquals(
                JSON.readTree(
                        """
                                {"quoteId":"new","currency":"INR","unit":"kWh","quotedQuantity":"4","delivered":"2.5",
                                 "quotedTotal":"88.14","total":"69.04","providerFault":false,
                                 "lines":[
                                  {"kind":"ENERGY","ref":null,"name":"Energy delivered","quantity":"2.5","unit":"kWh","unitPrice":"12.00",
                                   "basis":null,"amount":"30.00"},
                                  {"kind":"RESERVATION","ref":null,"name":"Reservation of the charger (30 min)","quantity":"30","unit":"min",
                                   "unitPrice":"0.50","basis":null,"amount":"35.00"},
                                  {"kind":"DISCOUNT","ref":"two-wheeler","name":"Two-wheeler offer","quantity":null,"unit":null,
                                   "unitPrice":"10.00","basis":"PERCENT","amount":"-6.50"},
                                  {"kind":"TAX","ref":null,"name":"CGST 9%","quantity":null,"unit":null,"unitPrice":"9.00","basis":"PERCENT",
                                   "amount":"5.27"},
                                  {"kind":"TAX","ref":null,"name":"SGST 9%","quantity":null,"unit":null,"unitPrice":"9.00","basis":"PERCENT",
                                   "amount":"5.27"}],
                                 "breakup":[
                                  {"title":"Energy delivered","item":{"id":"pe-charging-01","descriptor":{"name":"Energy delivered","code":"energy"},
                                    "quantity":{"selected":{"measure":{"value":"2.5","unit":"kWh"}}},"price":{"value":"12","currency":"INR"}},
                                   "price":{"value":"30.00","currency":"INR"}},
                                  {"title":"Reservation of the charger (30 min)",
                                   "item":{"descriptor":{"name":"Reservation of the charger (30 min)","code":"reservation"}},
                                   "price":{"value":"35.00","currency":"INR"}},
                                  {"title":"Two-wheeler offer","item":{"descriptor":{"name":"Two-wheeler offer","code":"discount"}},
                                   "price":{"value":"-6.50","currency":"INR"}},
                                  {"title":"CGST 9%","item":{"descriptor":{"name":"CGST 9%","code":"tax"}},"price":{"value":"5.27","currency":"INR"}},
                                  {"title":"SGST 9%","item":{"descriptor":{"name":"SGST 9%","code":"tax"}},"price":{"value":"5.27","currency":"INR"}}]}
                                """),
                bill);
    }

    @Test
    void the_whole_quantity_costs_the_quoted_total_for_new_and_old_quotes_and_an_expired_quote_is_still_settled()
            throws Exception {
        for (String id : List.of("new", "old")) {
            JsonNode bill = JSON.readTree(resource.settle(id, "{\"delivered\": 4}"));
            assertEquals("88.14", bill.path("total").asText(), id);
            assertEquals("Energy delivered", bill.path("breakup").path(0).path("title").asText(), id);
        }
    }

    @Test
    void an_old_quote_without_stored_lines_is_billed_from_its_breakup_with_discounts_scaled() throws Exception {
        JsonNode bill = JSON.readTree(resource.settle("old", "{\"delivered\": \"2.5\"}"));
        // the same as the new quote here: 10 % of 65.00 is also 8.30 x 65 / 83
        assertEquals("69.04", bill.path("total").asText());
        JsonNode discount = bill.path("lines").path(2);
        assertEquals("-6.50", discount.path("amount").asText());
        assertEquals(true, discount.path("basis").isNull());
        assertEquals("PERCENT", bill.path("lines").path(3).path("basis").asText(), "a tax's percent is in its title");
    }

    @Test
    void nothing_delivered_pays_the_blocked_slot_less_its_discount_plus_tax() throws Exception {
        JsonNode bill = JSON.readTree(resource.settle("new", "{\"delivered\": \"0\"}"));
        // 35.00 - 3.50 = 31.50, 9 % = 2.835 -> 2.84 twice
        assertEquals("37.18", bill.path("total").asText());
        assertEquals("0.00", bill.path("lines").path(0).path("amount").asText());
    }

    @Test
    void a_charger_error_bill_waives_the_blocked_slot_and_says_only_the_energy() throws Exception {
        JsonNode bill = JSON.readTree(resource.settle("new", "{\"delivered\": \"2.5\", \"providerFault\": true}"));
        // 2.5 x 12 = 30.00, 10 % = -3.00, 9 % of 27.00 = 2.43 twice: no reservation line
        assertEquals("31.86", bill.path("total").asText());
        assertTrue(bill.path("providerFault").asBoolean(), "says it was billed as the provider's fault");
        assertEquals(4, bill.path("lines").size(), bill.toString());
        assertEquals(List.of("energy", "discount", "tax", "tax"),
                List.of(bill.at("/breakup/0/item/descriptor/code").asText(),
                        bill.at("/breakup/1/item/descriptor/code").asText(),
                        bill.at("/breakup/2/item/descriptor/code").asText(),
                        bill.at("/breakup/3/item/descriptor/code").asText()));
        assertEquals("69.04",
                JSON.readTree(resource.settle("new", "{\"delivered\": \"2.5\", \"providerFault\": false}"))
                        .path("total").asText(),
                "the user's own end pays the slot");
        assertEquals(400, status(() -> resource.settle("new", "{\"delivered\": \"1\", \"providerFault\": \"yes\"}")));
    }

    @Test
    void errors_are_problems_with_their_status() {
        assertEquals(404, status(() -> resource.settle("nope", "{\"delivered\": \"1\"}")));
        assertEquals(400, status(() -> resource.settle("new", "delivered=1")));
        assertEquals(400, status(() -> resource.settle("new", "")));
        assertEquals(400, status(() -> resource.settle("new", "{}")));
        assertEquals(400, status(() -> resource.settle("new", "{\"delivered\": null}")));
        assertEquals(400, status(() -> resource.settle("new", "{\"delivered\": \"two\"}")));
        assertEquals(400, status(() -> resource.settle("new", "{\"delivered\": true}")));
        assertEquals(400, status(() -> resource.settle("new", "{\"delivered\": \"-0.5\"}")));
        assertEquals(400, status(() -> resource.settle("new", "{\"delivered\": \"1e999999999\"}")));
        assertEquals(400, status(() -> resource.settle("new", "{\"delivered\": \"0.0000001\"}")));
        assertEquals(422, status(() -> resource.settle("new", "{\"delivered\": \"4.001\"}")));
        ProblemException more = assertThrows(ProblemException.class,
                () -> resource.settle("new", "{\"delivered\": 5}"));
        assertEquals("delivered 5 kWh is more than the 4 quoted", more.problem().detail());
    }

    @Test
    void delivered_is_read_exactly_from_a_string_or_a_number() {
        assertEquals(new BigDecimal("2.345"), QuoteResource.delivered("{\"delivered\": \"2.345\"}"));
        assertEquals(new BigDecimal("2.345"), QuoteResource.delivered("{\"delivered\": 2.345}"));
        assertEquals(new BigDecimal("0.1"), QuoteResource.delivered("{\"delivered\": 0.1}"));
    }

    private static int status(Runnable call) {
        return assertThrows(ProblemException.class, call::run).problem().status();
    }

    private static StoredQuote stored(String id, Quote quote, String pricedLines) {
        ObjectNode q = JSON.createObjectNode().put("id", id);
        q.putObject("price").put("value", quote.total().toPlainString()).put("currency", quote.currency());
        QuoteBreakup.write(q.putArray("breakup"), quote, "pe-charging-01");
        q.put("ttl", "PT15M");
        Instant made = Instant.parse("2026-01-01T00:00:00Z");
        return new StoredQuote(id, BecknReferences.of("bap", "txn"), "chargezone.in", "pe-charging-01", "c1",
                new BigDecimal("4.000"), "INR",
                quote.total(), q.toString(), "{}", "{}", pricedLines, made, made.plusSeconds(900));
    }
}
