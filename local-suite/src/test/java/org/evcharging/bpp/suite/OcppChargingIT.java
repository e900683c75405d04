package org.evcharging.bpp.suite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.evcharging.bpp.simulator.ConnectorView;
import org.evcharging.bpp.simulator.SimulatedCharger;
import org.evcharging.bpp.suite.bap.BapCli;
import org.evcharging.bpp.suite.bap.BapClient;
import org.evcharging.bpp.suite.bap.BookingFlow;
import org.evcharging.bpp.suite.bap.SessionFlow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole suite driving chargers over OCPP: the demo network's chargers are registered with charger-service through
 * its onboarding API and simulated (1.6J, and 2.0.1 for cz-mg-3 and cz-wf-1) by chargers that connect over real
 * WebSockets, validate every message against the OCA schemas and keep their own meter. A signed BAP's {@code update}
 * starts one; its MeterValues are the progress {@code status} shows; a stop stops it and the bill is the energy its
 * meter counted; a Faulted status mid-session is the BPP's cancellation with a refund; a refused start is an error the
 * BAP gets while the order keeps its slot; a charger's Faulted, offline and Available states show in search.
 */
class OcppChargingIT {

    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final BookingFlow.Billing BILLING = new BookingFlow.Billing("Asha Rao", "asha@example.com",
            "+91-9876500003");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static LocalSuite suite;
    private static BapClient bap;
    private static BookingFlow booking;
    private static SessionFlow session;

    @BeforeAll
    static void start() throws Exception {
        suite = SharedSuite.get();
        assertTrue(suite.chargers().isPresent(), "the demo chargers are simulated over OCPP");
        bap = BapClient.demo(suite, 0);
        booking = new BookingFlow(bap, WAIT);
        session = new SessionFlow(bap, WAIT);
    }

    @AfterAll
    static void stop() {
        if (bap != null) {
            bap.close();
        }
    }

    private static SimulatedCharger charger(String id) {
        return suite.chargers().orElseThrow().fleet().charger(id);
    }

    private static BookingFlow.Booking book(String connector, String kwh) throws Exception {
        OffsetDateTime start = OffsetDateTime.now(IST).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        BookingFlow.Booking b = booking.book(new BookingFlow.Choice("chargezone.in", "pe-charging-01", kwh, null,
                connector, start, start.plusMinutes(30), true, List.of(), null), BILLING);
        assertTrue(b.confirmed(), "booked: " + b);
        return b;
    }

    private static BigDecimal money(JsonNode v) {
        return new BigDecimal(v.asText());
    }

    /** An out-of-service connector is not offered in search at all. */
    private static final String NOT_OFFERED = "not offered";

    /** What {@code search} shows of a connector: its availability tag ("Available", "Occupied"), or not offered. */
    private static String searched(String gps, String connector) throws Exception {
        BapClient.Sent sent = bap.send("search", BapCli.searchMessage(gps, "5"));
        assertTrue(sent.acked(), sent.refusal());
        BapClient.Callback onSearch = bap.awaitCallback(sent.messageId(), "on_search", WAIT);
        for (JsonNode f : onSearch.body().findValues("fulfillments")) {
            for (JsonNode fulfillment : f) {
                if (connector.equals(fulfillment.path("id").asText())) {
                    for (JsonNode group : fulfillment.path("tags")) {
                        for (JsonNode tag : group.path("list")) {
                            if ("availability".equals(tag.at("/descriptor/code").asText())) {
                                return tag.path("value").asText();
                            }
                        }
                    }
                }
            }
        }
        return NOT_OFFERED;
    }

