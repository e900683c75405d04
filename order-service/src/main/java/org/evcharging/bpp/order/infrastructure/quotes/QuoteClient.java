package org.evcharging.bpp.order.infrastructure.quotes;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/** quote-service's internal quote API ({@code quote/mp-rest/url}, env {@code QUOTE_MP_REST_URL}). */
@RegisterRestClient(configKey = "quote")
@ClientHeaderParam(name = "Authorization", value = "{bearer}")
@RegisterProvider(PeerErrors.class)
@Path("/internal/quotes/v1/quotes")
@Produces(MediaType.APPLICATION_JSON)
public interface QuoteClient {

    @GET
    @Path("{id}")
    QuoteState get(@PathParam("id") String id);

    @GET
    QuoteState latest(@QueryParam("transactionId") String transactionId, @QueryParam("bapId") String bapId);

    @POST
    @Path("{id}/reprice")
    @Consumes(MediaType.APPLICATION_JSON)
    Repriced reprice(@PathParam("id") String id, RepriceRequest request);

    @POST
    @Path("{id}/settlement")
    @Consumes(MediaType.APPLICATION_JSON)
    Settlement settlement(@PathParam("id") String id, SettlementRequest request);

    /** What was delivered; {@code providerFault}: the charger failed or the provider cancelled (no fees then). */
    record SettlementRequest(String delivered, boolean providerFault) {
    }

    /**
     * The final bill of what was delivered, priced from the quote's own rates: {@code total} is the exact sum of the
     * {@code breakup} lines (Beckn quote breakup items, the energy line's quantity the delivered one).
     */
    record Settlement(String quoteId, String currency, String unit, String quotedQuantity, String delivered,
            String quotedTotal, String total, Boolean providerFault, jakarta.json.JsonArray breakup) {
    }

    /** A stored quote as quote-service tells it; {@code quotedOrder} is the on_select order (JSON text). */
    record QuoteState(String id, String transactionId, String bapId, String providerId, String itemId,
            String fulfillmentId, java.math.BigDecimal quantity, java.math.BigDecimal total, String currency,
            String createdAt, String validUntil, boolean valid, String quotedOrder) {
    }

    record RepriceRequest(String vehicleType) {
    }

    /**
     * {@code fulfillmentId}, {@code locationId}, {@code gps}: the fulfillment priced now and where it stands (null
     * from an older quote-service, or without a fulfillment).
     */
    record Repriced(String id, java.math.BigDecimal quoted, java.math.BigDecimal now, String currency,
            boolean unchanged, boolean valid, String error, QuoteState replacement, String fulfillmentId,
            String locationId, String gps) {
    }

    /** This service's token for quote (see {@link ServiceTokens}). */
    default String bearer() {
        return ServiceTokens.bearer("quote");
    }
}
