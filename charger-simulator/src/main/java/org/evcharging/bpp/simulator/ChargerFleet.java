package org.evcharging.bpp.simulator;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A set of simulated chargers connected to one central system, sharing one HTTP client, one small timer pool and no
 * thread per charger, so one JVM holds thousands.
 */
public final class ChargerFleet implements AutoCloseable {

    /** Timer threads for the whole fleet: timers only enqueue non-blocking work. */
    private static final int TIMER_THREADS = 2;

    private final Map<String, SimulatedCharger> chargers;
    private final Runnable release;

    private ChargerFleet(Map<String, SimulatedCharger> chargers, Runnable release) {
        this.chargers = Collections.unmodifiableMap(chargers);
        this.release = release;
    }

    /**
     * Starts the chargers: each connects to {@code <centralSystemBase>/<chargePointId>} over a WebSocket.
     *
     * @param centralSystemBase e.g. {@code ws://127.0.0.1:9086/ocpp}
     */
    public static ChargerFleet start(URI centralSystemBase, List<ChargerSpec> chargers, FleetOptions options) {
        return start(List.of(centralSystemBase), chargers, options);
    }

    /**
     * Starts the chargers behind a load balancer without affinity: each connection, and each reconnection after a
     * socket closed, goes to the next of {@code centralSystemBases} in turn (the replicas of the central system).
     */
    public static ChargerFleet start(List<URI> centralSystemBases, List<ChargerSpec> chargers, FleetOptions options) {
        WebSocketDialer dialer = new WebSocketDialer(centralSystemBases, options.callTimeout());
        ExecutorScheduler scheduler = new ExecutorScheduler(TIMER_THREADS);
        try {
            return start(chargers, options, dialer, scheduler, Clock.systemUTC(), () -> {
                scheduler.close();
                dialer.close();
            });
        } catch (RuntimeException e) {
            scheduler.close();
            dialer.close();
            throw e;
        }
    }

    /**
     * Starts the chargers on a given transport, timer and clock: the tests' way in, with no sockets and time driven by
     * hand.
     *
     * @param release run once when the fleet is closed
     */
    public static ChargerFleet start(List<ChargerSpec> chargers, FleetOptions options, Dialer dialer,
            Scheduler scheduler, Clock clock, Runnable release) {
        Map<String, SimulatedCharger> byId = new LinkedHashMap<>();
        for (ChargerSpec spec : chargers) {
            if (byId.put(spec.chargePointId(), new SimulatedCharger(spec, options, dialer, scheduler, clock)) != null) {
                throw new IllegalArgumentException("charge point id given twice: " + spec.chargePointId());
            }
        }
        ChargerFleet fleet = new ChargerFleet(byId, release);
        byId.values().forEach(SimulatedCharger::start);
        return fleet;
    }

    /** The charger {@code chargePointId}; {@link NoSuchElementException} when the fleet has none. */
    public SimulatedCharger charger(String chargePointId) {
        return find(chargePointId).orElseThrow(() -> new NoSuchElementException("no such charger in the fleet"));
    }

    public Optional<SimulatedCharger> find(String chargePointId) {
        return Optional.ofNullable(chargers.get(chargePointId));
    }

    /** Every charger, in the order they were given. */
    public Collection<SimulatedCharger> chargers() {
        return new ArrayList<>(chargers.values());
    }

    /** Disconnects every charger and releases the threads. */
    @Override
    public void close() {
        chargers.values().forEach(SimulatedCharger::stop);
        release.run();
    }
}
