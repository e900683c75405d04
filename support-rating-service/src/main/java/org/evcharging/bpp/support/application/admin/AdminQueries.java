package org.evcharging.bpp.support.application.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.support.domain.Aggregate;
import org.evcharging.bpp.support.domain.AggregateKey;
import org.evcharging.bpp.support.application.ratings.AggregatePusher;
import org.evcharging.bpp.support.domain.FeedbackForm;
import org.evcharging.bpp.support.domain.Rating;
import org.evcharging.bpp.support.domain.RatingCategory;
import org.evcharging.bpp.support.domain.Ticket;
import org.evcharging.bpp.support.domain.TicketStatus;
import org.evcharging.bpp.support.application.support.Tickets;

/**
 * The admin API's reads and ticket changes, one transaction each; {@code providerId} null means every provider. What
 * they return is read in full before the transaction ends (a feedback form's subjects are fetched with it).
 */
@ApplicationScoped
public class AdminQueries {

    private static final SafeLog LOG = SafeLog.of(AdminQueries.class);

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    AggregatePusher aggregates;

    @Inject
    Tickets tickets;

    /** A rating and the feedback form of the message that gave its value (null when it has none). */
    public record RatingWithFeedback(Rating rating, FeedbackForm feedback) {
    }

    /** A provider's aggregate, each item's, and the subjects the catalog does not have yet. */
    public record Aggregates(String providerId, Aggregate provider, List<ItemAggregate> items,
            List<String> pendingPushes) {
    }

    /** One item's aggregate. */
    public record ItemAggregate(String itemId, Aggregate aggregate) {
    }

    @Transactional
    public List<RatingWithFeedback> ratings(String providerId, RatingCategory category, int offset, int limit) {
        StringBuilder q = new StringBuilder("SELECT r FROM Rating r WHERE 1 = 1");
        if (providerId != null) {
            q.append(" AND r.providerId = :provider");
        }
        if (category != null) {
            q.append(" AND r.category = :category");
        }
        q.append(" ORDER BY r.updatedAt DESC, r.id DESC");
        TypedQuery<Rating> query = em.createQuery(q.toString(), Rating.class);
        if (providerId != null) {
            query.setParameter("provider", providerId);
        }
        if (category != null) {
            query.setParameter("category", category);
        }
        List<RatingWithFeedback> out = new ArrayList<>();
        for (Rating r : query.setFirstResult(offset).setMaxResults(limit).getResultList()) {
            FeedbackForm f = r.feedbackToken() == null ? null : em.find(FeedbackForm.class, r.feedbackToken());
            out.add(new RatingWithFeedback(r, f));
        }
        return out;
    }

    @Transactional
    public Aggregates aggregates(String providerId) {
        if (providerId == null) {
            throw new ProblemException(400, "name a provider", "providerId", "required");
        }
        Aggregate provider = aggregates.aggregate(AggregateKey.provider(providerId));
        List<ItemAggregate> items = new ArrayList<>();
        for (Object[] row : em.createNamedQuery("Rating.itemSums", Object[].class).setParameter("provider", providerId)
                .setParameter("categories", RatingCategory.forItem()).getResultList()) {
            items.add(new ItemAggregate((String) row[0],
                    Aggregate.of(((Number) row[1]).longValue(), ((Number) row[2]).longValue())));
        }
        List<String> pending = em
                .createQuery("SELECT p.subject FROM AggregatePush p WHERE p.providerId = :p ORDER BY p.subject",
                        String.class)
                .setParameter("p", providerId).getResultList();
        return new Aggregates(providerId, provider, items, pending);
    }

    @Transactional
    public List<FeedbackForm> feedback(String providerId, int offset, int limit) {
        TypedQuery<FeedbackForm> q = providerId == null
                ? em.createNamedQuery("FeedbackForm.submitted", FeedbackForm.class)
                : em.createNamedQuery("FeedbackForm.submittedFor", FeedbackForm.class).setParameter("provider",
                        providerId);
        return q.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    @Transactional
    public List<Ticket> tickets(String providerId, TicketStatus status, int offset, int limit) {
        StringBuilder q = new StringBuilder("SELECT t FROM Ticket t WHERE 1 = 1");
        if (providerId != null) {
            q.append(" AND t.providerId = :provider");
        }
        if (status != null) {
            q.append(" AND t.status = :status");
        }
        q.append(" ORDER BY t.createdAt DESC, t.ref");
        TypedQuery<Ticket> query = em.createQuery(q.toString(), Ticket.class);
        if (providerId != null) {
            query.setParameter("provider", providerId);
        }
        if (status != null) {
            query.setParameter("status", status);
        }
        return query.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    @Transactional
    public Ticket ticket(String ref, Caller caller) {
        return visible(ref, caller, false);
    }

    @Transactional
    public Ticket answer(String ref, String answer, Caller caller) {
        Ticket t = visible(ref, caller, true);
        if (t.status() == TicketStatus.CLOSED) {
            throw new ProblemException(409, "ticket " + t.ref() + " is closed");
        }
        t.answer(answer.strip(), caller.subject(), Instant.now());
        LOG.log(Level.INFO, "ticket {0} txn={1} answered by {2}",
                new Object[] {t.ref(), t.beckn().transactionId(), caller.subject()});
        return t;
    }

    @Transactional
    public Ticket close(String ref, Caller caller) {
        Ticket t = visible(ref, caller, true);
        t.close(Instant.now());
        LOG.log(Level.INFO, "ticket {0} txn={1} closed by {2}",
                new Object[] {t.ref(), t.beckn().transactionId(), caller.subject()});
        return t;
    }

    /**
     * The ticket if this caller may see it: an operator any, a partner its provider's; otherwise not found. To change
     * it, it is locked and read as committed now (not the transaction's snapshot).
     */
    private Ticket visible(String ref, Caller caller, boolean toChange) {
        Ticket t = ref == null ? null : toChange ? tickets.lock(ref) : tickets.find(ref);
        boolean visible = t != null && (caller.isOperator()
                || caller.roles().contains(Caller.PARTNER) && caller.providerId() != null
                        && caller.providerId().equals(t.providerId()));
        if (!visible) {
            throw ProblemException.notFound("ticket '" + ref + "'");
        }
        return t;
    }
}
