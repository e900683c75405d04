package org.evcharging.bpp.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How every charger of a fleet behaves: how often it reports its meter, how fast simulated time runs, the EV that
 * plugs in at each remote start, what it says about itself in BootNotification, and how patient it is with the
 * central system.
 *
 * @param meterInterval how often a charging connector sends MeterValues / TransactionEvent Updated
 * @param timeScale how many seconds of charging one second of the clock stands for: the local suite uses 60 so a
 *        demo session fills a battery in minutes
 * @param batteryKwh the capacity of each EV's battery
 * @param startSocPercent the state of charge each EV arrives with
 * @param vendor BootNotification's vendor (at most 20 characters, 1.6's limit)
 * @param model BootNotification's model (at most 20 characters)
 * @param firmwareVersion BootNotification's firmware version (at most 50 characters)
 * @param callTimeout how long the central system has to answer a CALL
 * @param reconnectInitial the first wait before reconnecting after the socket closed unexpectedly; doubles each time
 * @param reconnectMax the longest wait between reconnection attempts
 */
public record FleetOptions(Duration meterInterval, double timeScale, double batteryKwh, double startSocPercent,
        String vendor, String model, String firmwareVersion, Duration callTimeout, Duration reconnectInitial,
        Duration reconnectMax) {

    public FleetOptions {
        positive(meterInterval, "meterInterval");
        positive(callTimeout, "callTimeout");
        positive(reconnectInitial, "reconnectInitial");
        positive(reconnectMax, "reconnectMax");
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("timeScale must be a positive number");
        }
        if (!(batteryKwh > 0) || Double.isInfinite(batteryKwh)) {
            throw new IllegalArgumentException("batteryKwh must be a positive number");
        }
        if (!(startSocPercent >= 0 && startSocPercent < 100)) {
            throw new IllegalArgumentException("startSocPercent must be at least 0 and below 100");
        }
        text(vendor, "vendor", 20);
        text(model, "model", 20);
        text(firmwareVersion, "firmwareVersion", 50);
    }

    /** One meter value a minute at real speed, a 60 kWh EV at 20 %, 30 s calls, reconnecting after 1 s up to 60 s. */
    public static FleetOptions defaults() {
        return new FleetOptions(Duration.ofSeconds(60), 1.0, 60, 20, "EVChargingBPP", "SimCharger", "sim-0.1.0",
                Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    public FleetOptions withMeterInterval(Duration interval) {
        return new FleetOptions(interval, timeScale, batteryKwh, startSocPercent, vendor, model, firmwareVersion,
                callTimeout, reconnectInitial, reconnectMax);
    }

    public FleetOptions withTimeScale(double scale) {
        return new FleetOptions(meterInterval, scale, batteryKwh, startSocPercent, vendor, model, firmwareVersion,
                callTimeout, reconnectInitial, reconnectMax);
    }

    public FleetOptions withBattery(double kwh, double startSoc) {
        return new FleetOptions(meterInterval, timeScale, kwh, startSoc, vendor, model, firmwareVersion, callTimeout,
                reconnectInitial, reconnectMax);
    }

    public FleetOptions withIdentity(String vendorName, String modelName, String firmware) {
        return new FleetOptions(meterInterval, timeScale, batteryKwh, startSocPercent, vendorName, modelName, firmware,
                callTimeout, reconnectInitial, reconnectMax);
    }

    public FleetOptions withCallTimeout(Duration timeout) {
        return new FleetOptions(meterInterval, timeScale, batteryKwh, startSocPercent, vendor, model, firmwareVersion,
                timeout, reconnectInitial, reconnectMax);
    }

    public FleetOptions withReconnect(Duration initial, Duration max) {
        return new FleetOptions(meterInterval, timeScale, batteryKwh, startSocPercent, vendor, model, firmwareVersion,
                callTimeout, initial, max);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    private static void text(String s, String name, int max) {
        Objects.requireNonNull(s, name);
        if (s.isEmpty() || s.length() > max) {
            throw new IllegalArgumentException(name + " must have 1 to " + max + " characters");
        }
    }
}
