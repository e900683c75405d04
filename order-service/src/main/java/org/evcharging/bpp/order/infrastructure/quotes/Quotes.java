package org.evcharging.bpp.order.infrastructure.quotes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.evcharging.bpp.core.rest.PeerCalls;
import org.evcharging.bpp.core.rest.PeerErrors;

/**
 * quote-service as bookings use it, behind fault tolerance: 3 s per call, two retries (never for the peer's own
 * "no"), a circuit that opens after repeated failures. All three calls are safe to repeat.
 */
@ApplicationScoped
// the fault tolerance of every peer call (PeerCalls); a method says where it differs
public class Quotes extends PeerCalls {

    @Inject
    @RestClient
    QuoteClient client;

    public QuoteClient.QuoteState latest(String transactionId, String bapId) {
        return client.latest(transactionId, bapId);
    }

    public QuoteClient.QuoteState get(String id) {
        return client.get(id);
    }

    /** Re-prices with the catalog and tariff as they are now (the catalog call inside it is quote-service's). */
    @Timeout(6000)
    @Retry(maxRetries = 1, delay = 150, jitter = 100, abortOn = {PeerErrors.PeerRefused.class,
            CircuitBreakerOpenException.class})
    public QuoteClient.Repriced reprice(String id, String vehicleType) {
        return client.reprice(id, new QuoteClient.RepriceRequest(vehicleType));
    }

    /** The bill of what was delivered: a pure computation at quote-service, safe to repeat. */
    public QuoteClient.Settlement settlement(String quoteId, java.math.BigDecimal delivered, boolean providerFault) {
        return client.settlement(quoteId, new QuoteClient.SettlementRequest(delivered.toPlainString(), providerFault));
    }
}
