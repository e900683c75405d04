package org.evcharging.bpp.order.application.settlement;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.infrastructure.payments.PaymentClient;
import org.evcharging.bpp.order.infrastructure.payments.Payments;
import org.evcharging.bpp.core.rest.PeerErrors;
import org.evcharging.bpp.core.tasks.AfterCommit;
import java.time.Duration;
import org.evcharging.bpp.core.tasks.Sweep;

/**
 * Sends the money an order owes back through payment-service. The refund is decided in the transaction that ends
 * or cancels the order (its id, amount and PENDING state are written with the state change, so it cannot be
 * forgotten); this worker then asks payment-service until it answers: right after that transaction commits, and on
 * a sweep for whatever is still pending (payment-service down, a restart in between). The refund id is
 * payment-service's idempotency key, so asking again after a lost answer never refunds twice.
 *
 * <p>
 * One replica asks for one order's refund once at a time (the after-commit task and the sweep could otherwise both
 * be at it), and the answer is recorded on the order read with a row lock: a request or another replica changing the
 * order in between waits a moment instead of failing this write's version check at commit (which was retried, but
 * logged by the transaction manager as an error with a stack trace).
 */
@ApplicationScoped
public class RefundWorker implements Sweep {

    private static final SafeLog LOG = SafeLog.of(RefundWorker.class);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    Payments payments;

    @Inject
    @ConfigProperty(name = "order.refund-sweep-seconds", defaultValue = "5")
    long everySeconds;

    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    /** Asks for the order's refund as soon as the caller's transaction commits. */
    public void afterCommit(String orderId) {
        AfterCommit.soon(transactions, scheduler, () -> refundOne(self(), orderId), "the refund of order " + orderId);
    }

    @Override
    public String name() {
        return "refund sweep";
    }

    @Override
    public Duration every() {
        return Duration.ofSeconds(everySeconds);
    }

    @Override
    public void sweep() {
        RefundWorker self = self();
        try {
            for (String id : self.due()) {
                refundOne(self, id);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "refund sweep failed: {0}", e.toString());
        }
    }

    private static RefundWorker self() {
        return CDI.current().select(RefundWorker.class).get();
    }

    @Transactional
    public List<String> due() {
        return em.createNamedQuery("Order.refundsDue", String.class).setParameter("pending", Order.RefundStatus.PENDING)
                .setMaxResults(100).getResultList();
    }

    @Transactional
    public Order pending(String id) {
        Order o = em.find(Order.class, id);
        return o != null && o.refundStatus() == Order.RefundStatus.PENDING ? o : null;
    }

    @Transactional
    public void answered(String id, boolean done) {
        Order o = em.find(Order.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (o != null && o.refundStatus() == Order.RefundStatus.PENDING) {
            o.refunded(done, Instant.now());
        }
    }

    @Transactional
    public void attempted(String id) {
        Order o = em.find(Order.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (o != null) {
            o.refundAttempted(Instant.now());
        }
    }

    private void refundOne(RefundWorker self, String id) {
        if (!inFlight.add(id)) {
            return; // this replica is already asking
        }
        try {
            refundOnce(self, id);
        } finally {
            inFlight.remove(id);
        }
    }

    private void refundOnce(RefundWorker self, String id) {
        Order o;
        try {
            o = self.pending(id);
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "refund of order {0} not tried now: {1}", new Object[] {id, e.toString()});
            return;
        }
        if (o == null) {
            return;
        }
        try {
            PaymentClient.Refund r = payments.refund(o.id(), new PaymentClient.RefundRequest(o.refundId(),
                    o.refundAmount().toPlainString(), o.refundReason()));
            boolean done = "REFUNDED".equals(r.status());
            self.answered(id, done);
            LOG.log(done ? Level.INFO : Level.SEVERE, "order {0} txn={1}: refund {2} of {3} {4} {5}", new Object[] {
                    o.id(), o.beckn().transactionId(), o.refundId(), o.refundAmount(), o.currency(),
                    done ? "made" : "REFUSED by the gateway (" + r.status() + "): settle it by hand"});
        } catch (PeerErrors.PeerRefused e) {
            // payment-service says this refund can never be made (more than the balance, another refund's id...).
            self.answered(id, false);
            LOG.log(Level.SEVERE, "order={0}: refund {1} refused by payment-service ({2}): settle it by hand",
                    new Object[] {o.id(), o.refundId(), e.getMessage()});
        } catch (RuntimeException e) {
            try {
                self.attempted(id);
            } catch (RuntimeException ignored) {
                // counted next time
            }
            LOG.log(Level.WARNING, "order={0}: refund {1} not made yet ({2}); it is asked again", new Object[] {
                    o.id(), o.refundId(), e.toString()});
        }
    }
}
