package org.evcharging.bpp.support.infrastructure.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.evcharging.bpp.core.rest.PeerErrors;

/**
 * catalog-service behind fault tolerance: 3 s per call, two retries (never for the catalog's own "no"), a circuit
 * that opens after repeated failures. Lookups are reads; a rating PUT sends the whole current aggregate, so every
 * call is safe to repeat.
 */
@ApplicationScoped
// every call: 3 s, two retries (never for the peer's own "no"), a circuit per method; a method says where it differs
@Timeout(3000)
@Retry(maxRetries = 2, delay = 150, jitter = 100, abortOn = {PeerErrors.PeerRefused.class,
        CircuitBreakerOpenException.class})
@CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000, skipOn = PeerErrors.PeerRefused.class)
public class Catalog {

    @Inject
    @RestClient
    CatalogClient client;

    /** The provider with its support contacts; {@link PeerErrors.PeerRefused} (404) when unknown. */
    public CatalogClient.Provider provider(String id) {
        return client.provider(id);
    }

    public List<CatalogClient.Named> named(String id) {
        List<CatalogClient.Named> named = client.named(id);
        return named == null ? List.of() : named;
    }

    public void rateProvider(String providerId, double value, int count, long asOf) {
        client.rateProvider(providerId, new CatalogClient.RatingAggregate(value, count, asOf));
    }

    public void rateItem(String providerId, String itemId, double value, int count, long asOf) {
        client.rateItem(providerId, itemId, new CatalogClient.RatingAggregate(value, count, asOf));
    }
}
