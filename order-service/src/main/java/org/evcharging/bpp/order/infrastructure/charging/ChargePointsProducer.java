package org.evcharging.bpp.order.infrastructure.charging;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;

/**
 * The chargers this service drives ({@code order.charging.driver}): {@code ocpp}, real chargers through
 * charger-service's OCPP central system ({@link OcppChargePoints}), or {@code simulated}, the older model kept in the
 * database (energy at the connector's power rating, {@code order.charging.time-scale} times faster than real time),
 * which drives no charger and remains only until the tests that use its fault injection move to the OCPP simulator.
 */
@ApplicationScoped
public class ChargePointsProducer {

    private static final SafeLog LOG = SafeLog.of(ChargePointsProducer.class);

    @Inject
    @ConfigProperty(name = "order.charging.driver", defaultValue = "simulated")
    String driver;

    @Inject
    @ConfigProperty(name = "order.charging.time-scale", defaultValue = "1")
    double timeScale;

    /** The simulated sessions live in the database, so every replica of this service sees the same chargers. */
    @Inject
    DatabaseSimulatorStore store;

    @Inject
    ChargerService charger;

    private SimulatedChargePoints simulated;
    private ChargePoints driven;

    @PostConstruct
    void init() {
        if ("ocpp".equals(driver)) {
            LOG.info(() -> "chargers: OCPP, through charger-service");
            driven = new OcppChargePoints(charger);
            return;
        }
        if (!"simulated".equals(driver)) {
            throw new IllegalStateException(
                    "order.charging.driver '" + driver + "' is not known: 'ocpp' or 'simulated'");
        }
        LOG.info(() -> "chargers: simulated (in the database), " + timeScale
                + " times real time (no real charger is driven)");
        simulated = new SimulatedChargePoints(Clock.systemUTC(), timeScale, store);
        driven = simulated;
    }

    /** The one driver of this server (the bean is application scoped, so every injection point shares it). */
    @Produces
    ChargePoints chargePoints() {
        return driven;
    }

    /** The simulator, for the operator's fault injection; empty when real chargers are driven. */
    public Optional<SimulatedChargePoints> simulator() {
        return Optional.ofNullable(simulated);
    }
}
