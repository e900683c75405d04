package org.evcharging.bpp.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * Runs a fleet by hand or in the local suite:
 * {@code java -cp ... org.evcharging.bpp.simulator.SimulatorMain --central-system ws://127.0.0.1:9086/ocpp
 * --chargers fleet.json [--admin-port 9190]}. Runs until the JVM is stopped.
 */
public final class SimulatorMain {

    private static final Logger LOG = Logger.getLogger(SimulatorMain.class.getName());

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        String centralSystem = null;
        String chargers = null;
        Integer adminPort = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--central-system" -> centralSystem = value;
                case "--chargers" -> chargers = value;
                case "--admin-port" -> adminPort = value == null ? null : Integer.valueOf(value);
                default -> usage();
            }
            i++;
        }
        if (centralSystem == null || chargers == null) {
            usage();
            return;
        }
        FleetFile file = FleetFile.read(Path.of(chargers));
        ChargerFleet fleet = ChargerFleet.start(URI.create(centralSystem), file.chargers(), file.options());
        FleetAdmin admin = adminPort == null ? null : FleetAdmin.start(fleet, adminPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (admin != null) {
                admin.close();
            }
            fleet.close();
            stopped.countDown();
        }, "charger-sim-shutdown"));
        LOG.info(() -> file.chargers().size() + " simulated chargers started"
                + (admin == null ? "" : "; admin API on 127.0.0.1:" + admin.port()));
        stopped.await();
    }

    private static void usage() {
        System.err.println("usage: SimulatorMain --central-system ws://HOST:PORT/ocpp --chargers FLEET.json"
                + " [--admin-port N]");
        System.exit(2);
    }
}
