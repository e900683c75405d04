package org.evcharging.bpp.support.infrastructure.quotes;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.evcharging.bpp.core.rest.ServiceTokens;
import org.evcharging.bpp.core.rest.PeerErrors;

/**
 * quote-service's internal quote lookup ({@code quote/mp-rest/url}, env {@code QUOTE_MP_REST_URL}): a transaction's
 * latest quote says which provider the transaction is with (404 when it has none).
 */
@RegisterRestClient(configKey = "quote")
@ClientHeaderParam(name = "Authorization", value = "{bearer}")
@RegisterProvider(PeerErrors.class)
@Path("/internal/quotes/v1/quotes")
@Produces(MediaType.APPLICATION_JSON)
public interface QuoteClient {

    @GET
    QuoteRef latest(@QueryParam("transactionId") String transactionId, @QueryParam("bapId") String bapId);

    /** The part of a stored quote support needs. */
    record QuoteRef(String id, String transactionId, String bapId, String providerId, String itemId,
            String fulfillmentId) {
    }

    /** This service's token for quote (see {@link ServiceTokens}). */
    default String bearer() {
        return ServiceTokens.bearer("quote");
    }
}
