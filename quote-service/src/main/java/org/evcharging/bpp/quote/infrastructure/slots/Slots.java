package org.evcharging.bpp.quote.infrastructure.slots;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.evcharging.bpp.core.logging.SafeLog;

/**
 * Which slots of a charger other orders hold or have booked, so that {@code select} neither quotes nor offers them.
 * Behind fault tolerance with a degraded answer: when order-service cannot say (down, slow), the quote is made as if
 * the slot were free ({@link Optional#empty()}) and init, which takes the slot under the charger's lock, still refuses
 * a taken one. A quote is better than none.
 */
@ApplicationScoped
public class Slots {

    private static final SafeLog LOG = SafeLog.of(Slots.class);

    /** A slot someone else has: from, to. */
    public record Claim(Instant start, Instant end) {

        public boolean overlaps(Instant from, Instant to) {
            return start.isBefore(to) && end.isAfter(from);
        }
    }

    @Inject
    @RestClient
    SlotClient client;

    /** The claims of other transactions on {@code fulfillmentId} within [from, to); empty when it cannot be known now. */
    @Timeout(1500)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 5000)
    @Fallback(fallbackMethod = "unknown")
    public Optional<List<Claim>> taken(String fulfillmentId, OffsetDateTime from, OffsetDateTime to, String bapId,
            String transactionId) {
        SlotClient.Taken t = client.taken(fulfillmentId, from.toString(), to.toString(), bapId, transactionId);
        return Optional.of(t.taken() == null ? List.of() : t.taken().stream()
                .map(i -> new Claim(Instant.parse(i.start()), Instant.parse(i.end()))).toList());
    }

    Optional<List<Claim>> unknown(String fulfillmentId, OffsetDateTime from, OffsetDateTime to, String bapId,
            String transactionId) {
        LOG.log(Level.INFO, "select txn={0}: the slots of {1} could not be checked now; quoted as free, init checks",
                new Object[] {transactionId, fulfillmentId});
        return Optional.empty();
    }
}
