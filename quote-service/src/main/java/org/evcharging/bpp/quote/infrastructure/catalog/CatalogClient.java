package org.evcharging.bpp.quote.infrastructure.catalog;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.evcharging.bpp.core.rest.ServiceTokens;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** catalog-service's internal offer lookup ({@code catalog/mp-rest/url}, env {@code CATALOG_MP_REST_URL}). */
@RegisterRestClient(configKey = "catalog")
@ClientHeaderParam(name = "Authorization", value = "{bearer}")
@RegisterProvider(CatalogErrors.class)
@Path("/internal/catalog/v1/offers")
@Produces(MediaType.APPLICATION_JSON)
public interface CatalogClient {

    @GET
    @Path("{providerId}/{itemId}")
    CatalogOffer offer(@PathParam("providerId") String providerId, @PathParam("itemId") String itemId,
            @QueryParam("fulfillment") String fulfillmentId, @QueryParam("chargerType") String chargerType,
            @QueryParam("connectorType") String connectorType, @QueryParam("batteryType") String batteryType);

    /** This service's token for catalog (see {@link ServiceTokens}). */
    default String bearer() {
        return ServiceTokens.bearer("catalog");
    }
}
