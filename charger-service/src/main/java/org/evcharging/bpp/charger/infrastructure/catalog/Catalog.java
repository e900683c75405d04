package org.evcharging.bpp.charger.infrastructure.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.evcharging.bpp.charger.domain.Availability;
import org.evcharging.bpp.core.rest.PeerCalls;

/** catalog-service behind the platform's fault tolerance for peer calls; a report carries its time, so it may repeat. */
@ApplicationScoped
public class Catalog extends PeerCalls {

    @Inject
    @RestClient
    CatalogClient client;

    public void connectorAvailability(String providerId, String connector, Availability availability, Instant asOf) {
        client.connectorAvailability(providerId, connector,
                new CatalogClient.AvailabilityReport(availability.name(), asOf.toEpochMilli()));
    }
}
