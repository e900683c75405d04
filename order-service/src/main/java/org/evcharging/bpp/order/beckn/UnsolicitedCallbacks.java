package org.evcharging.bpp.order.beckn;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.outbound.Outbox;
import org.evcharging.bpp.order.application.events.FulfillmentEnded;
import org.evcharging.bpp.order.application.events.ProviderCancelled;
import org.evcharging.bpp.order.application.events.SessionMilestone;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.domain.Progress;

/**
 * What the BPP tells a BAP on its own (fresh message_id, the order's transaction), from the use cases' events:
 * progress milestones as {@code on_status}, a session the charger ended as {@code on_update}, a cancel by the
 * provider as {@code on_cancel}. The observers are synchronous, so the callbacks are written to the outbox in the
 * transaction that fired the event: they go out exactly when the change they report commits, and are retried until
 * {@code order.push-ttl} runs out.
 */
@ApplicationScoped
public class UnsolicitedCallbacks {

    @Inject
    Outbox outbox;

    @Inject
    OrderMessages messages;

    @Inject
    @ConfigProperty(name = "order.push-ttl", defaultValue = "PT10M")
    String ttl;

    /** The order as it stands, with the session's progress. */
    void milestone(@Observes SessionMilestone e) {
        push(e.order(), "on_status", e.progress());
    }

    /** The final bill (unless the BAP's own end-charging was answered with it), then the "ended" milestone. */
    void ended(@Observes FulfillmentEnded e) {
        if (!e.endedByBap()) {
            push(e.order(), "on_update", null);
        }
        push(e.order(), "on_status", null);
    }

    void cancelled(@Observes ProviderCancelled e) {
        push(e.order(), "on_cancel", null);
    }

    private void push(Order o, String action, Progress p) {
        outbox.unsolicited(OrderMessages.parse(o.requestContext()), action,
                messages.message(o, o.confirmedAt() != null, p), Instant.now().plus(Duration.parse(ttl)));
    }
}
