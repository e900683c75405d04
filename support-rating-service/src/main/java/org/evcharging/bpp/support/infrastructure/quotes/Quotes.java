package org.evcharging.bpp.support.infrastructure.quotes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.evcharging.bpp.core.rest.PeerErrors;

/** quote-service behind fault tolerance (3 s, two retries, a circuit breaker): which provider a transaction is with. */
@ApplicationScoped
// every call: 3 s, two retries (never for the peer's own "no"), a circuit per method; a method says where it differs
@Timeout(3000)
@Retry(maxRetries = 2, delay = 150, jitter = 100, abortOn = {PeerErrors.PeerRefused.class,
        CircuitBreakerOpenException.class})
@CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000, skipOn = PeerErrors.PeerRefused.class)
public class Quotes {

    @Inject
    @RestClient
    QuoteClient client;

    /** The transaction's latest quote for this BAP; {@link PeerErrors.PeerRefused} (404) when it has none. */
    public QuoteClient.QuoteRef get(String transactionId, String bapId) {
        return client.latest(transactionId, bapId);
    }
}
