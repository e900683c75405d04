package org.evcharging.bpp.order.infrastructure.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Where a booked charger stands, from the catalog. Only the start instructions need it, so a booking never waits
 * long for it: one try of 2 s behind a circuit breaker, and without it the instructions name the charger alone.
 */
@ApplicationScoped
public class Catalog {

    @Inject
    @RestClient
    CatalogClient client;

    @Timeout(2000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000)
    public CatalogClient.Fulfillment of(String providerId, String itemId, String fulfillmentId) {
        CatalogClient.Offer offer = client.offer(providerId, itemId, fulfillmentId);
        return offer == null ? null : offer.fulfillment();
    }
}
