package org.evcharging.bpp.support.infrastructure.orders;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.evcharging.bpp.core.rest.PeerErrors;

/**
 * order-service behind fault tolerance: 3 s per call, two retries (never for the peer's own "not found"), a
 * circuit that opens after repeated failures. A read, safe to repeat.
 */
@ApplicationScoped
// every call: 3 s, two retries (never for the peer's own "no"), a circuit per method; a method says where it differs
@Timeout(3000)
@Retry(maxRetries = 2, delay = 150, jitter = 100, abortOn = {PeerErrors.PeerRefused.class,
        CircuitBreakerOpenException.class})
@CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000, skipOn = PeerErrors.PeerRefused.class)
public class Orders {

    @Inject
    @RestClient
    OrderClient client;

    /** The BAP's order; {@link PeerErrors.PeerRefused} (404) when it is unknown or another BAP's. */
    public OrderClient.OrderRef get(String id, String bapId) {
        return client.order(id, bapId);
    }
}
