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
 * The chargers this service drives ({@code order.charging.driver}). Only {@code simulated} exists: chargers kept in
 * the database (every replica sees the same), energy at the connector's power rating, {@code order.charging.time-scale}
 * times faster than real time.
 * An OCPP central system plugs in here as another driver implementing {@link ChargePoints}.
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

    private SimulatedChargePoints simulated;

    @PostConstruct
    void init() {
        if (!"simulated".equals(driver)) {
            throw new IllegalStateException(
                    "order.charging.driver '" + driver + "' is not available; only 'simulated' is built");
        }
        LOG.info(() -> "chargers: simulated (in the database), " + timeScale
                + " times real time (no real charger is driven)");
        simulated = new SimulatedChargePoints(Clock.systemUTC(), timeScale, store);
    }

    /** The one driver of this server (the bean is application scoped, so every injection point shares it). */
    @Produces
    ChargePoints chargePoints() {
        return simulated;
    }

    /** The simulator, for the operator's fault injection; empty when real chargers are driven. */
    public Optional<SimulatedChargePoints> simulator() {
        return Optional.ofNullable(simulated);
    }
}
