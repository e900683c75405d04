package org.evcharging.bpp.support.beckn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.evcharging.bpp.core.inbound.BecknActionHandler;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.support.application.feedback.Feedback;
import org.evcharging.bpp.support.domain.FeedbackForm;
import org.evcharging.bpp.support.application.ratings.RatingTargets;
import org.evcharging.bpp.support.application.ratings.Ratings;

/**
 * Beckn {@code rating}: one or more ratings ({@code message.ratings[]}), checked before the ACK ({@link RatingRequest}:
 * 30000, 30015, 50003 as NACKs), then each rated id resolved ({@link RatingTargets}: 30014 in {@code on_rating})
 * and all stored together ({@link Ratings}). {@code on_rating} links the message's feedback form.
 */
@ApplicationScoped
public class RatingHandler implements BecknActionHandler {

    @Inject
    RatingTargets targets;

    @Inject
    Ratings ratings;

    @Inject
    Feedback feedback;

    @Override
    public String action() {
        return "rating";
    }

    @Override
    public void check(InboundRequest request) {
        RatingRequest.from(request.message());
    }

    @Override
    public ObjectNode handle(InboundRequest request) {
        RatingRequest r = RatingRequest.from(request.message());
        List<Ratings.Given> given = new ArrayList<>(r.ratings().size());
        for (RatingRequest.Entry e : r.ratings()) {
            given.add(new Ratings.Given(e.category(), e.id(), e.value(),
                    targets.resolve(e.category(), e.id(), e.path(), request)));
        }
        FeedbackForm form = ratings.rate(request, given);
        return SupportMessages.onRating(feedback.url(form.token()));
    }
}
