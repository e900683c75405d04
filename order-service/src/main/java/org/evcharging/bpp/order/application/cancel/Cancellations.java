package org.evcharging.bpp.order.application.cancel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.logging.Level;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.order.application.booking.SlotHolds;
import org.evcharging.bpp.order.infrastructure.charging.ChargePoints;
import org.evcharging.bpp.order.infrastructure.metrics.OrderMetrics;
import org.evcharging.bpp.order.domain.Cancellation;
import org.evcharging.bpp.order.domain.ChargingSession;
import org.evcharging.bpp.order.domain.FulfillmentState;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.domain.OrderStatus;
import org.evcharging.bpp.order.application.session.Sessions;
import org.evcharging.bpp.order.application.settlement.Bill;
import org.evcharging.bpp.order.application.settlement.RefundWorker;
import org.evcharging.bpp.order.application.settlement.Refunded;
import org.evcharging.bpp.order.application.settlement.Settlements;

/**
 * Cancelling an order, by the user or by the provider, inside the caller's transaction with the order locked
 * ({@link Sessions#lock}). What it costs follows the order's cancellation terms: nothing before charging starts;
 * once it has, the energy delivered is paid as billed and {@code order.cancellation.after-start-percent} of the rest
 * is kept. When the provider is at fault (a charger error or a lost session, an operator's cancel) the user pays only
 * the energy delivered: no fee, no reservation fee, no add-ons. The user's own reason "charger not working" costs no
 * fee; it waives the reservation and add-ons only when the charger confirms it (reads failed or lost the session). A
 * charger that had finished by itself costs no fee either (the bill stays the session's). The rest of what was prepaid
 * is owed back (the refund worker pays it) and the slot is released.
 */
@ApplicationScoped
public class Cancellations {

    private static final SafeLog LOG = SafeLog.of(Cancellations.class);
    private static final String BY_BAP = Cancellation.BY_BAP;
    private static final String BY_PROVIDER = Cancellation.BY_PROVIDER;

    @Inject
    Sessions sessions;

    @Inject
    Settlements settlements;

    @Inject
    OrderMetrics metrics;

    @Inject
    SlotHolds holds;

    @Inject
    RefundWorker refunds;

    @Inject
    @ConfigProperty(name = "order.cancellation.after-start-percent", defaultValue = "30")
    BigDecimal afterStartPercent;

    /**
     * The user's cancel of an order of its BAP, with a reason of {@link CancellationReasons}: the order, locked, as
     * it was cancelled. An unknown order (or another BAP's) is the error 30010.
     */
    @Transactional(TxType.MANDATORY)
    public Order byUser(String orderId, String bapId, CancellationReasons.Reason reason) {
        Order o = orderId == null ? null : sessions.lock(orderId, bapId);
        if (o == null) {
            throw new BecknException(ErrorCode.ORDER_NOT_FOUND, "$.message.order_id", "no order '" + orderId + "'");
        }
        cancel(o, new Cancellation(BY_BAP, reason.id(), reason.text()), reason.providerFault(),
                FulfillmentState.ORDER_CANCELLED);
        return o;
    }

    /**
     * The provider cancels (an operator: a site closed), saying why: state {@code cancelled-by-provider}; the user pays
     * only what was delivered, the rest goes back.
     */
    @Transactional(TxType.MANDATORY)
    public void byProvider(Order o, String why) {
        cancel(o, new Cancellation(BY_PROVIDER, null, why == null || why.isBlank() ? "cancelled by the provider" : why),
                true, FulfillmentState.CANCELLED_BY_PROVIDER);
    }

    /** The charger failed during the session ({@code error} as it reported it, or null): the user pays the energy only. */
    @Transactional(TxType.MANDATORY)
    public void chargerError(Order o, String error) {
        cancel(o, new Cancellation(BY_PROVIDER, null, "the charger failed" + (error == null ? "" : ": " + error)),
                true, FulfillmentState.CHARGER_ERROR);
    }

