package org.evcharging.bpp.order.application.fulfillment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.order.application.cancel.Cancellations;
import org.evcharging.bpp.order.application.events.FulfillmentEnded;
import org.evcharging.bpp.order.application.events.ProviderCancelled;
import org.evcharging.bpp.order.application.events.SessionMilestone;
import org.evcharging.bpp.order.application.session.Sessions;
import org.evcharging.bpp.order.domain.ChargingSession;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.domain.OrderStatus;
import org.evcharging.bpp.order.domain.Progress;

/**
 * The BAP moves an order's fulfillment ({@code update} of its state), inside the caller's transaction with the order
 * locked: start charging or a swap, and end it. What the BAP must hear besides the answer is raised as an event: the
 * "started" milestone, the "ended" one, and a cancel by the provider when the charger turns out to have failed as it
 * is stopped (state {@code charger-error}, the undelivered part refunded).
 */
@ApplicationScoped
public class Fulfillments {

    @Inject
    Sessions sessions;

    @Inject
    Cancellations cancellations;

    @Inject
    Event<SessionMilestone> milestones;

    @Inject
    Event<FulfillmentEnded> ended;

    @Inject
    Event<ProviderCancelled> cancelled;

    /** The order in its new state, with the session's progress while it charges (else null). */
    public record Updated(Order order, Progress progress) {
    }

    /**
     * start-charging or start-swap of the order {@code orderId} (or, without one, the transaction's) at
     * {@code connector}. A repeated start answers the running session and tells no milestone again.
     */
    @Transactional(TxType.MANDATORY)
    public Updated start(String orderId, String bapId, String transactionId, String connector, boolean swap) {
        Order o = locked(orderId, bapId, transactionId);
        // Read after the order's lock was granted, so it is current; start() reads it again, locked.
        boolean already = sessions.sessionOf(o.id()) != null;
        ChargingSession s = sessions.start(o, connector, swap);
        Progress progress = sessions.progress(o, s);
        if (!already && !o.isSwap()) {
            milestones.fire(new SessionMilestone(o, progress)); // the "started" milestone
        }
        return new Updated(o, progress);
    }

    /** end-charging or end-swap: the order settled (or, the charger having failed, cancelled by the provider). */
    @Transactional(TxType.MANDATORY)
    public Updated stop(String orderId, String bapId, String transactionId, boolean swap) {
        Order o = locked(orderId, bapId, transactionId);
        boolean settled = o.status() == OrderStatus.COMPLETE;
        ChargingSession s = sessions.stop(o, swap);
        if (s.endReason() == ChargingSession.End.FAULTED && o.status() == OrderStatus.ACTIVE) {
            cancellations.chargerError(o, "it failed as the session was stopped");
            cancelled.fire(new ProviderCancelled(o));
        } else if (!settled) {
            ended.fire(new FulfillmentEnded(o, true)); // the "ended" milestone; the answer carries the bill
        }
        return new Updated(o, null); // ended: no live progress
    }

    private Order locked(String orderId, String bapId, String transactionId) {
        String id = orderId != null ? orderId : sessions.orderOfTransaction(bapId, transactionId);
        Order o = id == null ? null : sessions.lock(id, bapId);
        if (o == null) {
            throw new BecknException(ErrorCode.ORDER_NOT_FOUND,
                    id == null ? "$.context.transaction_id" : "$.message.order.id",
                    id == null ? "this transaction has no order" : "no order '" + id + "'");
        }
        return o;
    }
}
