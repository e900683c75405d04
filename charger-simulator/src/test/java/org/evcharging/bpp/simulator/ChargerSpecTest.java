package org.evcharging.bpp.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import org.evcharging.bpp.ocpp.OcppVersion;
import org.junit.jupiter.api.Test;

class ChargerSpecTest {

    @Test
    void oneSixConnectorsAreNumberedInOrder() {
        assertThrows(IllegalArgumentException.class, () -> new ChargerSpec("CP-1", "p", OcppVersion.OCPP_1_6,
                List.of(ConnectorSpec.of(2, 22))));
        assertThrows(IllegalArgumentException.class, () -> new ChargerSpec("CP-1", "p", OcppVersion.OCPP_1_6,
                List.of(new ConnectorSpec(1, 2, 22))));
        ChargerSpec ok = new ChargerSpec("CP-1", "p", OcppVersion.OCPP_1_6,
                List.of(ConnectorSpec.of(1, 22), ConnectorSpec.of(2, 50)));
        assertEquals(50, ok.connector(2).powerKw());
    }

    @Test
    void aConnectorAppearsOnceAndTheIdIsAUserName() {
        assertThrows(IllegalArgumentException.class, () -> new ChargerSpec("CS-1", "p", OcppVersion.OCPP_2_0_1,
                List.of(new ConnectorSpec(1, 1, 22), new ConnectorSpec(1, 1, 50))));
        assertThrows(IllegalArgumentException.class, () -> new ChargerSpec("CS:1", "p", OcppVersion.OCPP_2_0_1,
                List.of(new ConnectorSpec(1, 1, 22))));
        assertThrows(IllegalArgumentException.class, () -> new ChargerSpec("CS 1", "p", OcppVersion.OCPP_2_0_1,
                List.of(new ConnectorSpec(1, 1, 22))));
    }

    @Test
    void thePasswordStaysOutOfToString() {
        ChargerSpec spec = new ChargerSpec("CP-1", "hunter2", OcppVersion.OCPP_1_6, List.of(ConnectorSpec.of(1, 7)));
        assertFalse(spec.toString().contains("hunter2"));
    }

    @Test
    void theEndpointIsTheBaseWithTheIdAsOneEncodedSegmentAndBasicAuthCarriesIdAndPassword() {
        assertEquals(URI.create("ws://127.0.0.1:9086/ocpp/CP-1"),
                WebSocketDialer.endpoint(URI.create("ws://127.0.0.1:9086/ocpp"), "CP-1"));
        assertEquals(URI.create("ws://h/ocpp/a%2Fb%25"), WebSocketDialer.endpoint(URI.create("ws://h/ocpp/"),
                "a/b%"));
        ChargerSpec spec = new ChargerSpec("CP-1", "secret", OcppVersion.OCPP_1_6, List.of(ConnectorSpec.of(1, 7)));
        assertEquals("Basic Q1AtMTpzZWNyZXQ=", WebSocketDialer.basicAuth(spec));
    }
}
