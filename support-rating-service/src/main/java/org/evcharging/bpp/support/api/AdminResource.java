package org.evcharging.bpp.support.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.Problem;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.support.api.AdminViews.AggregatesView;
import org.evcharging.bpp.support.api.AdminViews.FeedbackView;
import org.evcharging.bpp.support.api.AdminViews.RatingView;
import org.evcharging.bpp.support.api.AdminViews.TicketView;
import org.evcharging.bpp.support.application.admin.AdminQueries;
import org.evcharging.bpp.support.domain.RatingCategory;
import org.evcharging.bpp.support.domain.TicketStatus;

/**
 * The admin API, version 1: a provider's ratings, the aggregates search uses, the comments left on feedback forms,
 * and its support tickets, which it answers here. A {@code partner} token sees only the provider in its
 * {@code provider_id} claim; an {@code operator} sees everything, including tickets that concern no provider.
 */
@Path("/support-rating/v1/admin")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin", description = "Ratings, feedback and support tickets, for providers and the operator")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", description = "A parameter or field is invalid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = AdminViews.ProblemDoc.class)))
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "The token's role or provider does not allow this", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = AdminViews.ProblemDoc.class)))
public class AdminResource {

    @Inject
    JsonWebToken jwt;

    @Inject
    AdminQueries queries;

    /** The body of an answer to a ticket. */
    @Schema(name = "TicketAnswer")
    public record AnswerRequest(
            @Schema(examples = "The charger at MG Road was reset; please try again. We refunded the reservation fee.") @NotBlank @Size(max = 4000) String answer) {
    }

    @GET
    @Path("ratings")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Ratings, newest first", description = "A partner sees its own provider's; an operator all, or one provider's")
    @APIResponse(responseCode = "200", description = "The ratings", content = @Content(schema = @Schema(implementation = RatingView.class, type = SchemaType.ARRAY)))
    public List<RatingView> ratings(@QueryParam("providerId") String providerId,
            @QueryParam("category") String category,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        RatingCategory c = category == null || category.isBlank() ? null
                : RatingCategory.parse(category)
                        .orElseThrow(() -> new ProblemException(400, "unknown category '" + category + "'", "category",
                                "Order, Fulfillment, Item, Provider or Support"));
        String scope = scope(providerId);
        return queries.ratings(scope, c, offset, limit).stream()
                .map(r -> RatingView.of(r.rating(), r.feedback(), scope)).toList();
    }

    @GET
    @Path("providers/{providerId}/aggregates")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "A provider's aggregate ratings (the provider's and each item's) and whether the catalog has them yet")
    @APIResponse(responseCode = "200", description = "The aggregates", content = @Content(schema = @Schema(implementation = AggregatesView.class)))
    public AggregatesView aggregates(@PathParam("providerId") String providerId) {
        return AggregatesView.of(queries.aggregates(scope(providerId)));
    }

    @GET
    @Path("feedback")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Comments left on feedback forms, newest first, with what was rated")
    @APIResponse(responseCode = "200", description = "The comments", content = @Content(schema = @Schema(implementation = FeedbackView.class, type = SchemaType.ARRAY)))
    public List<FeedbackView> feedback(@QueryParam("providerId") String providerId,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        String scope = scope(providerId);
        return queries.feedback(scope, offset, limit).stream().map(f -> FeedbackView.of(f, scope)).toList();
    }

    @GET
    @Path("tickets")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Support tickets, newest first", description = "With the user's phone, email and callback phone, to reach them. An operator's list includes"
            + " tickets that concern no provider (answered by the platform)")
    @APIResponse(responseCode = "200", description = "The tickets", content = @Content(schema = @Schema(implementation = TicketView.class, type = SchemaType.ARRAY)))
    public List<TicketView> tickets(@QueryParam("providerId") String providerId, @QueryParam("status") String status,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        TicketStatus s = status == null || status.isBlank() ? null : parseStatus(status);
        return queries.tickets(scope(providerId), s, offset, limit).stream().map(TicketView::of).toList();
    }

    @GET
    @Path("tickets/{ref}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "One support ticket")
    @APIResponse(responseCode = "404", description = "No such ticket (or not yours)")
    @APIResponse(responseCode = "200", description = "The ticket", content = @Content(schema = @Schema(implementation = TicketView.class)))
    public TicketView ticket(@PathParam("ref") String ref) {
        return TicketView.of(queries.ticket(ref, caller()));
    }

    @POST
    @Path("tickets/{ref}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Answer a ticket: it becomes ANSWERED with the answer (a later answer replaces it)")
    @APIResponse(responseCode = "404", description = "No such ticket (or not yours)")
    @APIResponse(responseCode = "409", description = "The ticket is closed")
    @APIResponse(responseCode = "200", description = "The ticket, answered", content = @Content(schema = @Schema(implementation = TicketView.class)))
    public TicketView answer(@PathParam("ref") String ref, @NotNull @Valid AnswerRequest body) {
        return TicketView.of(queries.answer(ref, body.answer(), caller()));
    }

    @POST
    @Path("tickets/{ref}/close")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Close a ticket (done with; takes no more answers)")
    @APIResponse(responseCode = "404", description = "No such ticket (or not yours)")
    @APIResponse(responseCode = "200", description = "The ticket, closed", content = @Content(schema = @Schema(implementation = TicketView.class)))
    public TicketView close(@PathParam("ref") String ref) {
        return TicketView.of(queries.close(ref, caller()));
    }

    /**
     * The provider a call may see: a partner its own (asking for another is 403); an operator the one asked for, or
     * all (null).
     */
    private String scope(String providerId) {
        Caller c = caller();
        String asked = providerId == null || providerId.isBlank() ? null : providerId.trim();
        if (c.isOperator()) {
            return asked;
        }
        if (c.providerId() == null) {
            throw ProblemException.forbidden("your partner token names no provider (claim provider_id)");
        }
        if (asked != null) {
            c.mayManage(asked);
        }
        return c.providerId();
    }

    private Caller caller() {
        return Caller.of(jwt);
    }

    private static TicketStatus parseStatus(String s) {
        try {
            return TicketStatus.valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(400, "unknown status '" + s + "'", "status", "OPEN, ANSWERED or CLOSED");
        }
    }
}
