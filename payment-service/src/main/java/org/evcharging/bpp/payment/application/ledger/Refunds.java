package org.evcharging.bpp.payment.application.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.payment.domain.Ledger;
import org.evcharging.bpp.payment.domain.Money;
import org.evcharging.bpp.payment.domain.Payment;
import org.evcharging.bpp.payment.domain.PaymentLink;
import org.evcharging.bpp.payment.domain.Refund;
import org.evcharging.bpp.payment.infrastructure.gateway.GatewayRefund;
import org.evcharging.bpp.payment.infrastructure.gateway.GatewayUnavailableException;
import org.evcharging.bpp.payment.infrastructure.gateway.PaymentGateway;
import org.evcharging.bpp.payment.infrastructure.gateway.RefundKeyConflictException;
import org.evcharging.bpp.payment.infrastructure.gateway.RefundOrder;

/**
 * Refunds and the order ledger. A refund is one transaction with the order's payments locked: the same
 * {@code refundId} answers the stored refund, the amount must fit the refundable balance, the gateway gives the
 * money back, and the refund row (its id the primary key) is written. When the gateway fails, or its answer is lost,
 * nothing is written and the caller retries with the same id; the id is passed on as the provider's idempotency key,
 * so the retry gets the refund the provider may already have made, and a crash between the provider's answer and our
 * commit cannot refund twice either.
 */
@ApplicationScoped
public class Refunds {

    private static final SafeLog LOG = SafeLog.of(Refunds.class);

    /** A refund, and whether this call made it (201) or found it made already (200). */
    public record Made(Refund refund, boolean created) {
    }

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    PaymentGateway gateway;

    /**
     * Two calls for one order (a worker and its retry, or two refund ids) are serialized by the lock on the order's
     * payment rows, taken by this transaction's first statement. What the second one then reads must be what the
     * first committed, and it is: InnoDB makes a repeatable-read snapshot at a transaction's first plain read, and
     * here that comes after the lock (REQUIRES_NEW keeps it so even for a caller with a transaction that read already).
     * The reads are plain on purpose: a locking read of a refund id not made yet locks the index gap it would go into,
     * and two refunds of different orders whose ids fall in one gap then deadlock on their inserts, after the gateway
     * paid out (seen on MariaDB 11.4). An order without payments locks no row, so two calls do not wait for each other,
     * but both are refused (nothing to refund) and a capture arriving meanwhile waits on the gap until they are. Behind
     * all this, the primary key on {@code refundId} refuses a second row, and the provider's idempotency key a second
     * payout.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public Made refund(String orderRef, RefundRequest request) {
        return refund(orderRef, request, null);
    }

    /**
     * As {@link #refund(String, RefundRequest)}, against the payment {@code paymentId} when given (giving back a
     * payment owed back, which ordinary refunds never draw on), else against the first with enough left.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public Made refund(String orderRef, RefundRequest request, String paymentId) {
        BigDecimal amount = Money.parsePositive(request.amount());
        List<Payment> payments = em.createNamedQuery(Payment.BY_ORDER, Payment.class)
                .setParameter("orderRef", orderRef)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
        Refund existing = em.find(Refund.class, request.refundId());
        if (existing != null) {
            return new Made(same(existing, orderRef, amount), false);
        }
        Ledger ledger = new Ledger(payments, refundsOf(orderRef));
        Payment source;
        try {
            source = paymentId == null ? ledger.refundSource(amount) : ledger.refundSource(paymentId, amount);
        } catch (Ledger.RefundRefused e) {
            throw new ProblemException(409, e.getMessage());
        }
        GatewayRefund answer;
        try {
            answer = gateway.refund(new RefundOrder(request.refundId(), orderRef, source.paymentId(),
                    source.gatewayRef(), amount, source.currency(), request.reason()));
        } catch (GatewayUnavailableException e) {
            LOG.log(Level.WARNING, "refund={0} order={1} payment={2}: not recorded, no answer from the gateway: {3}",
                    new Object[] {request.refundId(), orderRef, source.paymentId(), e.getMessage()});
            throw new ProblemException(503, "the payment gateway did not answer; nothing was recorded, retry with the "
                    + "same refundId (it never refunds twice)");
        } catch (RefundKeyConflictException e) {
            LOG.log(Level.WARNING, "refund={0} order={1} payment={2}: refused: {3}",
                    new Object[] {request.refundId(), orderRef, source.paymentId(), e.getMessage()});
            throw new ProblemException(409, "refundId '" + request.refundId() + "' was already used at the payment "
                    + "gateway for another refund", "refundId", "already used for another refund");
        }
        Refund refund = new Refund(request.refundId(), orderRef, source.paymentId(), amount, source.currency(),
                answer.succeeded() ? Refund.Status.REFUNDED : Refund.Status.FAILED, answer.gatewayRef(),
                request.reason(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        em.persist(refund);
        em.flush();
        LOG.info(() -> "refund " + refund.refundId() + " of order " + orderRef + ": " + Money.format(amount) + " "
                + refund.currency() + " " + refund.status() + ", gateway ref " + refund.gatewayRef()
                + (answer.failureReason() == null ? "" : " (" + answer.failureReason() + ")"));
        return new Made(refund, true);
    }

    /** The stored refund of {@code refundId}, if it is the same refund asked again. */
    public Optional<Refund> replay(String orderRef, RefundRequest request) {
        Refund existing = em.find(Refund.class, request.refundId());
        return existing == null ? Optional.empty()
                : Optional.of(same(existing, orderRef, Money.parsePositive(request.amount())));
    }

    /** The order's ledger, or empty when no payment link was ever made for it. */
    public Optional<OrderMoney> ledger(String orderRef) {
        List<PaymentLink> links = em.createNamedQuery(PaymentLink.BY_ORDER, PaymentLink.class)
                .setParameter("orderRef", orderRef).getResultList();
        if (links.isEmpty()) {
            return Optional.empty();
        }
        List<Payment> payments = em.createNamedQuery(Payment.BY_ORDER, Payment.class)
                .setParameter("orderRef", orderRef).getResultList();
        Ledger ledger = new Ledger(payments, refundsOf(orderRef));
        String currency = ledger.currency() != null ? ledger.currency() : links.get(links.size() - 1).currency();
        return Optional.of(new OrderMoney(ledger, currency, links));
    }

    /** What {@link #ledger} found. */
    public record OrderMoney(Ledger ledger, String currency, List<PaymentLink> links) {
    }

    private List<Refund> refundsOf(String orderRef) {
        return em.createNamedQuery(Refund.BY_ORDER, Refund.class).setParameter("orderRef", orderRef).getResultList();
    }

    private static Refund same(Refund existing, String orderRef, BigDecimal amount) {
        if (!existing.sameAs(orderRef, amount)) {
            throw new ProblemException(409, "refundId '" + existing.refundId() + "' was already used for a refund of "
                    + Money.format(existing.amount()) + " on order '" + existing.orderRef() + "'", "refundId",
                    "already used for another refund");
        }
        return existing;
    }
}
