package org.evcharging.bpp.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.evcharging.bpp.ocpp.OcppVersion;
import org.junit.jupiter.api.Test;

class FleetFileTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readsOptionsAndChargersOfBothVersions() throws Exception {
        FleetFile file = FleetFile.parse(json.readTree("""
                {"options": {"meterIntervalSeconds": 5, "timeScale": 60, "batteryKwh": 40},
                 "chargers": [
                   {"id": "CP-1", "password": "p1", "version": "ocpp1.6",
                    "connectors": [{"connectorId": 1, "powerKw": 22}, {"connectorId": 2, "powerKw": 11}]},
                   {"id": "CS-2", "password": "p2", "version": "ocpp2.0.1",
                    "connectors": [{"evseId": 1, "connectorId": 1, "powerKw": 150}]}]}
                """));
        assertEquals(Duration.ofSeconds(5), file.options().meterInterval());
        assertEquals(60, file.options().timeScale());
        assertEquals(40, file.options().batteryKwh());
        assertEquals(20, file.options().startSocPercent());
        assertEquals(2, file.chargers().size());
        assertEquals(OcppVersion.OCPP_1_6, file.chargers().get(0).version());
        assertEquals(new ConnectorSpec(2, 2, 11), file.chargers().get(0).connectors().get(1));
        assertEquals(OcppVersion.OCPP_2_0_1, file.chargers().get(1).version());
    }

    @Test
    void refusesAnUnknownVersionAndAMissingPassword() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> FleetFile.parse(json.readTree("""
                {"chargers": [{"id": "CP-1", "password": "p", "version": "ocpp1.5", "connectors": [{}]}]}""")));
        assertThrows(IllegalArgumentException.class, () -> FleetFile.parse(json.readTree("""
                {"chargers": [{"id": "CP-1", "version": "ocpp1.6", "connectors": [{}]}]}""")));
    }
}
