package org.evcharging.bpp.order.application.booking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.domain.OrderStatus;
import org.evcharging.bpp.order.infrastructure.payments.PaymentClient;
import org.evcharging.bpp.order.infrastructure.payments.Payments;
import org.evcharging.bpp.core.rest.PeerErrors;
import org.evcharging.bpp.core.tasks.Sweep;

/**
 * Drafts that were not paid and confirmed in time expire, and their holds are released. A lapsed hold stops
 * counting the moment it expires (the overlap check compares times); this sweep makes orders and holds say so. Each
 * order expires in a transaction of its own, so one cannot hold up the rest. Money paid for a draft that lapsed or
 * was cancelled before confirm (paid at the last moment, never confirmed) is refunded once late webhooks had time
 * to arrive.
 */
@ApplicationScoped
public class DraftExpiry implements Sweep {

    private static final SafeLog LOG = SafeLog.of(DraftExpiry.class);
    /** How long after a hold lapsed its payment is settled: a gateway's late webhook arrives first. */
    static final Duration SETTLE_AFTER = Duration.ofMinutes(2);

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    SlotHolds holds;

    @Inject
    Payments payments;

    @Inject
    @ConfigProperty(name = "order.expiry-sweep-seconds", defaultValue = "5")
    long everySeconds;

    @Override
    public String name() {
        return "expiry sweep";
    }

    @Override
    public Duration every() {
        return Duration.ofSeconds(everySeconds);
    }

    @Override
    public void sweep() {
        DraftExpiry self = CDI.current().select(DraftExpiry.class).get();
        Instant now = Instant.now();
        try {
            for (String id : self.expiredDrafts(now)) {
                try {
                    self.expire(id, now);
                } catch (RuntimeException e) {
                    LOG.log(Level.INFO, "order {0} not expired this time: {1}", new Object[] {id, e.toString()});
                }
            }
            holds.releaseExpired(now);
            for (String id : self.unsettled(now.minus(SETTLE_AFTER))) {
                settle(self, id);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "expiry sweep failed: {0}", e.toString());
        }
    }

    @Transactional
    public List<String> expiredDrafts(Instant now) {
        return em.createNamedQuery("Order.expiredDrafts", String.class).setParameter("draft", OrderStatus.DRAFT)
                .setParameter("now", now).setMaxResults(500).getResultList();
    }

    @Transactional
    public List<String> unsettled(Instant before) {
        return em.createNamedQuery("Order.unsettledLapses", String.class)
                .setParameter("lapsed", List.of(OrderStatus.EXPIRED, OrderStatus.CANCELLED))
                .setParameter("before", before).setMaxResults(50).getResultList();
    }

    @Transactional
    public void expire(String id, Instant now) {
        Order o = em.find(Order.class, id);
        if (o != null && o.holdExpiredAt(now)) {
            o.expire(now);
            LOG.log(Level.INFO, "order {0} txn={1} expired unconfirmed; its slot is released",
                    new Object[] {o.id(), o.beckn().transactionId()});
        }
    }

    @Transactional
    public void settled(String id) {
        Order o = em.find(Order.class, id);
        if (o != null) {
            o.lapseSettled(Instant.now());
        }
    }

    /** Refunds what was paid for a lapsed order (idempotent: one refund id per order), then marks it settled. */
    private void settle(DraftExpiry self, String id) {
        try {
            PaymentClient.Ledger ledger;
            try {
                ledger = payments.ledger(id);
            } catch (PeerErrors.PeerRefused none) {
                ledger = null;
            }
            // The order's own money; a payment on a link it replaced is given back by payment-service itself.
            if (ledger != null && new BigDecimal(ledger.ownMoney()).signum() > 0) {
                PaymentClient.Refund refund = payments.refund(id, new PaymentClient.RefundRequest("lapsed-" + id,
                        ledger.ownMoney(), "booking lapsed before confirm"));
                if (!"REFUNDED".equals(refund.status())) {
                    LOG.log(Level.SEVERE,
                            "order={0} lapsed after being paid and its refund of {1} {2} was refused ({3}):"
                                    + " refund it by hand",
                            new Object[] {id, ledger.ownMoney(), ledger.currency(), refund.status()});
                    return; // stays unsettled: it is reported again on every sweep until someone settles it
                }
                LOG.log(Level.INFO, "order {0} lapsed after being paid: {1} {2} refunded",
                        new Object[] {id, ledger.ownMoney(), ledger.currency()});
            }
            self.settled(id);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "order={0}: settling its lapse failed ({1}); the next sweep tries again",
                    new Object[] {id, e.toString()});
        }
    }
}
