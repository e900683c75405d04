package org.evcharging.bpp.order.infrastructure.catalog;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.evcharging.bpp.core.rest.ServiceTokens;
import org.evcharging.bpp.core.rest.PeerErrors;

/** catalog-service's internal offer lookup, for where the booked charger stands ({@code catalog/mp-rest/url}). */
@RegisterRestClient(configKey = "catalog")
@ClientHeaderParam(name = "Authorization", value = "{bearer}")
@RegisterProvider(PeerErrors.class)
@Path("/internal/catalog/v1/offers")
@Produces(MediaType.APPLICATION_JSON)
public interface CatalogClient {

    @GET
    @Path("{providerId}/{itemId}")
    Offer offer(@PathParam("providerId") String providerId, @PathParam("itemId") String itemId,
            @QueryParam("fulfillment") String fulfillmentId);

    /** The part of the catalog's offer a booking needs: where the charger or swap station is. */
    record Offer(Fulfillment fulfillment) {
    }

    record Fulfillment(String id, String type, String locationId, String gps, String chargerType, String connectorType,
            Double powerKw) {
    }

    /** This service's token for catalog (see {@link ServiceTokens}). */
    default String bearer() {
        return ServiceTokens.bearer("catalog");
    }
}
