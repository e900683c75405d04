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
import org.evcharging.bpp.catalog.application.prices.PriceListSpecs.PriceListSpec;
import org.evcharging.bpp.catalog.application.prices.PriceLists;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.ProblemException;

/**
 * Where quote-service (role {@code service}) publishes a provider's unit prices from its tariff. Internal: the
 * ingress does not route {@code /internal/}; operators read and forget prices through {@link org.evcharging.bpp.catalog.api.PriceListResource}.
 */
@Path("/internal/catalog/v1/providers/{providerId}/unit-prices")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Unit prices (internal)", description = "For the platform's own services")
public class PriceListPublicationResource {

    private static final SafeLog LOG = SafeLog.of(PriceListPublicationResource.class);

    @Inject
    PriceLists prices;

    @PUT
    @RolesAllowed({Caller.SERVICE, Caller.OPERATOR})
    @Operation(summary = "Set a provider's unit prices (quote-service publishes them from its tariff)")
    @APIResponse(responseCode = "204", description = "Kept")
    @APIResponse(responseCode = "400", description = "Invalid fields, each named in errors[]")
    @APIResponse(responseCode = "409", description = "Older than the version kept, which stays")
    public void put(@PathParam("providerId") String providerId, @NotNull @Valid PriceListSpec body) {
        prices.check(body);
        long kept = prices.put(providerId, body);
        if (kept != body.version()) {
            LOG.log(Level.INFO, "unit prices of {0}, version {1}, are older than those kept ({2}); refused",
                    new Object[] {providerId, body.version(), kept});
            throw new ProblemException(409, "a newer version of these prices is kept: " + kept, "version",
                    "older than " + kept);
        }
    }

}