    private static void searchShows(String gps, String connector, String availability) {
        await(connector + " " + availability + " in search").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(500)).until(() -> searched(gps, connector), availability::equals);
    }

    /** A session on a charger: start, growing progress from its MeterValues, stop, and a bill on its meter. */
    private static void chargeAndBillOnTheMeter(String chargerId, String connector, boolean dc) throws Exception {
        SimulatedCharger charger = charger(chargerId);
        long meterBefore = charger.connectors().get(0).meterWh();
        String startAction = charger.version() == org.evcharging.bpp.ocpp.OcppVersion.OCPP_1_6
                ? "RemoteStartTransaction" : "RequestStartTransaction";
        long startsBefore = charger.receivedCalls(startAction);
        BookingFlow.Booking b = book(connector, "4");
        String txn = b.transactionId();
        String id = b.confirm().order().path("id").asText();
        BigDecimal prepaid = money(b.confirm().order().at("/quote/price/value"));

        BookingFlow.Step started = session.start(txn, b.confirm().order());
        assertTrue(started.ok(), started.outcome());
        assertEquals("charging-started", started.order().at("/fulfillments/0/state/descriptor/code").asText());
        ConnectorView running = charger.connectors().get(0);
        assertTrue(running.charging(), "the charger runs a transaction: " + running);
        assertNotNull(running.transactionId());
        assertEquals(startsBefore + 1, charger.receivedCalls(startAction), "one remote start");

        SessionFlow.Progress progress = await("progress from the charger's meter").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    BookingFlow.Step status = session.status(txn, id);
                    assertTrue(status.ok(), status.outcome());
                    return SessionFlow.progress(status.order());
                }, p -> p.energyKwh() != null && p.energyKwh().signum() > 0);
        assertTrue(progress.charging(), progress.toString());
        assertTrue(progress.energyKwh().compareTo(new BigDecimal("4")) < 0, progress.toString());
        searchShows("12.975200,77.606700", connector, "Occupied");

        BookingFlow.Step ended = session.end(txn, b.confirm().order());
        assertTrue(ended.ok(), ended.outcome());
        JsonNode order = ended.order();
        assertEquals("COMPLETE", order.path("status").asText());
        ConnectorView after = charger.connectors().get(0);
        assertFalse(after.charging(), "the charger stopped: " + after);
        BigDecimal metered = BigDecimal.valueOf(after.meterWh() - meterBefore).divide(BigDecimal.valueOf(1000), 3,
                RoundingMode.HALF_UP);
        BigDecimal delivered = new BigDecimal(order.at("/items/0/quantity/allocated/measure/value").asText());
        assertEquals(0, metered.compareTo(delivered),
                "billed on the charger's meter: " + metered + " kWh metered, " + delivered + " billed");
        BigDecimal lines = BigDecimal.ZERO;
        for (JsonNode line : order.at("/quote/breakup")) {
            lines = lines.add(money(line.at("/price/value")));
        }
        assertEquals(money(order.at("/quote/price/value")), lines, "the bill adds up to its price");
        assertEquals(DemoTariff.charging(delivered, dc, 30, null, false).total(), lines, "priced by the tariff");
        assertTrue(prepaid.compareTo(lines) > 0, "part of the prepaid amount is owed back");
        BookingFlow.Step again = session.end(txn, b.confirm().order());
        assertTrue(again.ok(), "a repeated stop answers the settled order: " + again.outcome());
        assertEquals(lines, money(again.order().at("/quote/price/value")), "settled once");
        searchShows("12.975200,77.606700", connector, "Available");
    }

    @Test
    void an_ocpp_1_6_charger_is_started_metered_stopped_and_billed_on_its_own_meter() throws Exception {
        chargeAndBillOnTheMeter("cz-mg-2", "cz-mg-2-chademo", true);
    }

    @Test
    void an_ocpp_2_0_1_charger_is_started_metered_stopped_and_billed_on_its_own_meter() throws Exception {
        chargeAndBillOnTheMeter("cz-mg-3", "cz-mg-3-type2", false);
    }

    @Test
    void an_ocpp_1_6_charger_faulting_mid_session_is_the_providers_cancellation_with_a_refund() throws Exception {
        faultMidSession("cz-in-1", "cz-in-1-ccs2", "12.978400,77.640800");
    }

    @Test
    void an_ocpp_2_0_1_charger_faulting_mid_session_is_the_providers_cancellation_with_a_refund() throws Exception {
        faultMidSession("cz-wf-1", "cz-wf-1-ccs2", "12.969800,77.750000");
    }

    /** A Faulted status mid-session: on_cancel charger-error with a refund, and out of service in search until cleared. */
    private static void faultMidSession(String chargerId, String connector, String gps) throws Exception {
        SimulatedCharger charger = charger(chargerId);
        BookingFlow.Booking b = book(connector, "4");
        String txn = b.transactionId();
        String id = b.confirm().order().path("id").asText();
        BigDecimal prepaid = money(b.confirm().order().at("/quote/price/value"));
        assertTrue(session.start(txn, b.confirm().order()).ok());
        await("energy flows").atMost(Duration.ofSeconds(20)).until(() -> charger.connectors().get(0).meterWh() > 0
                && SessionFlow.progress(session.status(txn, id).order()).energyKwh().signum() > 0);
        try {
            charger.fault(1);
            BapClient.Callback cancel = bap.awaitUnsolicited(txn, "on_cancel", WAIT);
            assertTrue(cancel.verified(), "signed by the BPP");
            JsonNode order = cancel.body().at("/message/order");
            assertEquals("CANCELLED", order.path("status").asText());
            assertEquals("charger-error", order.at("/fulfillments/0/state/descriptor/code").asText());
            assertEquals("PROVIDER", order.at("/cancellation/cancelled_by").asText());
            BigDecimal refund = money(order.at("/quote/price/value")).negate();
            assertTrue(refund.signum() > 0 && refund.compareTo(prepaid) < 0, "a refund of what was not delivered: "
                    + refund + " of " + prepaid);
            searchShows(gps, connector, NOT_OFFERED);
        } finally {
            charger.clearFault(1);
        }
        searchShows(gps, connector, "Available");
    }

    @Test
    void a_refused_start_is_an_error_for_the_bap_and_the_order_keeps_its_slot() throws Exception {
        SimulatedCharger charger = charger("cz-in-2");
        BookingFlow.Booking b = book("cz-in-2-type2", "2");
        String txn = b.transactionId();
        charger.rejectNextStart();
        BookingFlow.Step refused = session.start(txn, b.confirm().order());
        assertFalse(refused.ok(), "refused: " + refused.outcome());
        assertTrue(refused.error().path("message").asText().contains("refused"), refused.error().toString());
        assertFalse(charger.connectors().get(0).charging());
        BookingFlow.Step retried = session.start(txn, b.confirm().order());
        assertTrue(retried.ok(), "the slot is still the order's: a second start works: " + retried.outcome());
        assertEquals("ACTIVE", retried.order().path("status").asText());
        assertTrue(session.end(txn, b.confirm().order()).ok());
    }

    @Test
    void a_charger_going_offline_is_out_of_service_in_search_until_it_is_back() throws Exception {
        SimulatedCharger charger = charger("cz-wf-1");
        searchShows("12.969800,77.750000", "cz-wf-1-ccs2", "Available");
        charger.offline();
        try {
            searchShows("12.969800,77.750000", "cz-wf-1-ccs2", NOT_OFFERED);
        } finally {
            charger.online();
        }
        searchShows("12.969800,77.750000", "cz-wf-1-ccs2", "Available");
    }

    /** The operator's command through charger-service's API, and the charger's answer. */
    private static JsonNode operate(String chargePoint, String command, String body) throws Exception {
        java.net.http.HttpResponse<String> r = CatalogFixtures.call(suite, "POST",
                "/chargers/v1/charge-points/" + chargePoint + "/" + command, suite.tokens().operator(), body);
        assertEquals(200, r.statusCode(), r.body());
        return CatalogFixtures.json(r);
    }

    @Test
    void the_operator_takes_a_connector_out_of_service_and_back_through_the_charger_api() throws Exception {
        JsonNode out = operate("cz-mg-1", "change-availability",
                "{\"evseId\":1,\"connectorId\":1,\"operative\":false}");
        assertEquals("Accepted", out.path("status").asText(), out.toString());
        assertEquals("ChangeAvailability", out.path("action").asText());
        try {
            searchShows("12.975200,77.606700", "cz-mg-1-ccs2", NOT_OFFERED);
            assertEquals("Unavailable", charger("cz-mg-1").connectors().get(0).status());
        } finally {
            operate("cz-mg-1", "change-availability", "{\"evseId\":1,\"connectorId\":1,\"operative\":true}");
        }
        searchShows("12.975200,77.606700", "cz-mg-1-ccs2", "Available");
        JsonNode trigger = operate("cz-mg-1", "trigger", "{\"message\":\"Heartbeat\",\"evseId\":0,\"connectorId\":0}");
        assertEquals("Accepted", trigger.path("status").asText(), trigger.toString());
        JsonNode listed = CatalogFixtures.json(CatalogFixtures.call(suite, "GET", "/chargers/v1/charge-points/cz-mg-1",
                suite.tokens().operator(), null));
        assertEquals("ONLINE", listed.path("connection").asText(), listed.toString());
        assertEquals("Accepted", listed.path("bootStatus").asText());
        assertEquals("sim-0.1.0", listed.path("firmware").asText(), "the firmware it told at boot");
        assertEquals("Available", listed.at("/connectors/0/status").asText());
    }
}
