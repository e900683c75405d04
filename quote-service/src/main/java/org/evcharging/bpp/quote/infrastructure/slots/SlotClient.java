package org.evcharging.bpp.quote.infrastructure.slots;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.evcharging.bpp.core.rest.PeerErrors;
import org.evcharging.bpp.core.rest.ServiceTokens;

/** order-service's slot calendar ({@code order/mp-rest/url}, env {@code ORDER_MP_REST_URL}): who holds a charger when. */
@RegisterRestClient(configKey = "order")
@ClientHeaderParam(name = "Authorization", value = "{bearer}")
@RegisterProvider(PeerErrors.class)
@Path("/internal/orders/v1/slots")
@Produces(MediaType.APPLICATION_JSON)
public interface SlotClient {

    @GET
    @Path("{fulfillmentId}")
    Taken taken(@PathParam("fulfillmentId") String fulfillmentId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("bapId") String bapId,
            @QueryParam("transactionId") String transactionId);

    /** The claims on a charger that overlap what was asked, earliest first (instants, RFC 3339). */
    record Taken(String fulfillmentId, List<Interval> taken) {
    }

    record Interval(String start, String end, String status) {
    }

    /** This service's token for order (see {@link ServiceTokens}). */
    default String bearer() {
        return ServiceTokens.bearer("order");
    }
}
