package org.evcharging.bpp.simulator;

import static org.evcharging.bpp.simulator.TestMessages.energyWh;
import static org.evcharging.bpp.simulator.TestMessages.start;
import static org.evcharging.bpp.simulator.TestMessages.startAction;
import static org.evcharging.bpp.simulator.TestMessages.statuses;
import static org.evcharging.bpp.simulator.TestMessages.stop;
import static org.evcharging.bpp.simulator.TestMessages.stopAction;
import static org.evcharging.bpp.simulator.TestMessages.stopReason;
import static org.evcharging.bpp.simulator.TestMessages.timestamp;
import static org.evcharging.bpp.simulator.TestMessages.transactionMessages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.evcharging.bpp.ocpp.Frame;
import org.evcharging.bpp.ocpp.Frame.CallError;
import org.evcharging.bpp.ocpp.Frame.CallResult;
import org.evcharging.bpp.ocpp.OcppVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The charger's OCPP behaviour in both versions, without sockets: a {@link FakeCentralSystem} on a
 * {@link ManualTime}. After every test, no frame either side sent may break the OCA schema.
 */
class SimulatedChargerTest {

    private static final String ID = "CP-1";
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final FleetOptions OPTIONS = FleetOptions.defaults()
            .withMeterInterval(Duration.ofSeconds(10))
            .withReconnect(Duration.ofSeconds(1), Duration.ofSeconds(8));

    private final ManualTime time = new ManualTime(T0);
    private final FakeCentralSystem central = new FakeCentralSystem(time);
    private ChargerFleet fleet;
    private SimulatedCharger charger;
    private OcppVersion version;

    @AfterEach
    void nothingBreaksTheSchema() {
        if (fleet != null) {
            fleet.close();
        }
        assertEquals(List.of(), central.violations);
        if (charger != null) {
            assertEquals(0, charger.ownSchemaViolations());
        }
    }

    private SimulatedCharger boot(OcppVersion v, FleetOptions options) {
        version = v;
        ChargerSpec spec = new ChargerSpec(ID, "secret", v, List.of(new ConnectorSpec(1, 1, 22),
                new ConnectorSpec(2, v == OcppVersion.OCPP_1_6 ? 2 : 1, 50)));
        fleet = ChargerFleet.start(List.of(spec), options, central, time, time, () -> {
        });
        charger = fleet.charger(ID);
        time.runDue();
        return charger;
    }

    /** The central system's CALL; the charger answers at once, and what it sends next is answered too. */
    private Frame call(String action, ObjectNode payload) {
        Frame answer = central.call(ID, action, payload).getNow(null);
        assertNotNull(answer, "the charger answers a CALL at once");
        time.runDue();
        return answer;
    }

    private String status(Frame answer) {
        return assertInstanceOf(CallResult.class, answer).payload().path("status").asText();
    }

    /** Starts a transaction on {@code evse}; returns its id (1.6: the one the fake central system gave). */
    private String remoteStart(int evse) {
        assertEquals("Accepted", status(call(startAction(version), start(version, evse, "TAG-1", 7))));
        String id = charger.connector(evse).transactionId();
        assertNotNull(id);
        return id;
    }

    private List<FakeCentralSystem.Sent> messages(TransactionPhase phase) {
        return transactionMessages(central, ID, version, phase);
    }

    private long delivered() {
        return energyWh(version, messages(TransactionPhase.ENDED).get(0).payload())
                - energyWh(version, messages(TransactionPhase.STARTED).get(0).payload());
    }

