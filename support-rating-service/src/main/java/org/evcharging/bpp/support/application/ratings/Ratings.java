package org.evcharging.bpp.support.application.ratings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;

import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.core.persistence.BecknReferences;
import org.evcharging.bpp.support.domain.AggregateKey;
import org.evcharging.bpp.support.application.feedback.Feedback;
import org.evcharging.bpp.support.domain.FeedbackForm;
import org.evcharging.bpp.support.domain.FeedbackSubject;
import org.evcharging.bpp.support.domain.RatedThing;
import org.evcharging.bpp.support.domain.Rating;
import org.evcharging.bpp.support.domain.RatingCategory;

/**
 * A rating message stored, all or nothing, in one transaction with its {@code on_rating}: each rating is given or
 * replaces the BAP's earlier rating of the same id in the same category; the aggregates they move (before and after
 * a replacement) are marked for the catalog; and a feedback form is made for the message.
 */
@ApplicationScoped
public class Ratings {

    private static final SafeLog LOG = SafeLog.of(Ratings.class);

    /** One checked rating: what the BAP said and what the id stands for. */
    public record Given(RatingCategory category, String id, int value, RatedThing thing) {
    }

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    AggregatePusher aggregates;

    @Inject
    Feedback feedback;

    /** Stores the ratings; the message's feedback form. */
    @Transactional
    public FeedbackForm rate(InboundRequest request, List<Given> given) {
        Instant now = Instant.now();
        List<FeedbackSubject> subjects = new ArrayList<>(given.size());
        for (Given g : given) {
            subjects.add(new FeedbackSubject(g.category(), g.id(), g.value(), g.thing().providerId(),
                    g.thing().describe(g.category(), g.id())));
        }
        BecknReferences message = BecknReferences.of(request.bapId(), request.transactionId(), request.messageId());
        FeedbackForm form = feedback.create(message, subjects);
        Set<AggregateKey> moved = new LinkedHashSet<>();
        int replaced = 0;
        for (Given g : given) {
            List<Rating> existing = em.createNamedQuery("Rating.bySubject", Rating.class)
                    .setParameter("bap", request.bapId())
                    .setParameter("category", g.category()).setParameter("id", g.id()).setMaxResults(1).getResultList();
            Rating r;
            if (existing.isEmpty()) {
                r = new Rating(message, g.category(), g.id(), now);
                em.persist(r);
            } else {
                r = existing.get(0);
                moved.addAll(r.aggregates()); // what it counted for before, in case the id now stands for something else
                replaced++;
            }
            r.rate(g.value(), g.thing(), request.transactionId(), request.messageId(), form.token(), now);
            moved.addAll(r.aggregates());
        }
        em.flush();
        aggregates.mark(moved);
        LOG.log(Level.INFO,
                "rating txn={0} msg={1}: {2} rating(s) stored ({3} replacing earlier ones); aggregates to push: {4}",
                new Object[] {request.transactionId(), request.messageId(), given.size(), replaced,
                        moved.stream().map(AggregateKey::subject).toList()});
        return form;
    }
}
