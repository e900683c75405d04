package org.evcharging.bpp.order.infrastructure.charging;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.evcharging.bpp.core.logging.SafeLog;

/**
 * The chargers this service drives: real ones, over OCPP, through charger-service's central system
 * ({@link OcppChargePoints}). Tests of the use cases use an in-memory fake of {@link ChargePoints} instead; the local
 * suite and the benchmarks drive simulated chargers that speak OCPP over real WebSockets.
 */
@ApplicationScoped
public class ChargePointsProducer {

    private static final SafeLog LOG = SafeLog.of(ChargePointsProducer.class);

    @Inject
    ChargerService charger;

    private ChargePoints driven;

    @PostConstruct
    void init() {
        LOG.info(() -> "chargers: OCPP, through charger-service");
        driven = new OcppChargePoints(charger);
    }

    /** The one driver of this server (the bean is application scoped, so every injection point shares it). */
    @Produces
    ChargePoints chargePoints() {
        return driven;
    }
}
