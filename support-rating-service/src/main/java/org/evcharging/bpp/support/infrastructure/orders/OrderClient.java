package org.evcharging.bpp.support.infrastructure.orders;

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

/**
 * order-service's internal order lookup ({@code order/mp-rest/url}, env {@code ORDER_MP_REST_URL}): 404 when the
 * order is unknown or another BAP's.
 */
@RegisterRestClient(configKey = "order")
@ClientHeaderParam(name = "Authorization", value = "{bearer}")
@RegisterProvider(PeerErrors.class)
@Path("/internal/orders/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
public interface OrderClient {

    @GET
    @Path("{id}")
    OrderRef order(@PathParam("id") String id, @QueryParam("bapId") String bapId);

    /** An order as order-service tells it: what it is about and where it stands ({@code status} DRAFT … EXPIRED). */
    record OrderRef(String id, String transactionId, String bapId, String providerId, String itemId,
            String fulfillmentId, String fulfillmentType, String status, String state, boolean confirmed) {

        /**
         * Confirmed (paid) at some point: ACTIVE, COMPLETE, or CANCELLED after confirm; a draft cancelled before it was
         * paid has nothing to rate (else init and cancel, over and over, would let anyone stuff a provider's rating).
         */
        public boolean wasConfirmed() {
            return confirmed && ("ACTIVE".equals(status) || "COMPLETE".equals(status) || "CANCELLED".equals(status));
        }
    }

    /** This service's token for order (see {@link ServiceTokens}). */
    default String bearer() {
        return ServiceTokens.bearer("order");
    }
}
