package org.evcharging.bpp.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MeterModelTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void energyGrowsWithPowerAndTimeScaleInWholeWhUntilTheBatteryIsFull() {
        // 40 kWh at 50 %: 20 kWh to go; 11 kW at ten times real speed
        MeterModel meter = new MeterModel(T0, 5_000, 11,
                FleetOptions.defaults().withTimeScale(10).withBattery(40, 50));
        MeterSample start = meter.sample(T0);
        assertEquals(5_000, start.registerWh());
        assertEquals(11_000, start.powerW());
        assertEquals(50, start.socPercent());

        MeterSample minute = meter.sample(T0.plusSeconds(60)); // 11 kW * 600 s = 1833.3 Wh
        assertEquals(6_833, minute.registerWh());
        assertEquals(54, minute.socPercent());

        Duration full = meter.untilFull(); // 20 kWh / 110 kW = 654.5 s
        assertEquals(Duration.ofMillis(654_546), full);
        MeterSample end = meter.sample(T0.plus(full).plusSeconds(100));
        assertEquals(25_000, end.registerWh());
        assertEquals(0, end.powerW());
        assertEquals(100, end.socPercent());
    }
}
