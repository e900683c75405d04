package org.evcharging.bpp.charger.api.ocpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.evcharging.bpp.charger.application.transactions.Transactions;
import org.junit.jupiter.api.Test;

/** Meter values of both versions to samples: energy in Wh, SoC, power in W; per-phase values and junk skipped. */
class MeterValuesParsingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-12-05T10:00:00Z");

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void ocpp16_energy_in_wh_and_kwh_soc_and_power() {
        List<Transactions.Sample> s = Ocpp16Messages
                .samples(json("[{'timestamp':'2026-12-05T10:00:00Z','sampledValue':["
                        + "{'value':'1234','measurand':'Energy.Active.Import.Register','unit':'Wh'},"
                        + "{'value':'7400','measurand':'Power.Active.Import','unit':'W'},"
                        + "{'value':'41.6','measurand':'SoC','unit':'Percent'}]},"
                        + "{'timestamp':'2026-12-05T15:30:10+05:30','sampledValue':["
                        + "{'value':'1.5','measurand':'Energy.Active.Import.Register','unit':'kWh'},"
                        + "{'value':'7.2','measurand':'Power.Active.Import','unit':'kW'}]}]"));
        assertEquals(2, s.size());
        assertEquals(new Transactions.Sample(AT, 1234L, 42, 7400.0), s.get(0));
        assertEquals(AT.plusSeconds(10), s.get(1).at(), "an offset timestamp is read as an instant");
        assertEquals(1500L, s.get(1).energyWh());
        assertEquals(7200.0, s.get(1).powerW());
        assertNull(s.get(1).socPercent());
    }

    @Test
    void ocpp16_a_value_without_measurand_is_the_energy_register() {
        List<Transactions.Sample> s = Ocpp16Messages.samples(json(
                "[{'timestamp':'2026-12-05T10:00:00Z','sampledValue':[{'value':'5000'}]}]"));
        assertEquals(5000L, s.get(0).energyWh());
    }

    @Test
    void ocpp16_per_phase_values_unknown_measurands_and_non_numbers_are_skipped() {
        List<Transactions.Sample> s = Ocpp16Messages
                .samples(json("[{'timestamp':'2026-12-05T10:00:00Z','sampledValue':["
                        + "{'value':'999','measurand':'Energy.Active.Import.Register','unit':'Wh','phase':'L1'},"
                        + "{'value':'230','measurand':'Voltage','unit':'V'},"
                        + "{'value':'lots','measurand':'SoC','unit':'Percent'},"
                        + "{'value':'2000','measurand':'Energy.Active.Import.Register','unit':'Wh'},"
                        + "{'value':'3000','measurand':'Power.Active.Import','unit':'W','phase':'L2'}]}]"));
        assertEquals(new Transactions.Sample(AT, 2000L, null, null), s.get(0));
    }

    @Test
    void ocpp16_a_meter_value_without_a_readable_timestamp_is_dropped() {
        List<Transactions.Sample> s = Ocpp16Messages.samples(json("[{'timestamp':'yesterday','sampledValue':"
                + "[{'value':'1'}]},{'sampledValue':[{'value':'2'}]},{'timestamp':'2026-12-05T10:00:00Z',"
                + "'sampledValue':[]}]"));
        assertEquals(List.of(new Transactions.Sample(AT, null, null, null)), s);
        assertTrue(Ocpp16Messages.samples(json("[]")).isEmpty());
        assertTrue(Ocpp16Messages.samples(json("{}").path("meterValue")).isEmpty(), "a missing array");
    }

    @Test
    void ocpp201_numbers_with_unit_and_multiplier() {
        List<Transactions.Sample> s = Ocpp201Messages
                .samples(json("[{'timestamp':'2026-12-05T10:00:00Z','sampledValue':["
                        + "{'value':12.345,'measurand':'Energy.Active.Import.Register','unitOfMeasure':{'unit':'kWh'}},"
                        + "{'value':7.4,'measurand':'Power.Active.Import','unitOfMeasure':{'unit':'W','multiplier':3}},"
                        + "{'value':80,'measurand':'SoC','unitOfMeasure':{'unit':'Percent'}}]},"
                        + "{'timestamp':'2026-12-05T10:00:30Z','sampledValue':["
                        + "{'value':15,'measurand':'Energy.Active.Import.Register','unitOfMeasure':{'unit':'Wh','multiplier':3}},"
                        + "{'value':3.2,'measurand':'Power.Active.Import','unitOfMeasure':{'unit':'kW'}}]}]"));
        assertEquals(new Transactions.Sample(AT, 12345L, 80, 7400.0), s.get(0));
        assertEquals(new Transactions.Sample(AT.plusSeconds(30), 15000L, null, 3200.0), s.get(1));
    }

    @Test
    void ocpp201_default_measurand_is_energy_in_wh_and_per_phase_values_are_skipped() {
        List<Transactions.Sample> s = Ocpp201Messages
                .samples(json("[{'timestamp':'2026-12-05T10:00:00Z','sampledValue':["
                        + "{'value':100,'phase':'L1'},"
                        + "{'value':2500},"
                        + "{'value':9000,'measurand':'Power.Active.Import','phase':'L1-N'},"
                        + "{'value':'55','measurand':'SoC'}]}]"));
        assertEquals(new Transactions.Sample(AT, 2500L, null, null), s.get(0));
    }

    @Test
    void ocpp201_a_meter_value_without_a_timestamp_is_dropped() {
        assertTrue(Ocpp201Messages.samples(json("[{'sampledValue':[{'value':1}]}]")).isEmpty());
    }
}