    @ParameterizedTest
    @EnumSource(OcppVersion.class)
    void bootsThenReportsEveryConnectorAndBeatsAtTheGivenInterval(OcppVersion v) {
        boot(v, OPTIONS);

        assertEquals(ConnectionState.CONNECTED, charger.connectionState());
        assertEquals(BootStatus.ACCEPTED, charger.bootStatus());
        assertEquals("BootNotification", central.actions(ID).get(0));
        ObjectNode boot = central.sent(ID, "BootNotification").get(0).payload();
        if (v == OcppVersion.OCPP_1_6) {
            assertEquals("EVChargingBPP", boot.get("chargePointVendor").asText());
            assertEquals(List.of("Available"), statuses(central, ID, v, 0));
        } else {
            assertEquals("PowerUp", boot.get("reason").asText());
            assertEquals("SimCharger", boot.path("chargingStation").path("model").asText());
        }
        assertEquals(List.of("Available"), statuses(central, ID, v, 1));
        assertEquals(List.of("Available"), statuses(central, ID, v, 2));

        time.advanceSeconds(59);
        assertEquals(0, charger.sentCalls("Heartbeat"));
        time.advanceSeconds(1);
        assertEquals(1, charger.sentCalls("Heartbeat"));
        time.advanceSeconds(60);
        assertEquals(2, charger.sentCalls("Heartbeat"));
    }

    @ParameterizedTest
    @EnumSource(OcppVersion.class)
    void pendingAndRejectedBootsAreRetriedAfterTheInterval(OcppVersion v) {
        String[] answers = {"Pending", "Rejected", "Accepted"};
        int[] n = {0};
        central.answer("BootNotification", call -> JsonNodeFactory.instance.objectNode()
                .put("status", answers[Math.min(n[0]++, 2)])
                .put("currentTime", Json.time(time.instant()))
                .put("interval", 20));
        boot(v, OPTIONS);
        assertEquals(BootStatus.PENDING, charger.bootStatus());
        assertEquals(0, charger.sentCalls("StatusNotification"));

        time.advanceSeconds(20);
        assertEquals(BootStatus.REJECTED, charger.bootStatus());
        assertEquals(0, charger.sentCalls("StatusNotification"));

        time.advanceSeconds(20);
        assertEquals(BootStatus.ACCEPTED, charger.bootStatus());
        assertEquals(3, charger.sentCalls("BootNotification"));
        assertEquals(List.of("Available"), statuses(central, ID, v, 1));
    }

    @ParameterizedTest
    @EnumSource(OcppVersion.class)
    void remoteStartMetersEveryIntervalAndRemoteStopReportsTheEnergyDelivered(OcppVersion v) {
        boot(v, OPTIONS);
        String transactionId = remoteStart(1);
        time.advanceSeconds(30);

        List<FakeCentralSystem.Sent> updates = messages(TransactionPhase.UPDATED);
        assertEquals(3, updates.size());
        // 22 kW for 10, 20, 30 s: 61.1, 122.2, 183.3 Wh, always whole Wh rounded down
        assertEquals(List.of(61L, 122L, 183L), updates.stream().map(u -> energyWh(v, u.payload())).toList());
        assertEquals(T0.plusSeconds(10), timestamp(updates.get(0).payload()));
        assertEquals(183, charger.connector(1).meterWh());

        assertEquals("Accepted", status(call(stopAction(v), stop(v, transactionId))));

        ObjectNode ended = messages(TransactionPhase.ENDED).get(0).payload();
        assertEquals("Remote", stopReason(v, ended));
        assertEquals(183, delivered());
        assertFalse(charger.connector(1).charging());
        if (v == OcppVersion.OCPP_1_6) {
            assertEquals(List.of("Available", "Preparing", "Charging", "Finishing", "Available"),
                    statuses(central, ID, v, 1));
            assertEquals(100, updates.get(0).payload().get("transactionId").asInt());
            assertEquals(100, ended.get("transactionId").asInt());
            assertEquals(2, ended.get("transactionData").size());
            List<String> order = central.actions(ID);
            assertTrue(order.indexOf("StartTransaction") < order.lastIndexOf("StopTransaction"));
        } else {
            assertEquals(List.of("Available", "Occupied", "Available"), statuses(central, ID, v, 1));
            ObjectNode started = messages(TransactionPhase.STARTED).get(0).payload();
            assertEquals("RemoteStart", started.get("triggerReason").asText());
            assertEquals(7, started.path("transactionInfo").path("remoteStartId").asInt());
            assertEquals(transactionId, started.path("transactionInfo").path("transactionId").asText());
            assertEquals("RemoteStop", ended.get("triggerReason").asText());
            List<Integer> seqNos = central.sent(ID, "TransactionEvent")
                    .stream()
                    .map(s -> s.payload().get("seqNo").asInt())
                    .toList();
            assertEquals(List.of(0, 1, 2, 3, 4), seqNos);
        }
    }

