package org.evcharging.bpp.suite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.evcharging.bpp.core.signing.Ed25519Keys;
import org.evcharging.bpp.core.validation.BecknSchemas;
import org.evcharging.bpp.suite.bap.BapClient;
import org.evcharging.bpp.suite.bap.BookingFlow;
import org.evcharging.bpp.suite.bap.FeedbackFlow;
import org.evcharging.bpp.suite.bap.SessionFlow;
import org.evcharging.bpp.suite.registry.RegistryEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A BAP of another organisation, built from the published DENT example files rather than from our workflow document:
 * it is registered only in the domain {@code dent:ev-charging:0.1.0}, sends every request in that domain, puts the
 * energy it needs in {@code intent.item.quantity.available} and its city in {@code intent.location.city.code}. It goes
 * the whole way — search, select, init, pay, confirm, update (start), status, track, cancel, rating, support — and every
 * answer is in its domain, signed, strictly core 1.1.0, and right: its intent filters (100,000 kWh finds nothing), its
 * city narrows, the confirm it is shown is what it paid.
 */
class ForeignBapIT {

    private static final String DOMAIN = "dent:ev-charging:0.1.0";
    private static final String BAP_ID = "ev-app.partner-org.example";
    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final BookingFlow.Billing BILLING = new BookingFlow.Billing("Farah Khan", "farah@partner-org.in",
            "+91-9876500077");
    /** Connectors a session now may take; the first free one is used. */
    private static final List<String> CONNECTORS = List.of("cz-mg-3-type2", "cz-in-2-type2", "cz-mg-2-chademo",
            "cz-wf-1-ccs2", "cz-in-1-ccs2", "cz-mg-1-ccs2");

    private static LocalSuite suite;
    private static BapClient bap;
    private static String keyId;

    @BeforeAll
    static void start() throws Exception {
        suite = SharedSuite.get();
        KeyPair keys = Ed25519Keys.generate();
        keyId = BAP_ID + ".k" + UUID.randomUUID().toString().substring(0, 6);
        bap = BapClient.start(BAP_ID, keyId, keys.getPrivate(), 0, suite.ingressUrl(), suite.registryUrl())
                .domain(DOMAIN);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        RegistryEntry entry = RegistryEntry.subscribed(BAP_ID, keyId, "BAP", bap.bapUri(),
                Ed25519Keys.rawPublicBase64(keys.getPublic()), now.minusMinutes(1), now.plusDays(1));
        suite.registry().put(new RegistryEntry(entry.subscriberId(), entry.keyId(), entry.type(), entry.url(), DOMAIN,
                entry.signingPublicKey(), entry.status(), entry.validFrom(), entry.validUntil()));
    }

    @AfterAll
    static void stop() {
        if (bap != null) {
            bap.close();
            suite.registry().remove(BAP_ID, keyId);
        }
    }

    /** The published examples' search: energy in quantity.available, the city by its code, no gps. */
    private static ObjectNode publishedSearch(String kwh) {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        ObjectNode intent = message.putObject("intent");
        intent.putObject("item").putObject("quantity").putObject("available").putObject("measure")
                .put("value", kwh).put("unit", "kWh");
        intent.putObject("location").putObject("city").put("code", "std:080");
        return message;
    }

    private static BapClient.Callback searched(String kwh) throws Exception {
        BapClient.Sent sent = bap.send("search", UUID.randomUUID().toString(), publishedSearch(kwh));
        assertTrue(sent.acked(), "a search in " + DOMAIN + " is taken: " + sent.body());
        BapClient.Callback cb = bap.awaitCallback(sent.messageId(), "on_search", WAIT);
        inOurDomainSignedAndValid(cb);
        return cb;
    }

    private static void inOurDomainSignedAndValid(BapClient.Callback cb) {
        assertTrue(cb.verified(), cb.action() + ": " + cb.verificationError());
        assertEquals(DOMAIN, cb.body().at("/context/domain").asText(), cb.action() + " answers in the BAP's domain");
        assertTrue(BecknSchemas.shared().validateStrict(cb.action(), (ObjectNode) cb.body()).isEmpty(),
                () -> cb.action() + ": " + BecknSchemas.shared().validateStrict(cb.action(), (ObjectNode) cb.body()));
    }

    private static void ok(BookingFlow.Step step) {
        assertTrue(step.ok(), step.outcome());
        inOurDomainSignedAndValid(step.callback());
    }

