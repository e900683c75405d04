package org.evcharging.bpp.suite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * charger-service, the OCPP central system, held to the "bad input" and "nothing lost, nothing doubled" rules
 * by a raw OCPP-J client written here (the JDK's WebSocket, hand-written frames, exact answers asserted), not by the
 * simulator: a refused handshake for an unknown charger, a wrong password or a missing subprotocol; the CALLERROR the
 * spec names for a malformed frame, an unknown action, a wrong type or an undefined property, in both versions; a
 * frame over the cap; a charger flooding CALLs; a transaction or a connector we do not know; a start with an idTag we
 * never issued. The connection stays up after each (a Heartbeat afterwards is answered). A resent start gets the same
 * transaction id, late meter values never move the meter back, a repeated stop is answered and settles nothing twice
 * (1.6 and 2.0.1). The catalog's availability follows the charger's status and its socket. No demo fleet runs here:
 * each test registers its own charge point through the onboarding API.
 */
class OcppCentralSystemIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration ANSWER = Duration.ofSeconds(15);
    private static final String PASSWORD = "it-central-system-pw-01";
    private static LocalSuite suite;

    @BeforeAll
    static void start() {
        suite = LocalSuite.start(SuiteOptions.defaults()
                .workDir(Path.of("target/it-ocpp-central"))
                .wipeWorkDir(true)
                .ingressPort(0)
                .dbPort(0)
                .freeServicePorts(true)
                .demoChargers(false)
                // a remote stop the charger does not confirm is given up on after 3 s (the default is 15 s)
                .environment("charger", "CHARGER_STOP_TIMEOUT", "PT3S")
                .services(Set.of("catalog", "charger")));
        assertTrue(suite.chargers().isEmpty(), "no demo fleet: the test's raw client is the only charger");
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
    }

    // ---- the handshake ----

    @Test
    void the_handshake_refuses_an_unknown_charger_a_wrong_password_and_a_missing_or_wrong_subprotocol()
            throws Exception {
        register("it-handshake", "1.6J", true, 1, 1, "cz-mg-2-chademo");
        assertEquals(401, refusedStatus("it-nobody", "it-nobody", PASSWORD, "ocpp1.6"), "unknown charge point");
        assertEquals(401, refusedStatus("it-handshake", "it-handshake", "not-the-password-at-all", "ocpp1.6"),
                "wrong password");
        assertEquals(401, refusedStatus("it-handshake", "it-someone-else", PASSWORD, "ocpp1.6"),
                "the Basic user is not the charge point of the URL");
        assertEquals(401, refusedStatus("it-handshake", null, null, "ocpp1.6"), "no credentials");
        assertEquals(400, refusedStatus("it-handshake", "it-handshake", PASSWORD), "no subprotocol");
        assertEquals(400, refusedStatus("it-handshake", "it-handshake", PASSWORD, "ocpp1.5"),
                "an unsupported subprotocol");
        assertEquals(400, refusedStatus("it-handshake", "it-handshake", PASSWORD, "ocpp2.0.1"),
                "a version the charger is not registered for");
        logged("cp=it-nobody: refused at the handshake");
        try (RawCharger c = RawCharger.connect("it-handshake", PASSWORD, "ocpp2.0.1", "ocpp1.6")) {
            assertEquals("ocpp1.6", c.ws.getSubprotocol(), "the registered version among those offered");
            c.boot16();
        }
    }

    @Test
    void a_registered_charger_that_is_not_enabled_is_pending_at_boot() throws Exception {
        register("it-pending", "1.6J", false, 1, 1, "cz-in-2-type2");
        try (RawCharger c = RawCharger.connect("it-pending", PASSWORD, "ocpp1.6")) {
            JsonNode boot = c.ok(c.call("BootNotification", bootPayload16()));
            assertEquals("Pending", boot.path("status").asText());
            int interval = boot.path("interval").asInt();
            assertTrue(interval > 0 && interval <= 60, "asked to boot again soon: " + interval);
            c.heartbeat();
        }
    }

    // ---- bad input, 1.6J ----

    @Test
    void ocpp16_malformed_frames_unknown_actions_wrong_types_and_undefined_properties_get_the_spec_callerror()
            throws Exception {
        register("it-16-bad", "1.6J", true, 1, 1, "cz-wf-1-ccs2");
        try (RawCharger c = RawCharger.connect("it-16-bad", PASSWORD, "ocpp1.6")) {
            c.boot16();

            c.send("this is not JSON");
            assertError(c.next(), "-1", "FormationViolation");
            c.heartbeat();

            c.send("{\"not\":\"an array\"}");
            assertError(c.next(), "-1", "FormationViolation");
            c.send("[2,\"short\",\"Heartbeat\"]");
            assertError(c.next(), "short", "ProtocolError");
            c.send("[7,\"type7\",\"Heartbeat\",{}]");
            assertError(c.next(), "type7", "FormationViolation");
            c.send("[2,\"dup\",\"Heartbeat\",{\"a\":1,\"a\":2}]");
            assertError(c.next(), "dup", "FormationViolation");
            c.heartbeat();

            assertError(c.call("LaunchRocket", JSON.createObjectNode()), null, "NotImplemented");
            c.heartbeat();

            ObjectNode wrongType = status16(1, "Available", Instant.now());
            wrongType.put("connectorId", "1");
            assertError(c.call("StatusNotification", wrongType), null, "TypeConstraintViolation");
            c.heartbeat();

            assertError(c.call("Heartbeat", JSON.createObjectNode().put("extra", 1)), null, "FormationViolation");
            ObjectNode missing = status16(1, "Available", Instant.now());
            missing.remove("errorCode");
            assertError(c.call("StatusNotification", missing), null, "OccurenceConstraintViolation");
            ObjectNode badValue = status16(1, "Exploded", Instant.now());
            assertError(c.call("StatusNotification", badValue), null, "PropertyConstraintViolation");
            c.heartbeat();

            // a CALLRESULT or CALLERROR answering no CALL of ours is dropped, never answered (no error ping-pong)
            c.send("[3,\"nothing-outstanding\",{}]");
            c.send("[4,\"nothing-outstanding\",\"GenericError\",\"\",{}]");
            c.heartbeat();
            assertTrue(c.answers.isEmpty(), "nothing but the heartbeat's answer: " + c.answers);
            logged("cp=it-16-bad: frame refused: not JSON");
            logged("cp=it-16-bad: StatusNotification refused");
        }
    }

    @Test
    void ocpp16_an_unknown_transaction_an_unknown_connector_and_an_idtag_never_issued_are_refused_and_logged()
            throws Exception {
        register("it-16-unknown", "1.6J", true, 1, 1, "it-unknown-1");
        try (RawCharger c = RawCharger.connect("it-16-unknown", PASSWORD, "ocpp1.6")) {
            c.boot16();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

            assertError(c.call("MeterValues", meterValues16(987_654_321L, now, 1000)), null,
                    "PropertyConstraintViolation");
            c.heartbeat();

            assertEquals(JSON.createObjectNode(), c.ok(c.call("StatusNotification", status16(7, "Available", now))),
                    "a connector we do not know is answered (the charger must not resend it forever)");
            logged("cp=it-16-unknown connector=7: StatusNotification of a connector that is not registered");
            c.heartbeat();

            ObjectNode start = JSON.createObjectNode().put("connectorId", 1).put("idTag", "NEVER-ISSUED")
                    .put("meterStart", 100).put("timestamp", now.toString());
            JsonNode started = c.ok(c.call("StartTransaction", start));
            assertEquals("Invalid", started.at("/idTagInfo/status").asText());
            assertTrue(started.path("transactionId").isIntegralNumber(), started.toString());
            long tx = started.path("transactionId").asLong();
            logged("cp=it-16-unknown evse=1 connector=1 ocpp-txn=");
            logged("a transaction started with an idTag we did not issue");
            // the charger stops it at once (DeAuthorized): answered, and the same id for a resent start
            assertEquals(tx, c.ok(c.call("StartTransaction", start)).path("transactionId").asLong());
            ObjectNode stop = JSON.createObjectNode().put("transactionId", tx).put("meterStop", 100)
                    .put("timestamp", now.plusSeconds(1).toString()).put("reason", "DeAuthorized");
            assertEquals(JSON.createObjectNode(), c.ok(c.call("StopTransaction", stop)));

            // a stop of a transaction we never issued is answered all the same, so the charger can empty its queue
            ObjectNode stranger = JSON.createObjectNode().put("transactionId", 987_654_321).put("meterStop", 5)
                    .put("timestamp", now.toString()).put("idTag", "NEVER-ISSUED");
            JsonNode strangerStopped = c.ok(c.call("StopTransaction", stranger));
            assertTrue(strangerStopped.has("idTagInfo"), strangerStopped.toString());
            logged("cp=it-16-unknown ocpp-txn=");
            logged("StopTransaction of a transaction we never issued");

            JsonNode authorize = c.ok(c.call("Authorize", JSON.createObjectNode().put("idTag", "NEVER-ISSUED")));
            assertEquals("Invalid", authorize.at("/idTagInfo/status").asText());
            assertError(c.call("DataTransfer", JSON.createObjectNode().put("vendorId", "it")), null, "NotSupported");
            c.heartbeat();
        }
    }

    @Test
    void ocpp16_a_charger_flooding_calls_is_rate_limited_then_answered_again() throws Exception {
        register("it-16-flood", "1.6J", true, 1, 1, "it-flood-1");
        try (RawCharger c = RawCharger.connect("it-16-flood", PASSWORD, "ocpp1.6")) {
            c.boot16();
            await("a fresh one-second window").pollDelay(Duration.ofMillis(1100)).until(() -> true);
            int n = 60;
            for (int i = 0; i < n; i++) {
                c.send("[2,\"flood-" + i + "\",\"Heartbeat\",{}]");
            }
            List<JsonNode> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(c.next());
            }
            int results = 0;
            int refused = 0;
            for (int i = 0; i < n; i++) {
                JsonNode a = answers.get(i);
                assertEquals("flood-" + i, a.get(1).asText(), "answered in order, one answer each");
                if (a.get(0).asInt() == 3) {
                    results++;
                } else {
                    assertError(a, "flood-" + i, "GenericError");
                    assertTrue(a.get(3).asText().contains("rate limit"), a.toString());
                    refused++;
                }
            }
            for (int i = 0; i < 20; i++) {
                assertEquals(3, answers.get(i).get(0).asInt(), "the first 20 in a second are taken: " + answers);
            }
            assertTrue(refused > 0, "more than 20 a second are refused");
            assertTrue(results < n, results + " taken");
            logged("cp=it-16-flood: more CALLs than its rate limit allows");
            await("answered normally after a second").atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(300)).until(() -> {
                        JsonNode a = c.call("Heartbeat", JSON.createObjectNode());
                        return a.get(0).asInt() == 3;
                    });
            c.heartbeat();
        }
    }

    @Test
    void ocpp16_a_frame_over_the_cap_closes_the_connection_and_the_charger_can_reconnect() throws Exception {
        register("it-16-huge", "1.6J", true, 1, 1, "it-huge-1");
        try (RawCharger c = RawCharger.connect("it-16-huge", PASSWORD, "ocpp1.6")) {
            c.boot16();
            c.heartbeat();
            String huge = "[2,\"huge\",\"DataTransfer\",{\"vendorId\":\"it\",\"data\":\"" + "x".repeat(70 * 1024)
                    + "\"}]";
            c.send(huge);
            int code = c.closed.get(ANSWER.toSeconds(), TimeUnit.SECONDS);
            assertEquals(1009, code, "closed by the server: message too big");
            assertTrue(c.answers.isEmpty(), "not read, not answered: " + c.answers);
        }
        logged("charge point it-16-huge disconnected (1009)"); // the close code, logged
        try (RawCharger again = RawCharger.connect("it-16-huge", PASSWORD, "ocpp1.6")) {
            again.boot16();
            // just under the cap is read (and refused for what it is, not for its size)
            String big = "[2,\"big\",\"DataTransfer\",{\"vendorId\":\"it\",\"data\":\"" + "x".repeat(60 * 1024)
                    + "\"}]";
            again.send(big);
            assertError(again.next(), "big", "NotSupported");
            again.heartbeat();
        }
    }

    // ---- bad input, 2.0.1 ----

    @Test
    void ocpp201_malformed_frames_unknown_actions_wrong_types_and_unknown_transactions_get_the_spec_callerror()
            throws Exception {
        register("it-201-bad", "2.0.1", true, 1, 1, "it-201-bad-1");
        try (RawCharger c = RawCharger.connect("it-201-bad", PASSWORD, "ocpp2.0.1")) {
            c.boot201();

            c.send("this is not JSON");
            assertError(c.next(), "-1", "RpcFrameworkError");
            c.send("[7,\"type7\",\"Heartbeat\",{}]");
            assertError(c.next(), "type7", "MessageTypeNotSupported");
            c.send("[2,\"dup\",\"Heartbeat\",{\"a\":1,\"a\":2}]");
            assertError(c.next(), "dup", "FormatViolation");
            c.heartbeat();

            assertError(c.call("LaunchRocket", JSON.createObjectNode()), null, "NotImplemented");
            ObjectNode wrongType = status201(1, 1, "Available", Instant.now());
            wrongType.put("connectorId", "1");
            assertError(c.call("StatusNotification", wrongType), null, "TypeConstraintViolation");
            assertError(c.call("Heartbeat", JSON.createObjectNode().put("extra", 1)), null, "ProtocolError");
            c.heartbeat();

            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            ObjectNode updated = transactionEvent("Updated", "MeterValuePeriodic", 1, "no-such-transaction", now,
                    1000);
            assertError(c.call("TransactionEvent", updated), null, "PropertyConstraintViolation");
            assertEquals(JSON.createObjectNode(),
                    c.ok(c.call("StatusNotification", status201(3, 1, "Available", now))));
            logged("cp=it-201-bad evse=3 connector=1: StatusNotification of a connector that is not registered");
            c.heartbeat();
        }
    }

    // ---- nothing lost, nothing doubled ----

    @Test
    void ocpp16_a_resent_start_is_the_same_transaction_late_meter_values_keep_the_newest_and_a_repeated_stop_settles_once()
            throws Exception {
        register("it-16-session", "1.6J", true, 1, 1, "cz-in-1-ccs2");
        try (RawCharger c = RawCharger.connect("it-16-session", PASSWORD, "ocpp1.6")) {
            c.boot16();
            Instant t0 = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
            c.ok(c.call("StatusNotification", status16(1, "Available", t0)));
            String order = UUID.randomUUID().toString();
            CompletableFuture<HttpResponse<String>> starting = internal("POST", "/internal/chargers/v1/sessions",
                    JSON.createObjectNode().put("orderId", order).put("connector", "cz-in-1-ccs2")
                            .put("targetKwh", 50));
            JsonNode remoteStart = c.serverCall("RemoteStartTransaction");
            assertEquals(1, remoteStart.path("connectorId").asInt());
            String idTag = remoteStart.path("idTag").asText();
            assertEquals(order.replace("-", "").substring(0, 20), idTag, "the order, as 20 characters");

            ObjectNode start = JSON.createObjectNode().put("connectorId", 1).put("idTag", idTag)
                    .put("meterStart", 1000).put("timestamp", t0.toString());
            JsonNode started = c.ok(c.call("StartTransaction", start));
            assertEquals("Accepted", started.at("/idTagInfo/status").asText());
            long tx = started.path("transactionId").asLong();
            JsonNode reading = body(starting.get(30, TimeUnit.SECONDS), 200);
            assertEquals("CHARGING", reading.path("state").asText());

            JsonNode resent = c.ok(c.call("StartTransaction", start));
            assertEquals(tx, resent.path("transactionId").asLong(), "a resent start: the same transaction");
            assertEquals("Accepted", resent.at("/idTagInfo/status").asText());
            JsonNode retried = body(internal("POST", "/internal/chargers/v1/sessions", JSON.createObjectNode()
                    .put("orderId", order).put("connector", "cz-in-1-ccs2").put("targetKwh", 50)).get(), 200);
            assertEquals("CHARGING", retried.path("state").asText(), "a retried start joins the session");
            assertNull(c.serverCalls.poll(), "and sends no second remote start");

            assertEquals(JSON.createObjectNode(), c.ok(c.call("MeterValues", meterValues16(tx, t0.plusSeconds(60),
                    3000))));
            assertEquals(JSON.createObjectNode(), c.ok(c.call("MeterValues", meterValues16(tx, t0.plusSeconds(30),
                    2000))), "a late sample is taken");
            JsonNode now = session(order);
            assertKwh("2.000", now, "the newest sample is the meter: 3000 - 1000 Wh");
            assertEquals(t0.plusSeconds(60), Instant.parse(now.path("at").asText()));
            assertEquals(JSON.createObjectNode(), c.ok(c.call("MeterValues", meterValues16(tx, t0.plusSeconds(60),
                    3000))), "a resent sample is taken");
            assertKwh("2.000", session(order), "once");

            CompletableFuture<HttpResponse<String>> stopping = internal("POST",
                    "/internal/chargers/v1/sessions/" + order + "/stop", null);
            JsonNode remoteStop = c.serverCall("RemoteStopTransaction");
            assertEquals(tx, remoteStop.path("transactionId").asLong());
            ObjectNode stop = JSON.createObjectNode().put("transactionId", tx).put("meterStop", 4500)
                    .put("timestamp", t0.plusSeconds(90).toString()).put("reason", "Remote");
            stop.set("transactionData", meterValues16(tx, t0.plusSeconds(75), 4000).get("meterValue"));
            assertEquals(JSON.createObjectNode(), c.ok(c.call("StopTransaction", stop)));
            JsonNode stopped = body(stopping.get(30, TimeUnit.SECONDS), 200);
            assertEquals("STOPPED", stopped.path("state").asText());
            assertKwh("3.500", stopped, "settled on the meter stop: (4500 - 1000) / 1000");

            ObjectNode again = stop.deepCopy().put("meterStop", 9999).put("timestamp", t0.plusSeconds(300)
                    .toString());
            assertEquals(JSON.createObjectNode(), c.ok(c.call("StopTransaction", again)),
                    "a repeated stop is answered");
            assertKwh("3.500", session(order), "and settles nothing twice");
            JsonNode stoppedAgain = body(internal("POST", "/internal/chargers/v1/sessions/" + order + "/stop", null)
                    .get(), 200);
            assertKwh("3.500", stoppedAgain, "order-service's repeated stop reads the settled session");
            assertEquals("STOPPED", stoppedAgain.path("state").asText());
            assertNull(c.serverCalls.poll(), "no second remote stop");
            c.heartbeat();
        }
    }

    @Test
    void ocpp201_transaction_events_started_updated_ended_resent_and_late_are_applied_once() throws Exception {
        register("it-201-session", "2.0.1", true, 1, 1, "cz-mg-3-type2");
        try (RawCharger c = RawCharger.connect("it-201-session", PASSWORD, "ocpp2.0.1")) {
            c.boot201();
            Instant t0 = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
            c.ok(c.call("StatusNotification", status201(1, 1, "Available", t0)));
            String order = UUID.randomUUID().toString();
            CompletableFuture<HttpResponse<String>> starting = internal("POST", "/internal/chargers/v1/sessions",
                    JSON.createObjectNode().put("orderId", order).put("connector", "cz-mg-3-type2")
                            .put("targetKwh", 50));
            JsonNode remoteStart = c.serverCall("RequestStartTransaction");
            assertEquals(order, remoteStart.at("/idToken/idToken").asText());
            assertEquals(1, remoteStart.path("evseId").asInt());
            int remoteStartId = remoteStart.path("remoteStartId").asInt();

            String txId = UUID.randomUUID().toString(); // the station names it: 36 characters at most
            ObjectNode started = transactionEvent("Started", "RemoteStart", 0, txId, t0, 1000);
            ((ObjectNode) started.get("transactionInfo")).put("remoteStartId", remoteStartId);
            started.putObject("idToken").put("idToken", order).put("type", "Central");
            started.putObject("evse").put("id", 1).put("connectorId", 1);
            assertEquals("Accepted", c.ok(c.call("TransactionEvent", started)).at("/idTokenInfo/status").asText());
            assertEquals("CHARGING", body(starting.get(30, TimeUnit.SECONDS), 200).path("state").asText());
            assertEquals("Accepted", c.ok(c.call("TransactionEvent", started)).at("/idTokenInfo/status").asText(),
                    "a resent Started is the same transaction");

            assertEquals(JSON.createObjectNode(), c.ok(c.call("TransactionEvent",
                    transactionEvent("Updated", "MeterValuePeriodic", 2, txId, t0.plusSeconds(60), 3000))));
            assertEquals(JSON.createObjectNode(), c.ok(c.call("TransactionEvent",
                    transactionEvent("Updated", "MeterValuePeriodic", 1, txId, t0.plusSeconds(30), 2000))));
            JsonNode now = session(order);
            assertKwh("2.000", now, "the newest sample is the meter");
            assertEquals(t0.plusSeconds(60), Instant.parse(now.path("at").asText()));

            CompletableFuture<HttpResponse<String>> stopping = internal("POST",
                    "/internal/chargers/v1/sessions/" + order + "/stop", null);
            JsonNode remoteStop = c.serverCall("RequestStopTransaction");
            assertEquals(txId, remoteStop.path("transactionId").asText());
            ObjectNode ended = transactionEvent("Ended", "RemoteStop", 3, txId, t0.plusSeconds(90), 4500);
            ((ObjectNode) ended.get("transactionInfo")).put("stoppedReason", "Remote");
            ((ObjectNode) ended.at("/meterValue/0/sampledValue/0")).put("context", "Transaction.End");
            assertEquals(JSON.createObjectNode(), c.ok(c.call("TransactionEvent", ended)));
            JsonNode stopped = body(stopping.get(30, TimeUnit.SECONDS), 200);
            assertEquals("STOPPED", stopped.path("state").asText());
            assertKwh("3.500", stopped, "settled on the station's meter");

            ObjectNode endedAgain = transactionEvent("Ended", "RemoteStop", 4, txId, t0.plusSeconds(300), 9999);
            assertEquals(JSON.createObjectNode(), c.ok(c.call("TransactionEvent", endedAgain)),
                    "a repeated Ended is answered");
            assertKwh("3.500", session(order), "and settles nothing twice");
            assertEquals("STOPPED", session(order).path("state").asText());
            c.heartbeat();
        }
    }

    @Test
    void ocpp16_a_stop_the_charger_confirms_too_late_is_answered_and_bills_nothing_more() throws Exception {
        register("it-16-late", "1.6J", true, 1, 1, "it-late-1");
        try (RawCharger c = RawCharger.connect("it-16-late", PASSWORD, "ocpp1.6")) {
            c.boot16();
            Instant t0 = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
            String order = UUID.randomUUID().toString();
            CompletableFuture<HttpResponse<String>> starting = internal("POST", "/internal/chargers/v1/sessions",
                    JSON.createObjectNode().put("orderId", order).put("connector", "it-late-1").put("targetKwh", 50));
            String idTag = c.serverCall("RemoteStartTransaction").path("idTag").asText();
            long tx = c.ok(c.call("StartTransaction", JSON.createObjectNode().put("connectorId", 1)
                    .put("idTag", idTag).put("meterStart", 1000).put("timestamp", t0.toString())))
                    .path("transactionId").asLong();
            body(starting.get(30, TimeUnit.SECONDS), 200);
            c.ok(c.call("MeterValues", meterValues16(tx, t0.plusSeconds(30), 2000)));

            CompletableFuture<HttpResponse<String>> stopping = internal("POST",
                    "/internal/chargers/v1/sessions/" + order + "/stop", null);
            assertEquals(tx, c.serverCall("RemoteStopTransaction").path("transactionId").asLong());
            // the charger goes quiet: no StopTransaction within charger.stop-timeout; the last reading stands
            JsonNode stopped = body(stopping.get(30, TimeUnit.SECONDS), 200);
            assertEquals("STOPPED", stopped.path("state").asText());
            assertEquals("NoStopFromCharger", stopped.path("stopReason").asText());
            assertKwh("1.000", stopped, "the last reading: 2000 - 1000 Wh");

            // then it sends the stop it queued, with newer transactionData: answered, kept, nothing more billed
            ObjectNode late = JSON.createObjectNode().put("transactionId", tx).put("meterStop", 4500)
                    .put("timestamp", t0.plusSeconds(90).toString()).put("reason", "Remote");
            late.set("transactionData", meterValues16(tx, t0.plusSeconds(60), 4000).get("meterValue"));
            assertEquals(JSON.createObjectNode(), c.ok(c.call("StopTransaction", late)));
            JsonNode after = session(order);
            assertKwh("1.000", after, "settled once, on what was known at the stop");
            assertEquals("STOPPED", after.path("state").asText());
            c.heartbeat();
        }
    }

    // ---- availability in the catalog ----

    @Test
    void the_catalogs_availability_follows_status_notifications_and_the_socket() throws Exception {
        register("it-16-avail", "1.6J", true, 1, 1, "cz-mg-1-ccs2");
        String connector = "cz-mg-1-ccs2";
        try (RawCharger c = RawCharger.connect("it-16-avail", PASSWORD, "ocpp1.6")) {
            c.boot16();
            Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            c.ok(c.call("StatusNotification", status16(1, "Available", t)));
            catalogShows(connector, "AVAILABLE", Duration.ofSeconds(2));
            c.ok(c.call("StatusNotification", status16(1, "Charging", t.plusSeconds(1))));
            catalogShows(connector, "OCCUPIED", Duration.ofSeconds(2));
            ObjectNode faulted = status16(1, "Faulted", t.plusSeconds(2)).put("errorCode", "GroundFailure");
            c.ok(c.call("StatusNotification", faulted));
            catalogShows(connector, "OUT_OF_SERVICE", Duration.ofSeconds(2));
            c.ok(c.call("StatusNotification", status16(1, "Available", t.plusSeconds(3))));
            catalogShows(connector, "AVAILABLE", Duration.ofSeconds(2));
            // a status older than the one kept (resent from a queue) changes nothing
            c.ok(c.call("StatusNotification", status16(1, "Faulted", t.minusSeconds(60))));
            await("an old status").pollDelay(Duration.ofMillis(2500)).until(() -> true);
            assertEquals("AVAILABLE", catalogAvailability(connector));
            // the whole charger (connector 0) unavailable puts its connectors out of service
            c.ok(c.call("StatusNotification", status16(0, "Unavailable", t.plusSeconds(4))));
            catalogShows(connector, "OUT_OF_SERVICE", Duration.ofSeconds(2));
            c.ok(c.call("StatusNotification", status16(0, "Available", t.plusSeconds(5))));
            catalogShows(connector, "AVAILABLE", Duration.ofSeconds(2));
        }
        catalogShows(connector, "OUT_OF_SERVICE", Duration.ofSeconds(3));
        try (RawCharger back = RawCharger.connect("it-16-avail", PASSWORD, "ocpp1.6")) {
            back.boot16();
            catalogShows(connector, "AVAILABLE", Duration.ofSeconds(3));
        }
    }

    // ---- helpers ----

    private static void catalogShows(String connector, String availability, Duration within) {
        await(connector + " " + availability + " in the catalog").atMost(within).pollInterval(Duration.ofMillis(100))
                .until(() -> catalogAvailability(connector), availability::equals);
    }

    private static String catalogAvailability(String connector) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                URI.create(suite.serviceUrl("catalog") + "/catalog/v1/providers/chargezone.in/locations"))
                .header("Authorization", "Bearer " + suite.tokens().operator()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode locations = body(r, 200);
        for (JsonNode location : locations) {
            for (JsonNode evse : location.path("evses")) {
                for (JsonNode c : evse.path("connectors")) {
                    if (connector.equals(c.path("id").asText())) {
                        return c.path("availability").asText();
                    }
                }
            }
        }
        return "not in the catalog";
    }

    /**
     * Registers (or re-registers) a charge point with one connector, as the operator. A catalog connector binds one
     * charger, and the demo network has six: tests that never look at the catalog bind made-up ones (charger-service
     * does not ask the catalog at registration; their availability is refused there and logged once).
     */
    private static void register(String id, String protocol, boolean enabled, int evseId, int connectorId,
            String catalogConnector) {
        ObjectNode spec = JSON.createObjectNode().put("id", id).put("providerId", "chargezone.in")
                .put("protocol", protocol).put("password", PASSWORD).put("enabled", enabled);
        spec.putArray("connectors").addObject().put("evseId", evseId).put("connectorId", connectorId)
                .put("catalogConnector", catalogConnector);
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                    URI.create(suite.serviceUrl("charger") + "/chargers/v1/charge-points/" + id))
                    .header("Authorization", "Bearer " + suite.tokens().operator())
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(spec.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), "registering " + id + ": " + r.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<HttpResponse<String>> internal(String method, String path, JsonNode body) {
        String token = suite.tokens().service("order-service", "charger", List.of("service"), Duration.ofMinutes(10));
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(suite.serviceUrl("charger") + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode session(String order) throws Exception {
        return body(internal("GET", "/internal/chargers/v1/sessions/" + order, null).get(), 200);
    }

    private static JsonNode body(HttpResponse<String> r, int status) throws IOException {
        assertEquals(status, r.statusCode(), r.request().uri() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static void assertKwh(String expected, JsonNode reading, String why) {
        assertEquals(0, new BigDecimal(expected).compareTo(reading.path("deliveredKwh").decimalValue()),
                why + ": " + reading);
    }

    private static void assertError(JsonNode frame, String id, String code) {
        assertEquals(4, frame.get(0).asInt(), "a CALLERROR: " + frame);
        if (id != null) {
            assertEquals(id, frame.get(1).asText(), frame.toString());
        }
        assertEquals(code, frame.get(2).asText(), frame.toString());
    }

    /** The charger-service log has a line with {@code fragment} (the operator's log line for bad input). */
    private static void logged(String fragment) {
        Path log = suite.workDir().resolve("logs/charger-service.log");
        await("logged: " + fragment).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> Files.isRegularFile(log)
                        && Files.readString(log, StandardCharsets.UTF_8).contains(fragment));
    }

    private static int refusedStatus(String id, String user, String password, String... subprotocols) {
        CompletionException e = assertThrows(CompletionException.class,
                () -> RawCharger.open(id, user, password, subprotocols).close());
        WebSocketHandshakeException h = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        return h.getResponse().statusCode();
    }

    private static ObjectNode bootPayload16() {
        return JSON.createObjectNode().put("chargePointVendor", "IT").put("chargePointModel", "Raw")
                .put("firmwareVersion", "1.0");
    }

    private static ObjectNode status16(int connectorId, String status, Instant at) {
        return JSON.createObjectNode().put("connectorId", connectorId).put("status", status)
                .put("errorCode", "NoError").put("timestamp", at.toString());
    }

    private static ObjectNode status201(int evseId, int connectorId, String status, Instant at) {
        return JSON.createObjectNode().put("timestamp", at.toString()).put("connectorStatus", status)
                .put("evseId", evseId).put("connectorId", connectorId);
    }

    private static ObjectNode meterValues16(long transactionId, Instant at, long wh) {
        ObjectNode p = JSON.createObjectNode().put("connectorId", 1).put("transactionId", transactionId);
        ObjectNode mv = p.putArray("meterValue").addObject().put("timestamp", at.toString());
        mv.putArray("sampledValue").addObject().put("value", String.valueOf(wh))
                .put("measurand", "Energy.Active.Import.Register").put("unit", "Wh").put("context", "Sample.Periodic");
        return p;
    }

    private static ObjectNode transactionEvent(String type, String trigger, int seqNo, String txId, Instant at,
            long wh) {
        ObjectNode p = JSON.createObjectNode().put("eventType", type).put("timestamp", at.toString())
                .put("triggerReason", trigger).put("seqNo", seqNo);
        p.putObject("transactionInfo").put("transactionId", txId).put("chargingState",
                "Ended".equals(type) ? "Idle" : "Charging");
        ArrayNode values = p.putArray("meterValue");
        ObjectNode mv = values.addObject().put("timestamp", at.toString());
        mv.putArray("sampledValue").addObject().put("value", wh).put("measurand", "Energy.Active.Import.Register")
                .putObject("unitOfMeasure").put("unit", "Wh");
        return p;
    }

    /**
     * A charge point written for this test: the JDK's WebSocket, frames written by hand. Our CALLs are answered in
     * {@link #answers}; the central system's CALLs land in {@link #serverCalls} and are answered Accepted.
     */
    static final class RawCharger implements WebSocket.Listener, AutoCloseable {

        final BlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>();
        final BlockingQueue<JsonNode> serverCalls = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private final ExecutorService replier = Executors.newSingleThreadExecutor();
        private WebSocket ws;
        private int next;

        static RawCharger connect(String id, String password, String... subprotocols) {
            return open(id, id, password, subprotocols);
        }

        static RawCharger open(String id, String user, String password, String... subprotocols) {
            RawCharger c = new RawCharger();
            WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
            if (subprotocols.length > 0) {
                b.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
            }
            if (user != null) {
                b.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            URI uri = URI.create(suite.serviceUrl("charger").replaceFirst("^http", "ws") + "/ocpp/" + id);
            try {
                c.ws = b.buildAsync(uri, c).join();
            } catch (CompletionException e) {
                c.replier.shutdownNow();
                throw e;
            }
            return c;
        }

        void boot16() throws Exception {
            JsonNode boot = ok(call("BootNotification", bootPayload16()));
            assertEquals("Accepted", boot.path("status").asText(), boot.toString());
            assertEquals(60, boot.path("interval").asInt(), "the suite's heartbeat interval");
            assertNotNull(boot.get("currentTime"));
        }

        void boot201() throws Exception {
            ObjectNode p = JSON.createObjectNode().put("reason", "PowerUp");
            p.putObject("chargingStation").put("model", "Raw").put("vendorName", "IT");
            JsonNode boot = ok(call("BootNotification", p));
            assertEquals("Accepted", boot.path("status").asText(), boot.toString());
            assertEquals(60, boot.path("interval").asInt());
        }

        /** The connection is up and answers a Heartbeat. */
        void heartbeat() throws Exception {
            JsonNode hb = ok(call("Heartbeat", JSON.createObjectNode()));
            assertTrue(hb.path("currentTime").isTextual(), hb.toString());
        }

        synchronized void send(String text) {
            ws.sendText(text, true).join();
        }

        JsonNode call(String action, JsonNode payload) throws Exception {
            String id = "m" + (++next);
            send("[2,\"" + id + "\",\"" + action + "\"," + payload + "]");
            JsonNode answer = next();
            assertEquals(id, answer.get(1).asText(), "the answer to " + action + ": " + answer);
            return answer;
        }

        JsonNode next() throws InterruptedException {
            JsonNode a = answers.poll(ANSWER.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(a, "an answer within " + ANSWER);
            return a;
        }

        JsonNode ok(JsonNode frame) {
            assertEquals(3, frame.get(0).asInt(), "a CALLRESULT: " + frame);
            return frame.get(2);
        }

        /** The next CALL the central system sent us (already answered Accepted): its payload. */
        JsonNode serverCall(String action) throws InterruptedException {
            JsonNode call = serverCalls.poll(30, TimeUnit.SECONDS);
            assertNotNull(call, "a " + action + " from the central system");
            assertEquals(action, call.get(2).asText(), call.toString());
            return call.get(3);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode frame = JSON.readTree(text);
                    if (frame.get(0).asInt() == 2) {
                        serverCalls.add(frame);
                        String reply = "[3,\"" + frame.get(1).asText() + "\",{\"status\":\"Accepted\"}]";
                        replier.execute(() -> send(reply));
                    } else {
                        answers.add(frame);
                    }
                } catch (IOException e) {
                    answers.add(JSON.createArrayNode().add(-1).add(text));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }

        @Override
        public void close() {
            replier.shutdownNow();
            if (ws != null && !ws.isOutputClosed()) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null)
                        .join();
            }
            if (ws != null) {
                ws.abort();
            }
        }
    }
}
