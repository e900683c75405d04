package org.evcharging.bpp.payment.application.webhooks;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.logging.Level;

import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.core.tasks.AfterCommit;
import org.evcharging.bpp.payment.application.ledger.OwedBackPayments;
import org.evcharging.bpp.payment.domain.LinkStatus;
import org.evcharging.bpp.payment.domain.Money;
import org.evcharging.bpp.payment.domain.Payment;
import org.evcharging.bpp.payment.domain.PaymentLink;
import org.evcharging.bpp.payment.domain.ProcessedEvent;
import org.evcharging.bpp.payment.infrastructure.gateway.WebhookEvent;

/**
 * Acts on an authenticated gateway event, the same for every provider: a capture makes the link paid and writes
 * its one payment into the ledger; a failure marks the link declined. The event id, the link change and the ledger
 * entry commit together, with the link row locked, so a redelivery, a replay or a concurrent duplicate changes
 * nothing. A link is paid once: other money captured on it later is booked and given back in full. An event whose amount or currency differ from the link's is refused: we never book what we did not ask.
 */
@ApplicationScoped
public class WebhookProcessor {

    private static final SafeLog LOG = SafeLog.of(WebhookProcessor.class);

    /** What became of an event, as the webhook answers it ({@code {"status": "processed"}}). */
    public enum Outcome {

        PROCESSED, DUPLICATE, IGNORED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Why the money of a second capture of one link is given back. */
    public static final String SECOND_CAPTURE = "a second capture of a payment link already paid: given back in full";

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    OwedBackPayments owedBack;

    /**
     * @throws ProblemException 404 for an unknown payment, 422 for an amount or currency that is not the link's
     */
    @Transactional
    public Outcome apply(String gateway, WebhookEvent event) {
        if (event.type() == WebhookEvent.Type.OTHER) {
            return Outcome.IGNORED;
        }
        PaymentLink link = event.paymentId() == null ? null
                : em.find(PaymentLink.class, event.paymentId(), LockModeType.PESSIMISTIC_WRITE);
        if (em.find(ProcessedEvent.class, event.eventId()) != null) {
            return Outcome.DUPLICATE;
        }
        if (link == null) {
            LOG.log(Level.WARNING, "event={0} payment={1}: {2} event ({3}) names an unknown payment: refused",
                    new Object[] {event.eventId(), event.paymentId(), gateway, event.type().wire()});
            throw ProblemException.notFound("payment '" + event.paymentId() + "'");
        }
        if (event.amount() == null || event.amount().compareTo(link.amount()) != 0
                || !link.currency().equals(event.currency())) {
            LOG.log(Level.WARNING, "event={0} payment={1} order={2}: {3} event reports {4} {5}, the link asks {6} {7}:"
                    + " refused",
                    new Object[] {event.eventId(), link.id(), link.orderRef(), gateway,
                            event.amount() == null ? "no amount" : Money.format(event.amount()), event.currency(),
                            Money.format(link.amount()), link.currency()});
            throw new ProblemException(422, "the event's amount and currency must be the payment's: "
                    + Money.format(link.amount()) + " " + link.currency());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Outcome outcome = event.type() == WebhookEvent.Type.CAPTURED ? capture(gateway, link, event, now)
                : fail(link, event, now);
        em.persist(new ProcessedEvent(event.eventId(), gateway, event.type().wire(), link.id(),
                outcome.wire(), now));
        em.flush();
        return outcome;
    }

    /** Has this event been acted on? For a delivery that lost the race to insert it. */
    public boolean seen(String eventId) {
        return em.find(ProcessedEvent.class, eventId) != null;
    }

    private Outcome capture(String gateway, PaymentLink link, WebhookEvent event, Instant now) {
        if (link.storedStatus() == LinkStatus.PAID || em.find(Payment.class, link.id()) != null) {
            return captureAgain(gateway, link, event, now);
        }
        LinkStatus before = link.statusAt(now);
        Payment payment = new Payment(link.id(), link.orderRef(), link.amount(), link.currency(), event.gatewayRef(),
                event.eventId(), now);
        if (before == LinkStatus.CANCELLED) {
            // the money moved at the provider, for a link the order had replaced: book it, and give it back in full
            payment.oweBack("its payment link had been replaced by another before it was paid");
            AfterCommit.run(transactions, owedBack::returnSoon);
            LOG.log(Level.WARNING, "payment={0} order={1} event={2}: captured after its link was replaced; booked, and"
                    + " given back in full", new Object[] {link.id(), link.orderRef(), event.eventId()});
        } else if (before == LinkStatus.EXPIRED) {
            // the order's own link, paid late: the order settles it (a lapsed booking is refunded by order-service)
            LOG.log(Level.WARNING, "payment={0} order={1} event={2}: captured after its link expired; booked, the"
                    + " order''s lapse refunds it if it was not confirmed",
                    new Object[] {link.id(), link.orderRef(), event.eventId()});
        }
        link.capture(event.gatewayRef(), now);
        em.persist(payment);
        LOG.info(() -> "payment " + link.id() + " of order " + link.orderRef() + " captured: "
                + Money.format(link.amount()) + " " + link.currency() + ", gateway ref " + event.gatewayRef());
        return Outcome.PROCESSED;
    }

    /**
     * A capture of a link already paid. The same money reported again (the provider's reference is the one booked)
     * changes nothing; other money (a double submit the provider let through, a replayed checkout) is booked as a
     * payment of its own and given back in full, as money paid on a replaced link is.
     */
    private Outcome captureAgain(String gateway, PaymentLink link, WebhookEvent event, Instant now) {
        if (event.gatewayRef() == null || event.gatewayRef().equals(link.gatewayRef())) {
            LOG.log(Level.INFO, "{0} event {1} reports the capture of payment {2} again ({3}); nothing changes",
                    new Object[] {gateway, event.eventId(), link.id(), link.gatewayRef()});
            return Outcome.IGNORED;
        }
        Payment again = new Payment(UUID.randomUUID().toString(), link.orderRef(), link.amount(), link.currency(),
                event.gatewayRef(), event.eventId(), now);
        again.oweBack(SECOND_CAPTURE);
        em.persist(again);
        AfterCommit.run(transactions, owedBack::returnSoon);
        LOG.log(Level.WARNING, "payment={0} order={1} event={2}: {3} captures it a second time ({4}, first {5});"
                + " booked as payment {6} and given back in full",
                new Object[] {link.id(), link.orderRef(), event.eventId(), gateway, event.gatewayRef(),
                        link.gatewayRef(), again.paymentId()});
        return Outcome.PROCESSED;
    }

    private Outcome fail(PaymentLink link, WebhookEvent event, Instant now) {
        LinkStatus s = link.statusAt(now);
        if (s != LinkStatus.NOT_PAID && s != LinkStatus.FAILED) {
            return Outcome.IGNORED;
        }
        link.fail(event.gatewayRef());
        LOG.info(() -> "payment " + link.id() + " of order " + link.orderRef() + " declined, gateway ref "
                + event.gatewayRef());
        return Outcome.PROCESSED;
    }
}
