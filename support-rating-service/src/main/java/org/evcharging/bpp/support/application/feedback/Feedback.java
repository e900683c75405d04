package org.evcharging.bpp.support.application.feedback;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.persistence.BecknReferences;
import org.evcharging.bpp.core.rest.PageTokens;
import org.evcharging.bpp.support.domain.FeedbackForm;
import org.evcharging.bpp.support.domain.FeedbackSubject;

/** Feedback forms: made with each rating message, shown and filled in by people, listed for providers. */
@ApplicationScoped
public class Feedback {

    private static final SafeLog LOG = SafeLog.of(Feedback.class);

    /** Where the forms are served, for people ({@code api/FeedbackResource}). */
    public static final String PATH = "/support-rating/v1/feedback";

    /** What the form shows, at one instant. */
    public record View(String token, List<Line> rated, String comment, Instant submittedAt, boolean open) {
    }

    /** One rated thing: how it is described and its value (1 to 5). */
    public record Line(String description, int value) {
    }

    private final PageTokens tokens = PageTokens.secure();

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "support.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    @Inject
    @ConfigProperty(name = "support.feedback.valid-days", defaultValue = "30")
    int validDays;

    /** Where the form of a token is, for people: {@code <support.public-url>/support-rating/v1/feedback/<token>}. */
    public String url(String token) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + PATH + "/" + token;
    }

    /** In the rating's transaction: a new form for the message's ratings. */
    @Transactional(Transactional.TxType.MANDATORY)
    public FeedbackForm create(BecknReferences message, List<FeedbackSubject> subjects) {
        FeedbackForm f = new FeedbackForm(tokens.next(), message, subjects, Instant.now(), Duration.ofDays(validDays));
        em.persist(f);
        return f;
    }

    @Transactional
    public View view(String token) {
        FeedbackForm f = PageTokens.wellFormed(token) ? em.find(FeedbackForm.class, token) : null;
        return f == null ? null : viewOf(f, Instant.now());
    }

    /** Stores the comment; the form as it is now, or null when there is no such form. */
    @Transactional
    public View comment(String token, String cleanComment) {
        FeedbackForm f = PageTokens.wellFormed(token) ? em.find(FeedbackForm.class, token) : null;
        if (f == null) {
            return null;
        }
        Instant now = Instant.now();
        if (f.openAt(now)) {
            f.comment(cleanComment, now);
            LOG.log(Level.INFO, "feedback of rating txn={0} msg={1}: comment stored ({2} characters)",
                    new Object[] {f.beckn().transactionId(), f.beckn().messageId(), cleanComment.length()});
        }
        return viewOf(f, now);
    }

    static View viewOf(FeedbackForm f, Instant now) {
        return new View(f.token(), f.subjects().stream()
                .map(s -> new Line(s.description() != null ? s.description() : s.category().beckn() + " " + s.ratedId(),
                        s.value()))
                .toList(), f.comment(), f.submittedAt(), f.openAt(now));
    }
}
