package org.evcharging.bpp.support.infrastructure.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.evcharging.bpp.core.rest.PeerCalls;
import org.evcharging.bpp.core.rest.PeerErrors;

/**
 * catalog-service behind fault tolerance: 3 s per call, two retries (never for the catalog's own "no"), a circuit
 * that opens after repeated failures. Lookups are reads; a rating PUT sends the whole current aggregate, so every
 * call is safe to repeat.
 */
@ApplicationScoped
// the fault tolerance of every peer call (PeerCalls); a method says where it differs
public class Catalog extends PeerCalls {

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
