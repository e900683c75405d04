package org.evcharging.bpp.support.infrastructure.catalog;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.evcharging.bpp.core.rest.ServiceTokens;
import org.evcharging.bpp.core.rest.PeerErrors;

/**
 * catalog-service ({@code catalog/mp-rest/url}, env {@code CATALOG_MP_REST_URL}): its internal lookups (role
 * {@code service}) and the aggregate ratings search filters on (role {@code rating-service}).
 */
@RegisterRestClient(configKey = "catalog")
@ClientHeaderParam(name = "Authorization", value = "{bearer}")
@RegisterProvider(PeerErrors.class)
@Path("/internal/catalog/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface CatalogClient {

    /** A provider whatever its status, with its support contacts; 404 when unknown. */
    @GET
    @Path("lookup/providers/{id}")
    Provider provider(@PathParam("id") String id);

    /** Every active provider, item and fulfillment (connector, swap station, mobile swap) with this id. */
    @GET
    @Path("lookup/ids/{id}")
    List<Named> named(@PathParam("id") String id);

    @PUT
    @Path("providers/{id}/rating")
    @Consumes(MediaType.APPLICATION_JSON)
    void rateProvider(@PathParam("id") String providerId, RatingAggregate aggregate);

    @PUT
    @Path("providers/{id}/items/{ref}/rating")
    @Consumes(MediaType.APPLICATION_JSON)
    void rateItem(@PathParam("id") String providerId, @PathParam("ref") String itemId, RatingAggregate aggregate);

    record Provider(String id, String name, Support support, String status) {
    }

    record Support(String phone, String email, String url) {
    }

    /** {@code kind} is PROVIDER, ITEM or FULFILLMENT; a fulfillment's {@code itemIds} are the items it delivers. */
    record Named(String kind, String providerId, String itemId, String fulfillmentId, String fulfillmentType,
            List<String> itemIds) {
    }

    /**
     * The catalog's {@code RatingAggregate}: the average (1 to 5), how many ratings it is of, and when it was computed
     * (epoch ms): the catalog keeps the latest, so a push that arrives late never replaces a newer one.
     */
    record RatingAggregate(Double value, Integer count, Long asOf) {
    }

    /** This service's token for catalog (see {@link ServiceTokens}). */
    default String bearer() {
        return ServiceTokens.bearer("catalog");
    }
}
