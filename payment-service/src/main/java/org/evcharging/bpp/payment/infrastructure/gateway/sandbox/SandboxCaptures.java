package org.evcharging.bpp.payment.infrastructure.gateway.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import org.evcharging.bpp.payment.domain.ProcessedEvent;

/**
 * Takes and gives up the one capture of a link ({@link SandboxCapture}), each in a transaction of its own, committed
 * before the capture is reported: of concurrent presses of Pay, the database's primary key lets one through.
 */
@ApplicationScoped
public class SandboxCaptures {

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    /**
     * Takes the capture of {@code capture}'s link.
     *
     * @return true when this call took it; false when the link was captured (or is being captured) already
     * @throws RuntimeException (a persistence or transaction exception) when a concurrent call took it first
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean take(SandboxCapture capture) {
        if (em.find(SandboxCapture.class, capture.paymentId()) != null) {
            return false;
        }
        em.persist(capture);
        em.flush();
        return true;
    }

    /**
     * Gives the capture of a link up again: its report did not get through. Not when the webhook acted on the event
     * all the same (only its answer was lost): the capture is booked, and the link paid.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void giveUp(String paymentId, String eventId) {
        if (em.find(ProcessedEvent.class, eventId) != null) {
            return;
        }
        SandboxCapture taken = em.find(SandboxCapture.class, paymentId);
        if (taken != null && taken.eventId().equals(eventId)) {
            em.remove(taken);
        }
    }
}
