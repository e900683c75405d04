package org.evcharging.bpp.support.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.Objects;

/** One rating of the message a feedback form belongs to, as it was given: what the page shows and whom it concerns. */
@Embeddable
public class FeedbackSubject {

    @Enumerated(EnumType.STRING)
    @Column(length = 20, nullable = false)
    private RatingCategory category;

    @Column(name = "rated_id", length = 100, nullable = false)
    private String ratedId;

    @Column(name = "rating_value", nullable = false)
    private int score;

    @Column(name = "provider_id", length = 100)
    private String providerId;

    @Column(length = 300)
    private String description;

    protected FeedbackSubject() {
    }

    public FeedbackSubject(RatingCategory category, String ratedId, int value, String providerId, String description) {
        this.category = Objects.requireNonNull(category, "category");
        this.ratedId = Objects.requireNonNull(ratedId, "ratedId");
        this.score = value;
        this.providerId = providerId;
        this.description = description == null ? null
                : description.length() > 300 ? description.substring(0, 300) : description;
    }

    public RatingCategory category() {
        return category;
    }

    public String ratedId() {
        return ratedId;
    }

    public int value() {
        return score;
    }

    public String providerId() {
        return providerId;
    }

    public String description() {
        return description;
    }
}
