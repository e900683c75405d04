package org.evcharging.bpp.catalog.api.internal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.logging.Level;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.catalog.application.onboarding.Specs.RatingAggregate;
import org.evcharging.bpp.catalog.application.onboarding.Items;
import org.evcharging.bpp.catalog.application.onboarding.Providers;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.rest.Caller;

/**
 * Where the support-rating service (role {@code rating-service}) sets the aggregate ratings search shows. Internal:
 * the ingress does not route {@code /internal/}, and partners cannot rate themselves.
 */
@Path("/internal/catalog/v1/providers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Ratings (internal)", description = "For the platform's own services")
public class RatingResource {

    private static final SafeLog LOG = SafeLog.of(RatingResource.class);

    @Inject
    Providers providers;

    @Inject
    Items items;

    @PUT
    @Path("{id}/rating")
    @RolesAllowed({Caller.OPERATOR, Caller.RATING_SERVICE})
    @Operation(summary = "Set a provider's aggregate rating", description = "For the support-rating service; partners cannot rate themselves")
    @APIResponse(responseCode = "204", description = "Set")
    public void rateProvider(@PathParam("id") String id, @NotNull @Valid RatingAggregate body) {
        providers.require(id);
        if (!providers.rate(id, body.value(), body.count(), body.asOf())) {
            LOG.log(Level.INFO, "aggregate rating of provider {0} as of {1} is older than the one set; left out",
                    new Object[] {id, body.asOf()});
        }
    }

    @PUT
    @Path("{id}/items/{ref}/rating")
    @RolesAllowed({Caller.OPERATOR, Caller.RATING_SERVICE})
    @Operation(summary = "Set an item's aggregate rating")
    @APIResponse(responseCode = "204", description = "Set")
    public void rateItem(@PathParam("id") String id, @PathParam("ref") String ref,
            @NotNull @Valid RatingAggregate body) {
        if (!items.rate(id, ref, body.value(), body.count(), body.asOf())) {
            LOG.log(Level.INFO, "aggregate rating of item {0}/{1} as of {2} is older than the one set; left out",
                    new Object[] {id, ref, body.asOf()});
        }
    }

}
