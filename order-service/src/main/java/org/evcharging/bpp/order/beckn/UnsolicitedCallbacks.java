package org.evcharging.bpp.order.beckn;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.outbound.Outbox;
import org.evcharging.bpp.order.application.booking.Bookings;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.domain.Progress;

/**
 * What the BPP tells a BAP on its own (fresh message_id, the order's transaction): progress milestones as
 * {@code on_status}, a session the charger ended as {@code on_update}, a cancel by the provider as
 * {@code on_cancel}. Written to the outbox in the caller's transaction, so they go out exactly when the change they
 * report commits, and are retried until {@code order.push-ttl} runs out.
 */
@ApplicationScoped
public class UnsolicitedCallbacks {

    @Inject
    Outbox outbox;

    @Inject
    Bookings bookings;

    @Inject
    @ConfigProperty(name = "order.push-ttl", defaultValue = "PT10M")
    String ttl;

    /** The order as it stands, with the session's progress while it charges ({@code p}, else null). */
    public void status(Order o, Progress p) {
        push(o, "on_status", p);
    }

    public void update(Order o) {
        push(o, "on_update", null);
    }

    public void cancel(Order o) {
        push(o, "on_cancel", null);
    }

    private void push(Order o, String action, Progress p) {
        outbox.unsolicited(OrderMessages.parse(o.requestContext()), action,
                bookings.messages().message(o, o.confirmedAt() != null, p), Instant.now().plus(Duration.parse(ttl)));
    }
}
