package org.evcharging.bpp.charger.infrastructure.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.evcharging.bpp.charger.infrastructure.ocpp.Connections;

/**
 * {@code ocpp_chargers_connected}: the chargers whose WebSocket this replica holds now. Each charger is held by one
 * replica, so the sum over the replicas is the fleet connected.
 */
@ApplicationScoped
public class ChargerMetrics {

    private static final Metadata CONNECTED = Metadata.builder().withName("ocpp_chargers_connected")
            .withDescription("Chargers connected to this replica over OCPP").build();

    @Inject
    MetricRegistry registry;

    @Inject
    Connections connections;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        registry.gauge(CONNECTED, connections, Connections::size);
    }
}
