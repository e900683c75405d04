package org.evcharging.bpp.charger.api.ocpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OcppConfiguratorTest {

    private final OcppConfigurator configurator = new OcppConfigurator();
    private final List<String> supported = List.of("ocpp2.0.1", "ocpp1.6");

    @AfterEach
    void clear() {
        OcppConfigurator.registered(null);
    }

    @Test
    void a_charger_offering_both_versions_gets_the_one_it_is_registered_for() {
        OcppConfigurator.registered("ocpp1.6");
        assertEquals("ocpp1.6", configurator.getNegotiatedSubprotocol(supported, List.of("ocpp2.0.1", "ocpp1.6")));
        OcppConfigurator.registered("ocpp2.0.1");
        assertEquals("ocpp2.0.1", configurator.getNegotiatedSubprotocol(supported, List.of("ocpp1.6", "ocpp2.0.1")));
    }

    @Test
    void a_charger_not_offering_its_registered_version_gets_none() {
        OcppConfigurator.registered("ocpp1.6");
        assertEquals("", configurator.getNegotiatedSubprotocol(supported, List.of("ocpp2.0.1")));
    }

    @Test
    void outside_the_filter_the_newest_common_version_is_chosen() {
        assertEquals("ocpp2.0.1", configurator.getNegotiatedSubprotocol(supported, List.of("ocpp1.6", "ocpp2.0.1")));
        assertEquals("ocpp1.6", configurator.getNegotiatedSubprotocol(supported, List.of("ocpp1.6")));
        assertEquals("", configurator.getNegotiatedSubprotocol(supported, List.of("ocpp1.5")));
    }
}
