package org.evcharging.bpp.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The energy one transaction delivers: the connector's constant power into an EV battery of a given size and starting
 * state of charge, with simulated time running {@code timeScale} times the clock, until the battery is full. The meter
 * register only ever reads whole Wh (rounded down), so meterStop - meterStart is exactly the whole Wh delivered.
 */
final class MeterModel {

    private final Instant start;
    private final long registerAtStartWh;
    private final double powerW;
    private final double timeScale;
    private final double batteryWh;
    private final double startSocPercent;
    private final double neededWh;
    private final boolean reportsSoc;

    MeterModel(Instant start, long registerAtStartWh, double powerKw, FleetOptions options) {
        this(start, registerAtStartWh, powerKw, options, true);
    }

    /** {@code reportsSoc} false: samples carry no state of charge (-1), as an AC charger's do. */
    MeterModel(Instant start, long registerAtStartWh, double powerKw, FleetOptions options, boolean reportsSoc) {
        this.reportsSoc = reportsSoc;
        this.start = start.truncatedTo(ChronoUnit.MILLIS);
        this.registerAtStartWh = registerAtStartWh;
        this.powerW = powerKw * 1000;
        this.timeScale = options.timeScale();
        this.batteryWh = options.batteryKwh() * 1000;
        this.startSocPercent = options.startSocPercent();
        this.neededWh = batteryWh * (100 - startSocPercent) / 100;
    }

    /** The Wh delivered by {@code at}, not rounded, never more than the battery takes. */
    double deliveredWh(Instant at) {
        double seconds = Math.max(0, Duration.between(start, at).toNanos() / 1e9);
        return Math.min(neededWh, powerW * seconds * timeScale / 3600);
    }

    /** How long after the start the battery is full, to the millisecond, rounded up so it is full then. */
    Duration untilFull() {
        double seconds = neededWh * 3600 / (powerW * timeScale);
        return Duration.ofMillis((long) Math.ceil(seconds * 1000));
    }

    MeterSample sample(Instant at) {
        Instant when = at.truncatedTo(ChronoUnit.MILLIS);
        double delivered = deliveredWh(when);
        boolean full = delivered >= neededWh;
        int soc = reportsSoc ? (int) Math.min(100, Math.floor(startSocPercent + delivered * 100 / batteryWh + 1e-9))
                : -1;
        return new MeterSample(when, registerAtStartWh + (long) Math.floor(delivered + 1e-9),
                full ? 0 : Math.round(powerW), soc);
    }
}
