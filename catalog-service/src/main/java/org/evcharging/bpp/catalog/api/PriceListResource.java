package org.evcharging.bpp.catalog.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.catalog.application.prices.PriceListSpecs.PriceListSpec;
import org.evcharging.bpp.catalog.application.prices.PriceLists;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.ProblemException;

/**
 * A provider's unit prices as an operator sees them at the edge: what search shows per connector and swap station
 * ({@link PriceLists}), and a way to forget them. quote-service publishes them from the provider's tariff through
 * the internal {@link org.evcharging.bpp.catalog.api.internal.PriceListPublicationResource}.
 */
@Path("/catalog/v1/providers/{providerId}/unit-prices")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Unit prices", description = "What search shows per connector and swap station")
public class PriceListResource {

    @Inject
    PriceLists prices;

    @DELETE
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Forget a provider's unit prices: search shows the items' list prices until its tariff changes "
            + "again (a version kept by mistake, far ahead, is undone so)")
    @APIResponse(responseCode = "204", description = "Forgotten (or there were none)")
    public void delete(@PathParam("providerId") String providerId) {
        prices.delete(providerId);
    }

    @GET
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "A provider's unit prices as last published")
    @APIResponse(responseCode = "404", description = "None published: search shows the items' list prices")
    public PriceListSpec get(@PathParam("providerId") String providerId) {
        return prices.get(providerId)
                .orElseThrow(() -> ProblemException.notFound("unit prices of '" + providerId + "'"));
    }
}