    @Test
    void a_bap_built_from_the_published_examples_goes_the_whole_way_in_its_own_domain() throws Exception {
        // search: the 4 kWh it needs is offered in Bengaluru; 100,000 kWh is offered nowhere.
        JsonNode providers = searched("4").body().at("/message/catalog/providers");
        assertTrue(providers.isArray() && providers.size() > 0, "Bengaluru's chargers: " + providers);
        boolean chargezone = false;
        for (JsonNode p : providers) {
            chargezone |= "chargezone.in".equals(p.path("id").asText());
            for (JsonNode l : p.path("locations")) {
                if (l.has("city")) {
                    assertEquals("std:080", l.at("/city/code").asText(), "only std:080: " + l);
                }
            }
        }
        assertTrue(chargezone, "Chargezone's pe-charging-01 offers 4 kWh");
        JsonNode none = searched("100000").body().at("/message/catalog/providers");
        for (JsonNode p : none) {
            assertTrue(p.path("items").isEmpty(), "nothing offers 100,000 kWh: " + p);
        }

        // select, init, pay on the page, confirm: a slot from the next minute on the first free connector.
        BookingFlow booking = new BookingFlow(bap, WAIT);
        OffsetDateTime start = OffsetDateTime.now(IST).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        BookingFlow.Booking b = null;
        for (String connector : CONNECTORS) {
            b = booking.book(new BookingFlow.Choice("chargezone.in", "pe-charging-01", "4", null, connector, start,
                    start.plusMinutes(30), true, List.of(), null), BILLING);
            if (b.confirmed()) {
                break;
            }
        }
        assertNotNull(b);
        assertTrue(b.confirmed(), "booked: " + b);
        for (BookingFlow.Step step : List.of(b.select(), b.init(), b.confirm())) {
            ok(step);
        }
        assertTrue(b.payment().paid(), "paid on the page: " + b.payment().status());
        String txn = b.transactionId();
        JsonNode order = b.confirm().order();
        String orderId = order.path("id").asText();
        assertEquals("ACTIVE", order.path("status").asText());
        BigDecimal quoted = new BigDecimal(b.init().order().at("/quote/price/value").asText());
        assertEquals(0, quoted.compareTo(new BigDecimal(order.at("/quote/price/value").asText())),
                "the confirmed order costs what the BAP was quoted and paid");
        assertEquals(0, quoted.compareTo(new BigDecimal(order.at("/payments/0/params/amount").asText())));

        // update (start charging), status, track.
        SessionFlow session = new SessionFlow(bap, WAIT);
        BookingFlow.Step started = session.start(txn, order);
        ok(started);
        BookingFlow.Step status = await("charging on the charger's meter").atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofSeconds(1)).until(() -> session.status(txn, orderId),
                        s -> s.ok() && SessionFlow.CHARGING_STARTED
                                .equals(s.order().at("/fulfillments/0/state/descriptor/code").asText()));
        ok(status);
        BookingFlow.Step tracked = session.track(txn, orderId);
        ok(tracked);
        JsonNode tracking = tracked.callback().body().at("/message/tracking");
        assertEquals("active", tracking.path("status").asText(), tracking.toString());
        JsonNode page = SessionFlow.trackingState(tracking.path("url").asText());
        assertEquals("charging", page.path("state").asText(), page.toString());

        // cancel mid-session: a fee on what was paid, the rest refunded.
        BookingFlow.Step cancelled = session.cancel(txn, orderId, "5");
        ok(cancelled);
        assertEquals("CANCELLED", cancelled.order().path("status").asText(), cancelled.outcome());
        BookingFlow.Step after = session.track(txn, orderId);
        ok(after);
        assertEquals("inactive", after.callback().body().at("/message/tracking/status").asText());

        // rating and support.
        FeedbackFlow feedback = new FeedbackFlow(bap, WAIT);
        BookingFlow.Step rated = feedback.rate(txn, new FeedbackFlow.Rating(orderId, "charger", "4"));
        ok(rated);
        BookingFlow.Step help = feedback.support(txn, orderId, "+91-98765-00077", null);
        ok(help);
        assertFalse(help.callback().body().at("/message/support").isMissingNode(), help.outcome());

        // Whatever the BPP sent on its own for this transaction (on_status, on_update, on_cancel) is in the BAP's
        // domain and verified too.
        for (BapClient.Callback cb : bap.callbacksOf(txn)) {
            inOurDomainSignedAndValid(cb);
        }
        assertTrue(bap.unsolicited(txn).size() > 0, "the BPP's own milestones reached the BAP");
    }

    @Test
    void a_domain_we_do_not_serve_is_refused_naming_the_ones_we_do() throws Exception {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        String id = UUID.randomUUID().toString();
        ObjectNode context = bap.context("search", id, id);
        context.put("domain", "ONDC:TRV10");
        request.set("context", context);
        request.set("message", publishedSearch("4"));
        BapClient.Sent sent = bap.sendRequest("search", request);
        assertFalse(sent.acked(), sent.body());
        JsonNode error = sent.response().path("error");
        assertEquals("30000", error.path("code").asText(), sent.body());
        assertEquals("$.context.domain", error.path("paths").asText(), sent.body());
        assertTrue(error.path("message").asText().contains("dent:0.1.0")
                && error.path("message").asText().contains(DOMAIN), sent.body());
    }
}
