package org.evcharging.bpp.support.infrastructure.quotes;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.evcharging.bpp.core.rest.PeerCalls;
import org.evcharging.bpp.core.rest.PeerErrors;

/** quote-service behind fault tolerance (3 s, two retries, a circuit breaker): which provider a transaction is with. */
@ApplicationScoped
// the fault tolerance of every peer call (PeerCalls); a method says where it differs
public class Quotes extends PeerCalls {

    @Inject
    @RestClient
    QuoteClient client;

    /** The transaction's latest quote for this BAP; {@link PeerErrors.PeerRefused} (404) when it has none. */
    public QuoteClient.QuoteRef get(String transactionId, String bapId) {
        return client.latest(transactionId, bapId);
    }
}