    /**
     * @param feeFree no cancellation fee (the provider's fault, or the user says the charger did not work)
     */
    private void cancel(Order o, Cancellation who, boolean feeFree, String endState) {
        String by = who.by();
        boolean byProvider = BY_PROVIDER.equals(by);
        if (o.status() != OrderStatus.ACTIVE && o.status() != OrderStatus.DRAFT) {
            throw new BecknException(ErrorCode.CANCELLATION_NOT_POSSIBLE, "$.message.order_id", "order " + o.id()
                    + " is " + o.status() + (o.status() == OrderStatus.COMPLETE ? ": charging has ended and was settled"
                            : ": there is nothing left to cancel"));
        }
        Instant now = Instant.now();
        if (o.status() == OrderStatus.DRAFT) {
            // Not paid for (if a payment still arrives for it, the lapse sweep gives it back).
            holds.release(o.id());
            o.cancel(endState, who, BigDecimal.ZERO, BigDecimal.ZERO, null, null, now);
            LOG.log(Level.INFO, "order {0} txn={1}: draft cancelled by {2}",
                    new Object[] {o.id(), o.beckn().transactionId(), by});
            return;
        }
        ChargingSession s = sessions.lockedSessionOf(o.id());
        Bill bill = null;
        boolean free = feeFree;
        if (s != null && o.isSwap()) {
            if (s.running() && !byProvider) {
                throw new BecknException(ErrorCode.CANCELLATION_NOT_POSSIBLE, "$.message.order_id",
                        "the battery swap of order " + o.id()
                                + " is in progress: it can be cancelled before it starts");
            }
            s.end(ChargingSession.End.CANCELLED, null, null, now); // the provider called it off: nothing is billed
            metrics.sessionEnded(ChargingSession.End.CANCELLED);
            s = null;
        }
        if (s != null) {
            Integer soc = s.socPercent();
            if (s.running()) {
                // A charger that failed or lost the session: the provider's fault whoever cancels, billed the energy
                // only (by stopAndBill, priced before the stop). One that had finished by itself: no fee, but the
                // session is billed as it ended.
                Sessions.Stopped stopped = sessions.stopAndBill(o, s, byProvider);
                bill = stopped.bill();
                ChargePoints.Reading r = stopped.reading();
                if (r == null || r.state() == ChargePoints.State.FAULTED) {
                    free = true;
                    endState = BY_BAP.equals(by) ? endState : FulfillmentState.CHARGER_ERROR;
                } else if (r.state() == ChargePoints.State.FINISHED) {
                    free = true;
                }
                if (r != null) {
                    soc = r.socPercent();
                }
                ChargingSession.End end = FulfillmentState.CHARGER_ERROR.equals(endState)
                        ? ChargingSession.End.FAULTED : ChargingSession.End.CANCELLED;
                s.end(end, bill.delivered(), soc, now);
                metrics.sessionEnded(end);
            } else {
                boolean faulted = s.endReason() == ChargingSession.End.FAULTED;
                free |= faulted;
                bill = settlements.bill(o, s.deliveredKwh(), byProvider || faulted);
            }
        }
        Refunded split = Refunded.of(o.total(), bill == null ? BigDecimal.ZERO : bill.total(),
                s == null || free ? BigDecimal.ZERO : afterStartPercent);
        o.cancel(endState, who, split.refund(), split.fee(), bill == null ? null : split.deliveredAmount(),
                bill == null ? null : bill.breakup(), now);
        holds.release(o.id());
        if (o.refundStatus() == Order.RefundStatus.PENDING) {
            refunds.afterCommit(o.id());
        }
        LOG.log(Level.INFO, "order {0} txn={1}: cancelled by {2} ({3}), delivered {4}, fee {5}, refund {6} {7}",
                new Object[] {o.id(), o.beckn().transactionId(), by, endState, split.deliveredAmount(), split.fee(),
                        split.refund(), o.currency()});
    }
}
