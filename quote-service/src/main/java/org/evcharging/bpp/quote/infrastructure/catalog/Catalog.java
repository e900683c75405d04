package org.evcharging.bpp.quote.infrastructure.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The catalog as this service uses it, behind fault tolerance: each call gives up after 2 s, is retried twice
 * (never when the catalog said "not found"), and after repeated failures the circuit opens for 5 s so a dead catalog
 * costs a select milliseconds, not seconds. Callers turn failures into an on_select error, never silence.
 */
@ApplicationScoped
public class Catalog {

    @Inject
    @RestClient
    CatalogClient client;

    @Timed(name = "quote_catalog_call", absolute = true, description = "Offer lookups at the catalog, retries included")
    @Timeout(2000)
    @Retry(maxRetries = 2, delay = 100, abortOn = {NotInCatalog.class,
            org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException.class})
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000, skipOn = NotInCatalog.class)
    public CatalogOffer offer(String providerId, String itemId, String fulfillmentId, String chargerType,
            String connectorType, String batteryType) {
        return client.offer(providerId, itemId, fulfillmentId, chargerType, connectorType, batteryType);
    }
}
