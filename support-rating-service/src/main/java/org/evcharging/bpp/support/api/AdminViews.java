package org.evcharging.bpp.support.api;

import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.evcharging.bpp.core.rest.Problem;
import org.evcharging.bpp.support.domain.Aggregate;
import org.evcharging.bpp.support.domain.FeedbackForm;
import org.evcharging.bpp.support.domain.FeedbackSubject;
import org.evcharging.bpp.support.domain.Rating;
import org.evcharging.bpp.support.domain.Ticket;
import org.evcharging.bpp.support.application.admin.AdminQueries;

/** The documents of the admin API; times are RFC 3339 UTC strings. */
public final class AdminViews {

    private AdminViews() {
    }

    @Schema(name = "Rating", description = "One BAP's rating of one thing (a repeat replaces it)")
    public record RatingView(
            @Schema(enumeration = {
                    "Order", "Fulfillment", "Item", "Provider", "Support"}) String category,
            @Schema(description = "The id as the BAP gave it") String ratedId,
            @Schema(minimum = "1", maximum = "5") int value,
            String providerId, String itemId, String fulfillmentId, String orderId, String ticketRef,
            String bapId, String transactionId, String messageId,
            @Schema(description = "The comment on the feedback form of the message that gave this value, if any (not"
                    + " shown to a provider when the message also rated another provider)") String comment,
            String createdAt, String updatedAt){

        static RatingView of(Rating r, FeedbackForm form, String onlyProvider) {
            return new RatingView(r.category().beckn(), r.ratedId(), r.value(), r.providerId(), r.itemId(),
                    r.fulfillmentId(),
                    r.orderId(), r.ticketRef(), r.beckn().bapId(), r.beckn().transactionId(), r.beckn().messageId(),
                    form == null ? null : form.commentFor(onlyProvider),
                    String.valueOf(r.createdAt()), String.valueOf(r.updatedAt()));
        }
    }

    @Schema(name = "Aggregate", description = "The mean of the ratings counted (2 decimals) and how many")
    public record AggregateView(String itemId, BigDecimal value, int count) {

        static AggregateView of(String itemId, Aggregate a) {
            return a == null ? new AggregateView(itemId, null, 0) : new AggregateView(itemId, a.value(), a.count());
        }
    }

    @Schema(name = "Aggregates", description = "A provider's aggregate ratings as search uses them")
    public record AggregatesView(
            String providerId,
            @Schema(description = "Order, Provider, Item and Fulfillment ratings of the provider") AggregateView provider,
            @Schema(description = "Item and Fulfillment ratings, per item") List<AggregateView> items,
            @Schema(description = "Aggregates the catalog does not have yet (subjects still to push)") List<String> pendingPushes) {

        static AggregatesView of(AdminQueries.Aggregates a) {
            return new AggregatesView(a.providerId(), AggregateView.of(null, a.provider()),
                    a.items().stream().map(i -> AggregateView.of(i.itemId(), i.aggregate())).toList(),
                    a.pendingPushes());
        }
    }

    @Schema(name = "FeedbackSubject", description = "One rating of the message the feedback is about")
    public record SubjectView(String category, String ratedId, int value, String providerId, String description) {

        static SubjectView of(FeedbackSubject s) {
            return new SubjectView(s.category().beckn(), s.ratedId(), s.value(), s.providerId(), s.description());
        }
    }

    @Schema(name = "Feedback", description = "A comment left on the feedback form of a rating message")
    public record FeedbackView(String bapId, String transactionId, String messageId, List<SubjectView> rated,
            String comment, String createdAt, String submittedAt) {

        static FeedbackView of(FeedbackForm f, String onlyProvider) {
            return new FeedbackView(f.beckn().bapId(), f.beckn().transactionId(), f.beckn().messageId(),
                    f.subjects().stream()
                            .filter(s -> onlyProvider == null || onlyProvider.equals(s.providerId()))
                            .map(SubjectView::of).toList(),
                    f.commentFor(onlyProvider), String.valueOf(f.createdAt()),
                    f.submittedAt() == null ? null : f.submittedAt().toString());
        }
    }

    @Schema(name = "Ticket", description = "A support ticket, with the user's contacts to reach them")
    public record TicketView(
            @Schema(examples = "SUP-7K3MZQ") String ref,
            @Schema(enumeration = {
                    "OPEN", "ANSWERED", "CLOSED"}) String status,
            @Schema(enumeration = {"ORDER", "PROVIDER", "TRANSACTION"}) String subject, String subjectId,
            String orderId, @Schema(description = "Null: about no provider; the operator answers it") String providerId,
            String bapId, String transactionId,
            String phone, String email, String callbackPhone,
            @Schema(description = "How many support requests came for it") int requests,
            String answer, String answeredBy, String createdAt, String updatedAt, String answeredAt, String closedAt){

        static TicketView of(Ticket t) {
            return new TicketView(t.ref(), t.status().name(), t.subjectKind().name(), t.subjectId(), t.orderId(),
                    t.providerId(),
                    t.beckn().bapId(), t.beckn().transactionId(), t.phone(), t.email(), t.callbackPhone(), t.requests(),
                    t.answer(), t.answeredBy(),
                    String.valueOf(t.createdAt()), String.valueOf(t.updatedAt()),
                    t.answeredAt() == null ? null : t.answeredAt().toString(),
                    t.closedAt() == null ? null : t.closedAt().toString());
        }
    }

    /** The problem document, for the OpenAPI contract. */
    @Schema(name = "Problem", description = "RFC 9457 problem details")
    public record ProblemDoc(String type, String title, int status, String detail, List<Problem.FieldError> errors) {
    }
}
