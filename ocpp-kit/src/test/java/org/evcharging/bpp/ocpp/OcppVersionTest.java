package org.evcharging.bpp.ocpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OcppVersionTest {

    @Test
    void namesTheSubprotocolsAsOcppJDoes() {
        assertEquals("ocpp1.6", OcppVersion.OCPP_1_6.subprotocol());
        assertEquals("ocpp2.0.1", OcppVersion.OCPP_2_0_1.subprotocol());
    }

    @Test
    void picksTheNewestVersionOffered() {
        assertEquals(Optional.of(OcppVersion.OCPP_2_0_1), OcppVersion.negotiate(List.of("ocpp1.6", "ocpp2.0.1")));
        assertEquals(Optional.of(OcppVersion.OCPP_2_0_1), OcppVersion.negotiate(List.of("ocpp2.0.1", "ocpp1.6")));
        assertEquals(Optional.of(OcppVersion.OCPP_1_6), OcppVersion.negotiate(List.of("ocpp1.5", "ocpp1.6")));
        assertEquals(Optional.of(OcppVersion.OCPP_2_0_1), OcppVersion.negotiate(List.of("ocpp2.1", "ocpp2.0.1")));
    }

    @Test
    void refusesAHandshakeWithNothingWeSpeak() {
        assertTrue(OcppVersion.negotiate(List.of()).isEmpty());
        assertTrue(OcppVersion.negotiate(List.of("ocpp1.5", "ocpp2.0", "ocpp2.1")).isEmpty());
        assertTrue(OcppVersion.negotiate(List.of("OCPP1.6", " ocpp1.6", "ocpp1.6j")).isEmpty(),
                "subprotocol tokens are compared exactly");
    }
}
