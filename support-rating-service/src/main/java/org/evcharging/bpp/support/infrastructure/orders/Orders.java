package org.evcharging.bpp.support.infrastructure.orders;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.evcharging.bpp.core.rest.PeerCalls;
import org.evcharging.bpp.core.rest.PeerErrors;

/**
 * order-service behind fault tolerance: 3 s per call, two retries (never for the peer's own "not found"), a
 * circuit that opens after repeated failures. A read, safe to repeat.
 */
@ApplicationScoped
// the fault tolerance of every peer call (PeerCalls); a method says where it differs
public class Orders extends PeerCalls {

    @Inject
    @RestClient
    OrderClient client;

    /** The BAP's order; {@link PeerErrors.PeerRefused} (404) when it is unknown or another BAP's. */
    public OrderClient.OrderRef get(String id, String bapId) {
        return client.order(id, bapId);
    }
}