    @ParameterizedTest
    @EnumSource(OcppVersion.class)
    void aFullBatteryEndsTheTransactionByItself(OcppVersion v) {
        // 10 kWh at 90 %: 1000 Wh to go, at 50 kW and twice real speed that is 36 s
        boot(v, OPTIONS.withBattery(10, 90).withTimeScale(2));
        remoteStart(2);
        time.advanceSeconds(35);
        assertTrue(charger.connector(2).charging());
        time.advanceSeconds(1);

        assertFalse(charger.connector(2).charging());
        ObjectNode ended = messages(TransactionPhase.ENDED).get(0).payload();
        assertEquals("EVDisconnected", stopReason(v, ended));
        assertEquals(1000, delivered());
        if (v == OcppVersion.OCPP_1_6) {
            assertEquals(List.of("Available", "Preparing", "Charging", "SuspendedEV", "Available"),
                    statuses(central, ID, v, 2));
            List<String> order = central.actions(ID);
            assertEquals("StopTransaction", order.get(order.size() - 2));
        } else {
            assertEquals("EVDeparted", ended.get("triggerReason").asText());
            assertEquals(List.of("Available", "Occupied", "Available"), statuses(central, ID, v, 2));
        }
    }

    /** The central system's ChangeAvailability for one EVSE (1.6: connector), in the version's words. */
    private static ObjectNode changeAvailability(OcppVersion v, int evse, boolean operative) {
        ObjectNode p = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        if (v == OcppVersion.OCPP_1_6) {
            return p.put("connectorId", evse).put("type", operative ? "Operative" : "Inoperative");
        }
        p.put("operationalStatus", operative ? "Operative" : "Inoperative");
        p.putObject("evse").put("id", evse);
        return p;
    }

    @ParameterizedTest
    @EnumSource(OcppVersion.class)
    void changeAvailabilityTakesAConnectorOutOfServiceAndBackAndIsScheduledWhileCharging(OcppVersion v) {
        boot(v, OPTIONS);
        assertEquals("Accepted", status(call("ChangeAvailability", changeAvailability(v, 1, false))));
        List<String> one = statuses(central, ID, v, 1);
        assertEquals("Unavailable", one.get(one.size() - 1));
        assertEquals("Unavailable", charger.connector(1).status());
        assertEquals("Rejected", status(call(startAction(v), start(v, 1, "TAG-1", 1))), "no start out of service");

        assertEquals("Accepted", status(call("ChangeAvailability", changeAvailability(v, 1, true))));
        one = statuses(central, ID, v, 1);
        assertEquals("Available", one.get(one.size() - 1));
        remoteStart(1);
        assertEquals("Scheduled", status(call("ChangeAvailability", changeAvailability(v, 1, false))));
        assertTrue(charger.connector(1).charging(), "a running transaction goes on");
    }

    @ParameterizedTest
    @EnumSource(OcppVersion.class)
    void aTriggeredReadingOfARunningTransactionIsSentAtOnce(OcppVersion v) {
        boot(v, OPTIONS);
        remoteStart(1);
        String reading = v == OcppVersion.OCPP_1_6 ? "MeterValues" : "TransactionEvent";
        int before = central.sent(ID, reading).size();
        ObjectNode trigger = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("requestedMessage", reading);
        assertEquals("Accepted", status(call("TriggerMessage", trigger)));
        assertTrue(central.sent(ID, reading).size() > before, "a reading of the transaction, not the next regular one");
    }

    @ParameterizedTest
    @EnumSource(OcppVersion.class)
    void triggerMessageSendsTheMessageAskedForAndResetRebootsAnIdleCharger(OcppVersion v) {
        boot(v, OPTIONS);
        ObjectNode trigger = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("requestedMessage", "StatusNotification");
        int before = central.sent(ID, "StatusNotification").size();
        assertEquals("Accepted", status(call("TriggerMessage", trigger)));
        assertTrue(central.sent(ID, "StatusNotification").size() > before, "statuses sent again");
        trigger.put("requestedMessage", "MeterValues");
        assertEquals("Rejected", status(call("TriggerMessage", trigger)), "no meter values without a transaction");

        int boots = central.sent(ID, "BootNotification").size();
        ObjectNode reset = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("type",
                v == OcppVersion.OCPP_1_6 ? "Soft" : "OnIdle");
        assertEquals("Accepted", status(call("Reset", reset)));
        time.advanceSeconds(5);
        assertEquals(boots + 1, central.sent(ID, "BootNotification").size(), "rebooted: a new BootNotification");
        assertEquals(ConnectionState.CONNECTED, charger.connectionState());

        remoteStart(1);
        assertEquals("Rejected", status(call("Reset", reset)), "not while charging");
    }

