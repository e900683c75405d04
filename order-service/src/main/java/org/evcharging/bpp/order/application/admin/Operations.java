package org.evcharging.bpp.order.application.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.logging.Level;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.order.application.cancel.Cancellations;
import org.evcharging.bpp.order.application.events.ProviderCancelled;
import org.evcharging.bpp.order.application.session.Sessions;
import org.evcharging.bpp.order.domain.ChargingSession;
import org.evcharging.bpp.order.domain.Order;

/**
 * The operator's hand on orders, each in a transaction of its own: an order as it stands (read with its row locked, so
 * it is current), and cancelling an order as the provider (a site closed: no fee, the BAP is told by an unsolicited
 * on_cancel). Chargers are operated in charger-service (ChangeAvailability, Reset, TriggerMessage).
 */
@ApplicationScoped
public class Operations {

    private static final SafeLog LOG = SafeLog.of(Operations.class);

    /** An order and its charging session (null when none was started). */
    public record OrderAndSession(Order order, ChargingSession session) {
    }

    @Inject
    Sessions sessions;

    @Inject
    Cancellations cancellations;

    @Inject
    Event<ProviderCancelled> cancelled;

    /** The order now; null when there is none. */
    @Transactional
    public OrderAndSession order(String id) {
        Order o = sessions.lock(id, null);
        return o == null ? null : new OrderAndSession(o, sessions.sessionOf(id));
    }

    /**
     * The provider cancels, saying why; null when there is no such order. A {@code BecknException} says it could not
     * be (50001: ended or cancelled already; otherwise a peer was unreachable), and nothing changed.
     */
    @Transactional
    public OrderAndSession cancel(String id, String reason) {
        Order o = sessions.lock(id, null);
        if (o == null) {
            return null;
        }
        cancellations.byProvider(o, reason);
        ChargingSession s = sessions.sessionOf(id);
        cancelled.fire(new ProviderCancelled(o));
        LOG.log(Level.INFO, "order {0} cancelled by the operator: {1}",
                new Object[] {id, reason == null ? "" : reason});
        return new OrderAndSession(o, s);
    }
}
