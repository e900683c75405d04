package org.evcharging.bpp.payment.infrastructure.gateway.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.tasks.Sweep;
import org.evcharging.bpp.payment.domain.PaymentLink;

/**
 * The sandbox provider's webhook retries: a capture it took whose report never got booked (the webhook failed, and
 * giving the capture up failed too, because the service's database went down in between) is reported again every
 * {@code payment.sandbox.redelivery-seconds} (15) with its own event id, as Stripe and Razorpay retry theirs, until
 * the ledger books it. Without this, money taken at that moment would sit at the "gateway" and never reach the
 * ledger (found by the fault run, issue 21).
 */
@ApplicationScoped
public class SandboxRedelivery implements Sweep {

    private static final SafeLog LOG = SafeLog.of(SandboxRedelivery.class);
    /** A capture younger than this may still be on its first delivery. */
    private static final Duration SETTLE = Duration.ofSeconds(20);

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    SandboxCheckout checkout;

    @Inject
    @ConfigProperty(name = "payment.sandbox.redelivery-seconds", defaultValue = "15")
    long everySeconds;

    /** Captures neither booked as a payment nor given up, taken more than {@link #SETTLE} ago. */
    @Transactional
    public List<SandboxCapture> unreported() {
        return em.createQuery("SELECT c FROM SandboxCapture c WHERE c.takenAt < :before"
                + " AND NOT EXISTS (SELECT p FROM Payment p WHERE p.paymentId = c.paymentId)"
                + " AND NOT EXISTS (SELECT e FROM ProcessedEvent e WHERE e.eventId = c.eventId)", SandboxCapture.class)
                .setParameter("before", Instant.now().minus(SETTLE)).setMaxResults(50).getResultList();
    }

    @Transactional
    public PaymentLink link(String paymentId) {
        return em.find(PaymentLink.class, paymentId);
    }

    @Override
    public String name() {
        return "sandbox webhook redelivery";
    }

    @Override
    public Duration every() {
        return Duration.ofSeconds(everySeconds);
    }

    @Override
    public void sweep() {
        SandboxRedelivery self = CDI.current().select(SandboxRedelivery.class).get();
        List<SandboxCapture> due;
        try {
            due = self.unreported();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "sandbox captures to report again not read: {0}", e.toString());
            return;
        }
        for (SandboxCapture c : due) {
            PaymentLink link = null;
            try {
                link = self.link(c.paymentId());
                if (link == null) {
                    continue;
                }
                int status = checkout.redeliver(link, c.eventId());
                LOG.log(status / 100 == 2 ? Level.INFO : Level.WARNING,
                        "payment={0} order={1} event={2}: sandbox capture reported again: HTTP {3}",
                        new Object[] {c.paymentId(), link.orderRef(), c.eventId(), String.valueOf(status)});
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "payment={0} order={1} event={2}: sandbox capture not reported again yet: {3}",
                        new Object[] {c.paymentId(), link == null ? "?" : link.orderRef(), c.eventId(), e.toString()});
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
