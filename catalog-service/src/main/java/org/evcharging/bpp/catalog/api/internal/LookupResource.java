package org.evcharging.bpp.catalog.api.internal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.catalog.application.lookup.IdLookup;
import org.evcharging.bpp.catalog.application.lookup.IdLookup.Named;
import org.evcharging.bpp.catalog.application.onboarding.Providers;
import org.evcharging.bpp.catalog.application.onboarding.Specs.ProviderSpec;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.ProblemException;

/**
 * For the support-rating service: a provider with its support contacts, whatever its status (an order of a retired
 * provider still gets help), and what a bare id names in the catalog ({@link IdLookup}).
 */
@Path("/internal/catalog/v1/lookup")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Lookup (internal)", description = "For the platform's own services")
@SecurityRequirement(name = "jwt")
public class LookupResource {

    @Inject
    Providers providers;

    @Inject
    IdLookup ids;

    @GET
    @Path("providers/{id}")
    @RolesAllowed({Caller.SERVICE, Caller.OPERATOR})
    @Operation(summary = "A provider as onboarded, whatever its status, with its support contacts")
    @APIResponse(responseCode = "404", description = "No such provider")
    public ProviderSpec provider(@PathParam("id") String id) {
        return providers.provider(id).orElseThrow(() -> ProblemException.notFound("provider '" + id + "'"));
    }

    @GET
    @Path("ids/{id}")
    @RolesAllowed({Caller.SERVICE, Caller.OPERATOR})
    @Operation(summary = "Every active provider, item and fulfillment with this id (empty when none)")
    public List<Named> named(@PathParam("id") String id) {
        return ids.named(id);
    }
}
