package org.evcharging.bpp.order.application.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.logging.Level;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.order.application.cancel.Cancellations;
import org.evcharging.bpp.order.application.events.ProviderCancelled;
import org.evcharging.bpp.order.application.session.Sessions;
import org.evcharging.bpp.order.domain.ChargingSession;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.infrastructure.charging.ChargePointsProducer;
import org.evcharging.bpp.order.infrastructure.charging.SimulatedChargePoints;

/**
 * The operator's hand on orders and chargers, each in a transaction of its own: an order as it stands (read with
 * its row locked, so it is current), cancelling an order as the provider (a site closed: no fee, the BAP is told by
 * an unsolicited on_cancel), and, with simulated chargers, making a connector fail or work again.
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
    ChargePointsProducer chargers;

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

    /** A simulated connector fails now (its session ends with a charger error); false when real chargers are driven. */
    @Transactional
    public boolean fault(String connector) {
        Optional<SimulatedChargePoints> simulator = chargers.simulator();
        simulator.ifPresent(sim -> sim.fail(connector));
        return simulator.isPresent();
    }

    /** A simulated connector works again; false when real chargers are driven. */
    @Transactional
    public boolean repair(String connector) {
        Optional<SimulatedChargePoints> simulator = chargers.simulator();
        simulator.ifPresent(sim -> sim.repair(connector));
        return simulator.isPresent();
    }
}
