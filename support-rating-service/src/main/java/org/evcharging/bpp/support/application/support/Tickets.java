package org.evcharging.bpp.support.application.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.evcharging.bpp.core.persistence.BecknReferences;
import org.evcharging.bpp.support.domain.Ticket;
import org.evcharging.bpp.support.domain.TicketRefs;
import org.evcharging.bpp.support.domain.TicketStatus;

/** Support tickets: opened (or added to) by {@code support}, rated by {@code rating}, answered through the admin API. */
@ApplicationScoped
public class Tickets {

    private final TicketRefs refs = TicketRefs.secure();

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    /** The BAP's ticket with this reference, or null (another BAP's tickets are not found). */
    @Transactional
    public Ticket ofBap(String ref, String bapId) {
        Ticket t = em.find(Ticket.class, TicketRefs.normalize(ref));
        return t != null && t.beckn().bapId().equals(bapId) ? t : null;
    }

    @Transactional
    public Ticket find(String ref) {
        return em.find(Ticket.class, TicketRefs.normalize(ref));
    }

    /** The ticket as committed now, locked for the caller's transaction (an answer and a close never cross). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket lock(String ref) {
        Ticket t = find(ref);
        if (t != null) {
            em.refresh(t, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        }
        return t;
    }

    /**
     * The BAP's open ticket about this subject, with the user's contacts added; a new one when there is none (a
     * subject whose ticket was answered or closed gets a new ticket: it is a new request).
     */
    @Transactional
    public Ticket open(BecknReferences message, Ticket.Subject kind, String subjectId, String orderId,
            String providerId,
            String phone, String email, String callbackPhone) {
        Instant now = Instant.now();
        List<Ticket> open = em.createNamedQuery("Ticket.open", Ticket.class).setParameter("bap", message.bapId())
                .setParameter("kind", kind).setParameter("id", subjectId).setParameter("open", TicketStatus.OPEN)
                .setMaxResults(1).getResultList();
        Ticket t = open.isEmpty() ? null : open.get(0);
        if (t != null) {
            em.refresh(t, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE); // closed meanwhile? then a new ticket
        }
        if (t == null || t.status() != TicketStatus.OPEN) {
            t = new Ticket(freshRef(), message, kind, subjectId, orderId, providerId, now);
            em.persist(t);
        }
        t.requested(message.messageId(), phone, email, callbackPhone, now);
        return t;
    }

    private String freshRef() {
        for (int attempt = 0; attempt < 10; attempt++) {
            String ref = refs.next();
            if (em.find(Ticket.class, ref) == null) {
                return ref;
            }
        }
        throw new IllegalStateException("no free ticket reference after 10 tries");
    }
}
