package org.evcharging.bpp.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.evcharging.bpp.ocpp.Direction;
import org.evcharging.bpp.ocpp.Frame;
import org.evcharging.bpp.ocpp.Frames;
import org.evcharging.bpp.ocpp.OcppSchemas;
import org.evcharging.bpp.ocpp.OcppVersion;
import org.evcharging.bpp.ocpp.Parsed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator over a real WebSocket (the JDK client against {@link TinyWebSocketServer}): the handshake a charger
 * makes, frames both ways, reconnection after the network fails, and a refused handshake.
 */
class WebSocketChargerTest {

    private static final ChargerSpec SPEC = new ChargerSpec("CP/9", "s3cret", OcppVersion.OCPP_1_6,
            List.of(ConnectorSpec.of(1, 22)));
    private static final FleetOptions OPTIONS = FleetOptions.defaults()
            .withReconnect(Duration.ofMillis(100), Duration.ofMillis(400))
            .withCallTimeout(Duration.ofSeconds(2));

    private final List<String> violations = new ArrayList<>();
    private TinyWebSocketServer server;
    private ChargerFleet fleet;

    @AfterEach
    void close() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
        server.close();
        assertEquals(List.of(), violations);
    }

    private ChargerFleet start(String authorization) throws Exception {
        server = new TinyWebSocketServer(authorization);
        fleet = ChargerFleet.start(URI.create("ws://127.0.0.1:" + server.port() + "/ocpp"), List.of(SPEC), OPTIONS);
        return fleet;
    }

    /** The next CALL the charger sends, held to its schema. */
    private Frame.Call nextCall(TinyWebSocketServer.Connection c, String action) throws Exception {
        Parsed parsed = Frames.parse(c.nextText(), OcppVersion.OCPP_1_6);
        Frame.Call call = assertInstanceOf(Frame.Call.class, ((Parsed.Message) parsed).frame());
        assertEquals(action, call.action());
        if (!OcppSchemas.validate(OcppVersion.OCPP_1_6, action, Direction.REQUEST, call.payload()).isEmpty()) {
            violations.add(action + " " + call.payload());
        }
        return call;
    }

    private static void answer(TinyWebSocketServer.Connection c, Frame.Call call, ObjectNode payload)
            throws Exception {
        c.send(Frames.write(new Frame.CallResult(call.messageId(), payload)));
    }

    private static ObjectNode accepted(int heartbeatSeconds) {
        return JsonNodeFactory.instance.objectNode()
                .put("status", "Accepted")
                .put("currentTime", Instant.now().toString())
                .put("interval", heartbeatSeconds);
    }

    private void boot(TinyWebSocketServer.Connection c) throws Exception {
        boot(c, 300);
    }

    private void boot(TinyWebSocketServer.Connection c, int heartbeatSeconds) throws Exception {
        answer(c, nextCall(c, "BootNotification"), accepted(heartbeatSeconds));
        for (int connector = 0; connector <= 1; connector++) {
            Frame.Call status = nextCall(c, "StatusNotification");
            assertEquals(connector, status.payload().get("connectorId").asInt());
            answer(c, status, JsonNodeFactory.instance.objectNode());
        }
    }

    @Test
    void connectsAsAChargerDoesAndSpeaksOcppBothWays() throws Exception {
        start("Basic " + java.util.Base64.getEncoder().encodeToString("CP/9:s3cret".getBytes()));
        TinyWebSocketServer.Connection c = server.nextConnection();
        assertEquals("/ocpp/CP%2F9", c.path);
        assertEquals("ocpp1.6", c.subprotocol);
        boot(c);
        SimulatedCharger charger = fleet.charger("CP/9");
        assertEquals(BootStatus.ACCEPTED, charger.bootStatus());

        var handled = charger.nextCallReceived("RemoteStartTransaction");
        c.send(Frames.write(new Frame.Call("rs-1", "RemoteStartTransaction",
                JsonNodeFactory.instance.objectNode().put("connectorId", 1).put("idTag", "TAG-1"))));
        Parsed answer = Frames.parse(c.nextText(), OcppVersion.OCPP_1_6);
        Frame.CallResult result = assertInstanceOf(Frame.CallResult.class, ((Parsed.Message) answer).frame());
        assertEquals("rs-1", result.messageId());
        assertEquals("Accepted", result.payload().get("status").asText());
        handled.get(10, TimeUnit.SECONDS);

        answer(c, nextCall(c, "StatusNotification"), JsonNodeFactory.instance.objectNode());
        Frame.Call startTx = nextCall(c, "StartTransaction");
        ObjectNode startAnswer = JsonNodeFactory.instance.objectNode().put("transactionId", 4711);
        startAnswer.putObject("idTagInfo").put("status", "Accepted");
        answer(c, startTx, startAnswer);
        assertEquals("Charging", nextCall(c, "StatusNotification").payload().get("status").asText());
        assertEquals("4711", charger.connector(1).transactionId());
    }

    /**
     * The JDK client notices the end at once (onClose 1006) or, when the EOF comes as it delivers a message, not at
     * all; then the next heartbeat, unanswered, tells the charger.
     */
    @Test
    void reconnectsAndBootsAgainWhenTheNetworkFails() throws Exception {
        start(WebSocketDialer.basicAuth(SPEC));
        TinyWebSocketServer.Connection first = server.nextConnection();
        boot(first, 1);
        SimulatedCharger charger = fleet.charger("CP/9");
        var reboot = charger.nextCallSent("BootNotification");

        first.abort();
        TinyWebSocketServer.Connection second = server.nextConnection();
        boot(second);
        assertEquals("BootNotification", reboot.get(10, TimeUnit.SECONDS).action());
        assertEquals(2, charger.sentCalls("BootNotification"));
    }

    @Test
    void aRefusedHandshakeIsRetriedWithBackoff() throws Exception {
        start("Basic wrong");
        assertEquals(401, server.refusals.poll(10, TimeUnit.SECONDS));
        assertEquals(401, server.refusals.poll(10, TimeUnit.SECONDS), "tried again");
        assertTrue(fleet.charger("CP/9").connectionState() != ConnectionState.CONNECTED);
    }
}
