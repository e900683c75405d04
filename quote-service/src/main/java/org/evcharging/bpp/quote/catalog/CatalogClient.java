package org.evcharging.bpp.quote.catalog;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.evcharging.bpp.core.rest.ServiceToken;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** catalog-service's internal offer lookup ({@code catalog/mp-rest/url}, env {@code CATALOG_MP_REST_URL}). */
@RegisterRestClient(configKey = "catalog")
@RegisterClientHeaders(ServiceToken.class)
@RegisterProvider(CatalogErrors.class)
@Path("/catalog/v1/offers")
@Produces(MediaType.APPLICATION_JSON)
public interface CatalogClient {

    @GET
    @Path("{providerId}/{itemId}")
    CatalogOffer offer(@PathParam("providerId") String providerId, @PathParam("itemId") String itemId,
                       @QueryParam("fulfillment") String fulfillmentId, @QueryParam("chargerType") String chargerType,
                       @QueryParam("connectorType") String connectorType, @QueryParam("batteryType") String batteryType);
}
