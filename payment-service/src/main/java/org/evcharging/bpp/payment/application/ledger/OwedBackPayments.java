package org.evcharging.bpp.payment.application.ledger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.tasks.Sweep;
import org.evcharging.bpp.payment.domain.Money;
import org.evcharging.bpp.payment.domain.Payment;
import org.evcharging.bpp.payment.domain.Refund;

/**
 * Gives back, in full, money that is not the order's: a payment captured on a link that had already been replaced by
 * another (the user paid an old link after the amount changed), or a second capture of a link already paid. The webhook books it as owed back; right after that
 * commits, and on a sweep every {@code payment.owed-back-sweep-seconds} (10) for what is still unreturned (gateway
 * down, a restart in between), it is refunded against that very payment with the refund id
 * {@code returned-<paymentId>}, so however often this runs, the money goes back once. A refund the gateway refuses is
 * recorded as failed and left to a person (logged).
 */
@ApplicationScoped
public class OwedBackPayments implements Sweep {

    private static final SafeLog LOG = SafeLog.of(OwedBackPayments.class);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    Refunds refunds;

    @Inject
    @ConfigProperty(name = "payment.owed-back-sweep-seconds", defaultValue = "10")
    long everySeconds;

    /** Soon, on the scheduler (after the capture that made it owed back has committed). */
    public void returnSoon() {
        try {
            scheduler.execute(this::sweep);
        } catch (RuntimeException busy) {
            LOG.log(Level.INFO, "owed-back payments left to the sweep: {0}", busy.toString());
        }
    }

    @Transactional
    public List<Payment> unreturned() {
        return em.createNamedQuery(Payment.OWED_BACK_UNRETURNED, Payment.class).setMaxResults(100).getResultList();
    }

    @Override
    public String name() {
        return "owed-back payments";
    }

    @Override
    public Duration every() {
        return Duration.ofSeconds(everySeconds);
    }

    @Override
    public void sweep() {
        List<Payment> due;
        try {
            due = CDI.current().select(OwedBackPayments.class).get().unreturned();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "owed-back payments not read: {0}", e.toString());
            return;
        }
        for (Payment p : due) {
            try {
                Refund r = refunds.refund(p.orderRef(), new RefundRequest(p.returnRefundId(), Money.format(p.amount()),
                        p.owedBackBecause()),
                        p.paymentId()).refund();
                if (r.succeeded()) {
                    LOG.log(Level.INFO, "payment {0} of order {1} ({2} {3}) given back: {4}",
                            new Object[] {p.paymentId(),
                                    p.orderRef(), Money.format(p.amount()), p.currency(), p.owedBackBecause()});
                } else {
                    LOG.log(Level.SEVERE, "payment={0} order={1} refund={4}: {2} {3} owed back but the gateway refused"
                            + " the refund: give it back by hand",
                            new Object[] {p.paymentId(), p.orderRef(),
                                    Money.format(p.amount()), p.currency(), r.refundId()});
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "payment={0} order={1} refund={2}: not given back yet ({3}); the sweep tries"
                        + " again", new Object[] {p.paymentId(), p.orderRef(), p.returnRefundId(), e.toString()});
            }
        }
    }
}
