package org.evcharging.bpp.order.infrastructure.charging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.evcharging.bpp.core.rest.PeerErrors;

/**
 * charger-service behind fault tolerance of its own: a start or stop waits for the charger (up to the central system's
 * start and stop timeouts, so 60 s here, and is not retried: it is keyed by the order, and a second wait would only
 * add to the user's); a reading is quick and retried twice.
 */
@ApplicationScoped
public class ChargerService {

    @Inject
    @RestClient
    ChargerClient client;

    @Timeout(60_000)
    public ChargerClient.SessionReading start(ChargerClient.StartCommand command) {
        return client.start(command);
    }

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 150, jitter = 100, abortOn = PeerErrors.PeerRefused.class)
    public ChargerClient.SessionReading read(String orderId) {
        return client.read(orderId);
    }

    @Timeout(30_000)
    public ChargerClient.SessionReading stop(String orderId) {
        return client.stop(orderId);
    }
}
