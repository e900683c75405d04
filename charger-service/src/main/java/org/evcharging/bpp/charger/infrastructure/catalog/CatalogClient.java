package org.evcharging.bpp.charger.infrastructure.catalog;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.evcharging.bpp.core.rest.PeerErrors;
import org.evcharging.bpp.core.rest.ServiceTokens;

/**
 * catalog-service ({@code catalog/mp-rest/url}, env {@code CATALOG_MP_REST_URL}): the live availability of connectors
 * that search shows (role {@code charger-service}).
 */
@RegisterRestClient(configKey = "catalog")
@ClientHeaderParam(name = "Authorization", value = "{bearer}")
@RegisterProvider(PeerErrors.class)
@Path("/internal/catalog/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface CatalogClient {

    @PUT
    @Path("providers/{id}/connectors/{ref}/availability")
    @Consumes(MediaType.APPLICATION_JSON)
    void connectorAvailability(@PathParam("id") String providerId, @PathParam("ref") String connector,
            AvailabilityReport report);

    /** AVAILABLE, OCCUPIED or OUT_OF_SERVICE as of {@code asOf} (epoch ms): the catalog keeps the latest. */
    record AvailabilityReport(String availability, long asOf) {
    }

    default String bearer() {
        return ServiceTokens.bearer("catalog");
    }
}
