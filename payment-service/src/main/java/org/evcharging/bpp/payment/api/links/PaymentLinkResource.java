package org.evcharging.bpp.payment.api.links;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.payment.application.links.CreateLinkRequest;
import org.evcharging.bpp.payment.application.links.PaymentLinks;
import org.evcharging.bpp.payment.infrastructure.metrics.PaymentMetrics;

/** Payment links, for the order service (role {@code service}) and the operator. */
@Path("/internal/payments/v1/links")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Payment links (internal)", description = "For the platform's own services")
@SecurityRequirement(name = "jwt")
public class PaymentLinkResource {

    @Inject
    PaymentLinks links;

    @Inject
    PaymentMetrics metrics;

    @Context
    UriInfo uri;

    @POST
    @RolesAllowed({Caller.SERVICE, Caller.OPERATOR})
    @Operation(summary = "A payment link for an order", description = "Idempotent per order: an open unpaid link for the same amount and currency is returned (200); "
            + "one for another amount is cancelled and a new link made (201)")
    @APIResponse(responseCode = "201", description = "A new link")
    @APIResponse(responseCode = "200", description = "The order's open link for this amount")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named in errors[]")
    @APIResponse(responseCode = "409", description = "The order is already paid")
    public Response create(@NotNull @Valid CreateLinkRequest body) {
        PaymentLinks.Made made = links.create(body);
        PaymentLinkView view = PaymentLinkView.of(made.link(), links.checkoutUrl(made.link()), Instant.now());
        metrics.link(made.created() ? "created" : "reused");
        if (!made.created()) {
            return Response.ok(view).build();
        }
        return Response.created(uri.getBaseUriBuilder().path(PaymentLinkResource.class).path(view.paymentId()).build())
                .entity(view).build();
    }

    @GET
    @Path("{paymentId}")
    @RolesAllowed({Caller.SERVICE, Caller.OPERATOR})
    @Operation(summary = "A payment link and its status (EXPIRED once past expiresAt unpaid)")
    @APIResponse(responseCode = "404", description = "No such link")
    public PaymentLinkView get(@PathParam("paymentId") String paymentId) {
        return links.find(paymentId).map(l -> PaymentLinkView.of(l, links.checkoutUrl(l), Instant.now()))
                .orElseThrow(() -> ProblemException.notFound("payment link '" + paymentId + "'"));
    }
}
