package org.evcharging.bpp.order.application.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.evcharging.bpp.core.rest.PeerErrors;
import org.evcharging.bpp.order.infrastructure.payments.PaymentClient;
import org.evcharging.bpp.order.infrastructure.payments.Payments;
import jakarta.transaction.Transactional;
import java.util.logging.Level;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.order.application.cancel.Cancellations;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.order.application.events.FulfillmentEnded;
import org.evcharging.bpp.order.application.events.ProviderCancelled;
import org.evcharging.bpp.order.domain.OrderStatus;
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

    /** An order's money as payment-service keeps it; {@code error} says why it could not be read (then no ledger). */
    public record LedgerAnswer(PaymentClient.Ledger ledger, String error) {
    }

    @Inject
    Sessions sessions;

    @Inject
    Payments payments;

    /** The order's payments and refunds from payment-service, or why there are none to show. */
    public LedgerAnswer ledger(String orderId) {
        try {
            return new LedgerAnswer(payments.ledger(orderId), null);
        } catch (PeerErrors.PeerRefused e) {
            return new LedgerAnswer(null, e.status() == 404 ? "no payment link was made for this order"
                    : "payment-service refused: HTTP " + e.status());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ledger of order {0} unavailable: {1}", new Object[] {orderId, e.toString()});
            return new LedgerAnswer(null, "payment-service did not answer; try again");
        }
    }

    @Inject
    Cancellations cancellations;

    @Inject
    Event<ProviderCancelled> cancelled;

    @Inject
    Event<FulfillmentEnded> ended;

    /** The order now; null when there is none. */
    @Transactional
    public OrderAndSession order(String id) {
        Order o = sessions.lock(id, null);
        return o == null ? null : new OrderAndSession(o, sessions.sessionOf(id));
    }

    /**
     * The operator stops a charging session remotely (a safety stop, a site closing now): the charger is stopped and
     * the order settled as charging-ended, billed the energy delivered only (the stop is the provider's decision, so
     * no reservation or add-on is charged); the rest is refunded and the BAP gets the final bill and the end
     * unsolicited. A charger that fails as it stops makes it a provider's cancel, as any fault does. Null when there
     * is no such order; a {@code BecknException} 40002 when it is not charging (nothing changed).
     */
    @Transactional
    public OrderAndSession stop(String id, String reason) {
        Order o = sessions.lock(id, null);
        if (o == null) {
            return null;
        }
        ChargingSession s = sessions.lockedSessionOf(id);
        if (o.status() != OrderStatus.ACTIVE || o.isSwap() || s == null || !s.running()) {
            throw new BecknException(ErrorCode.UPDATION_NOT_POSSIBLE, "$.message.order.fulfillments[0].state",
                    "order " + id + " is not charging now");
        }
        if (sessions.stopCharging(o, s, ChargingSession.End.OPERATOR, true)
                .endReason() == ChargingSession.End.FAULTED) {
            cancellations.chargerError(o, "it failed as the operator stopped the session");
            cancelled.fire(new ProviderCancelled(o));
        } else {
            ended.fire(new FulfillmentEnded(o, false));
        }
        LOG.log(Level.INFO, "order {0}: charging stopped by the operator: {1}",
                new Object[] {id, reason == null ? "" : reason});
        return new OrderAndSession(o, s);
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