    @ParameterizedTest
    @EnumSource(OcppVersion.class)
    void rejectNextStartRejectsOnlyTheNextOne(OcppVersion v) {
        boot(v, OPTIONS);
        charger.rejectNextStart();
        assertEquals("Rejected", status(call(startAction(v), start(v, 1, "TAG-1", 1))));
        assertEquals(List.of(), messages(TransactionPhase.STARTED));

        remoteStart(1);
        assertEquals(1, messages(TransactionPhase.STARTED).size());
    }

    @ParameterizedTest
    @EnumSource(OcppVersion.class)
    void ignoreNextStartAcceptsButNeverStarts(OcppVersion v) {
        boot(v, OPTIONS);
        charger.ignoreNextStart();
        assertEquals("Accepted", status(call(startAction(v), start(v, 1, "TAG-1", 1))));
        time.advanceSeconds(120);
        assertEquals(List.of(), messages(TransactionPhase.STARTED));
        assertFalse(charger.connector(1).charging());
        assertEquals("Available", charger.connector(1).status());

        remoteStart(1);
        assertEquals(1, messages(TransactionPhase.STARTED).size());
    }

    @ParameterizedTest
    @EnumSource(OcppVersion.class)
    void aFaultEndsTheTransactionAndBlocksStartsUntilCleared(OcppVersion v) {
        boot(v, OPTIONS);
        remoteStart(1);
        time.advanceSeconds(20);
        charger.fault(1);
        time.runDue();

        List<String> order = central.actions(ID);
        int faulted = -1;
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).equals("StatusNotification") && central.sent(ID).get(i).payload().toString()
                    .contains("Faulted")) {
                faulted = i;
            }
        }
        String endAction = v == OcppVersion.OCPP_1_6 ? "StopTransaction" : "TransactionEvent";
        assertTrue(faulted >= 0 && faulted < order.lastIndexOf(endAction), "Faulted before the end: " + order);
        ObjectNode ended = messages(TransactionPhase.ENDED).get(0).payload();
        assertEquals("Other", stopReason(v, ended));
        assertEquals(122, delivered());
        if (v == OcppVersion.OCPP_1_6) {
            ObjectNode status = central.sent(ID).get(faulted).payload();
            assertEquals("GroundFailure", status.get("errorCode").asText());
        } else {
            assertEquals("AbnormalCondition", ended.get("triggerReason").asText());
        }

        assertEquals("Rejected", status(call(startAction(v), start(v, 1, "TAG-1", 2))));
        charger.clearFault(1);
        time.runDue();
        List<String> all = statuses(central, ID, v, 1);
        assertEquals("Available", all.get(all.size() - 1));
        remoteStart(1);
    }

    @ParameterizedTest
    @EnumSource(OcppVersion.class)
    void unplugEndsTheTransactionWithEvDisconnected(OcppVersion v) {
        boot(v, OPTIONS);
        remoteStart(2);
        time.advanceSeconds(15);
        charger.unplug(2);
        time.runDue();

        assertEquals("EVDisconnected", stopReason(v, messages(TransactionPhase.ENDED).get(0).payload()));
        assertEquals(208, delivered()); // 50 kW for 15 s = 208.3 Wh
        assertEquals("Available", charger.connector(2).status());
    }

    @ParameterizedTest
    @EnumSource(OcppVersion.class)
    void anIdTheCentralSystemDoesNotAcceptStopsTheTransactionAtOnce(OcppVersion v) {
        if (v == OcppVersion.OCPP_1_6) {
            central.answer("StartTransaction", call -> {
                ObjectNode a = JsonNodeFactory.instance.objectNode().put("transactionId", 55);
                a.putObject("idTagInfo").put("status", "Invalid");
                return a;
            });
        } else {
            central.answer("TransactionEvent", call -> {
                ObjectNode a = JsonNodeFactory.instance.objectNode();
                if (call.payload().get("eventType").asText().equals("Started")) {
                    a.putObject("idTokenInfo").put("status", "Invalid");
                }
                return a;
            });
        }
        boot(v, OPTIONS);
        assertEquals("Accepted", status(call(startAction(v), start(v, 1, "BAD-TAG", 3))));

        assertFalse(charger.connector(1).charging());
        assertEquals("DeAuthorized", stopReason(v, messages(TransactionPhase.ENDED).get(0).payload()));
        assertEquals(0, delivered());
    }

    @ParameterizedTest
    @EnumSource(OcppVersion.class)
    void offlineQueuesTransactionMessagesAndSendsThemInOrderWithTheirOwnTimesAfterReconnecting(OcppVersion v) {
        boot(v, OPTIONS);
        remoteStart(1);
        time.advanceSeconds(10);
        assertEquals(1, messages(TransactionPhase.UPDATED).size());

        charger.offline();
        assertEquals(ConnectionState.OFFLINE, charger.connectionState());
        assertFalse(central.isOpen(ID));
        long sentBefore = central.sent(ID).size();
        time.advanceSeconds(30);
        charger.unplug(1);
        time.advanceSeconds(100);
        assertEquals(sentBefore, central.sent(ID).size(), "nothing is sent offline");
        assertEquals(4, charger.queuedMessages()); // three meter values and the end

        charger.online();
        time.runDue();
        assertEquals(BootStatus.ACCEPTED, charger.bootStatus());
        assertEquals(2, charger.sentCalls("BootNotification"));

        List<FakeCentralSystem.Sent> updates = messages(TransactionPhase.UPDATED);
        assertEquals(4, updates.size());
        List<Instant> times = updates.stream().map(u -> timestamp(u.payload())).toList();
        assertEquals(List.of(T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30), T0.plusSeconds(40)),
                times);
        ObjectNode ended = messages(TransactionPhase.ENDED).get(0).payload();
        assertEquals(T0.plusSeconds(40), timestamp(ended));
        assertEquals("EVDisconnected", stopReason(v, ended));
        assertEquals(244, delivered()); // 22 kW for 40 s = 244.4 Wh
        assertEquals(0, charger.queuedMessages());
        List<String> after = central.actions(ID).subList((int) sentBefore, central.actions(ID).size());
        assertEquals("BootNotification", after.get(0));
        if (v == OcppVersion.OCPP_2_0_1) {
            assertFalse(updates.get(0).payload().has("offline"));
            assertTrue(updates.get(1).payload().path("offline").asBoolean());
            assertTrue(ended.path("offline").asBoolean());
            assertEquals(List.of(0, 1, 2, 3, 4, 5), central.sent(ID, "TransactionEvent")
                    .stream()
                    .map(s -> s.payload().get("seqNo").asInt())
                    .toList());
        }
    }

    @ParameterizedTest
    @EnumSource(OcppVersion.class)
    void aStartLostOfflineIsResentAndLaterMessagesCarryTheIdItGets(OcppVersion v) {
        boot(v, OPTIONS);
        central.leaveUnanswered(v == OcppVersion.OCPP_1_6 ? "StartTransaction" : "TransactionEvent", 1);
        call(startAction(v), start(v, 1, "TAG-1", 9));
        assertNull(v == OcppVersion.OCPP_1_6 ? charger.connector(1).transactionId() : null);
        charger.offline();
        time.advanceSeconds(25);
        charger.unplug(1);
        charger.online();
        time.runDue();

        List<FakeCentralSystem.Sent> starts = messages(TransactionPhase.STARTED);
        assertEquals(2, starts.size(), "the unanswered start is sent again");
        assertEquals(starts.get(0).payload(), starts.get(1).payload());
        assertEquals(T0, timestamp(starts.get(1).payload()));
        List<FakeCentralSystem.Sent> updates = messages(TransactionPhase.UPDATED);
        assertEquals(2, updates.size());
        ObjectNode ended = messages(TransactionPhase.ENDED).get(0).payload();
        if (v == OcppVersion.OCPP_1_6) {
            assertEquals(100, updates.get(0).payload().get("transactionId").asInt());
            assertEquals(100, updates.get(1).payload().get("transactionId").asInt());
            assertEquals(100, ended.get("transactionId").asInt());
        }
        assertEquals(152, delivered()); // 22 kW for 25 s = 152.8 Wh
    }

    @ParameterizedTest
    @EnumSource(OcppVersion.class)
    void offlineForADurationComesBackByItself(OcppVersion v) {
        boot(v, OPTIONS);
        charger.offline(Duration.ofSeconds(30));
        time.advanceSeconds(29);
        assertEquals(ConnectionState.OFFLINE, charger.connectionState());
        assertEquals(BootStatus.NOT_BOOTED, charger.bootStatus());
        time.advanceSeconds(1);
        assertEquals(ConnectionState.CONNECTED, charger.connectionState());
        assertEquals(BootStatus.ACCEPTED, charger.bootStatus());
        assertEquals(2, charger.sentCalls("BootNotification"));
    }

    @Test
    void anUnexpectedCloseIsFollowedByReconnectionsWithGrowingWaits() {
        boot(OcppVersion.OCPP_1_6, OPTIONS);
        assertEquals(1, central.connectAttempts.get());
        central.refuseConnections = true;
        central.drop(ID);
        assertEquals(ConnectionState.DISCONNECTED, charger.connectionState());

        // waits of 1, 2, 4, 8, 8 s, each up to a quarter longer
        time.advanceSeconds(2);
        assertEquals(2, central.connectAttempts.get());
        time.advanceSeconds(3);
        assertEquals(3, central.connectAttempts.get());
        time.advanceSeconds(5);
        assertEquals(4, central.connectAttempts.get());
        time.advanceSeconds(10);
        assertEquals(5, central.connectAttempts.get());

        central.refuseConnections = false;
        time.advanceSeconds(10);
        assertEquals(6, central.connectAttempts.get());
        assertEquals(BootStatus.ACCEPTED, charger.bootStatus());
        assertEquals(2, charger.sentCalls("BootNotification"));
    }

    @ParameterizedTest
    @EnumSource(OcppVersion.class)
    void invalidCallsAreAnsweredWithTheVersionsCallError(OcppVersion v) {
        boot(v, OPTIONS);
        boolean v16 = v == OcppVersion.OCPP_1_6;

        ObjectNode noIdTag = start(v, 1, "TAG-1", 1);
        noIdTag.remove(v16 ? "idTag" : "idToken");
        CallError missing = assertInstanceOf(CallError.class, call(startAction(v), noIdTag));
        assertEquals(v16 ? "OccurenceConstraintViolation" : "OccurrenceConstraintViolation", missing.errorCode());

        CallError unknown = assertInstanceOf(CallError.class, call("NoSuchAction", JsonNodeFactory.instance
                .objectNode()));
        assertEquals("NotImplemented", unknown.errorCode());

        assertEquals("NotSupported", assertInstanceOf(CallError.class,
                call("ClearCache", JsonNodeFactory.instance.objectNode())).errorCode(), "an action it does not do");

        Frame garbage = central.sendRaw(ID, "[2, \"x1\", \"Heartbeat\"]", "x1").getNow(null);
        assertEquals(v16 ? "ProtocolError" : "RpcFrameworkError",
                assertInstanceOf(CallError.class, garbage).errorCode());

        assertEquals(3, charger.receivedCalls(startAction(v)) + charger.receivedCalls("NoSuchAction")
                + charger.receivedCalls("ClearCache"));
        assertFalse(charger.connector(1).charging());
    }

    @ParameterizedTest
    @EnumSource(OcppVersion.class)
    void stoppingAnUnknownTransactionIsRejected(OcppVersion v) {
        boot(v, OPTIONS);
        remoteStart(1);
        String unknown = v == OcppVersion.OCPP_1_6 ? "999" : "no-such-transaction";
        assertEquals("Rejected", status(call(stopAction(v), stop(v, unknown))));
        assertTrue(charger.connector(1).charging());
    }

    @ParameterizedTest
    @EnumSource(OcppVersion.class)
    void observersCompleteOnTheNextCallEitherWay(OcppVersion v) {
        boot(v, OPTIONS);
        CompletableFuture<Frame.Call> heartbeat = charger.nextCallSent("Heartbeat");
        CompletableFuture<Frame.Call> startReceived = charger.nextCallReceived(startAction(v));
        assertFalse(heartbeat.isDone());
        time.advanceSeconds(60);
        assertEquals("Heartbeat", heartbeat.getNow(null).action());

        remoteStart(1);
        assertTrue(startReceived.isDone());
        assertTrue(charger.connector(1).charging(), "the charger handled the CALL before the observer heard");
        assertEquals(1, charger.receivedCalls(startAction(v)));
    }

    @Test
    void anUnansweredTransactionMessageMeansADeadConnectionAndIsSentAgainOnTheNextOne() {
        boot(OcppVersion.OCPP_1_6, OPTIONS.withCallTimeout(Duration.ofSeconds(5)));
        String id = remoteStart(1);
        central.leaveUnanswered("StopTransaction", 1);
        call(stopAction(version), stop(version, id));
        assertEquals(1, messages(TransactionPhase.ENDED).size());
        time.advanceSeconds(4);
        assertEquals(ConnectionState.CONNECTED, charger.connectionState());
        time.advanceSeconds(1);
        assertEquals(ConnectionState.DISCONNECTED, charger.connectionState());
        assertFalse(central.isOpen(ID));

        time.advanceSeconds(2);
        assertEquals(BootStatus.ACCEPTED, charger.bootStatus());
        assertEquals(2, charger.sentCalls("BootNotification"));
        List<FakeCentralSystem.Sent> stops = messages(TransactionPhase.ENDED);
        assertEquals(2, stops.size());
        assertEquals(stops.get(0).payload(), stops.get(1).payload());
        assertEquals(0, charger.queuedMessages());
    }

    @Test
    void anUnansweredHeartbeatMeansADeadConnection() {
        boot(OcppVersion.OCPP_2_0_1, OPTIONS.withCallTimeout(Duration.ofSeconds(5)));
        central.leaveUnanswered("Heartbeat", 1);
        time.advanceSeconds(64);
        assertEquals(ConnectionState.CONNECTED, charger.connectionState());
        time.advanceSeconds(1);
        assertEquals(ConnectionState.DISCONNECTED, charger.connectionState());
        time.advanceSeconds(2);
        assertEquals(BootStatus.ACCEPTED, charger.bootStatus());
        assertEquals(2, charger.sentCalls("BootNotification"));
    }

    @Test
    void aChargerWithOneEvseOfTwoConnectorsStartsOnTheFreeOneAndTheControlsTakeTheNumber() {
        version = OcppVersion.OCPP_2_0_1;
        ChargerSpec spec = new ChargerSpec(ID, "secret", version, List.of(new ConnectorSpec(1, 1, 22),
                new ConnectorSpec(1, 2, 50)));
        fleet = ChargerFleet.start(List.of(spec), OPTIONS, central, time, time, () -> {
        });
        charger = fleet.charger(ID);
        time.runDue();
        assertEquals(List.of(1, 2), central.sent(ID, "StatusNotification")
                .stream()
                .map(s -> s.payload().get("connectorId").asInt())
                .toList());

        remoteStart(1);
        assertEquals("Accepted", status(call(startAction(version), start(version, 1, "TAG-2", 8))));
        assertTrue(charger.connector(2).charging());
        assertEquals(List.of(1, 2), messages(TransactionPhase.STARTED)
                .stream()
                .map(s -> s.payload().path("evse").path("connectorId").asInt())
                .toList());
        assertEquals("Rejected", status(call(startAction(version), start(version, 1, "TAG-3", 9))));

        charger.fault(2);
        time.runDue();
        assertFalse(charger.connector(2).charging());
        assertTrue(charger.connector(1).charging());
        assertEquals("Faulted", charger.connector(2).status());
        assertEquals("Other", stopReason(version, messages(TransactionPhase.ENDED).get(0).payload()));
    }
}
