package org.evcharging.bpp.catalog.api.internal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.catalog.application.lookup.OfferLookup;
import org.evcharging.bpp.catalog.application.lookup.OfferLookup.Offer;
import org.evcharging.bpp.core.rest.Caller;

/**
 * The internal offer lookup for the other services (quote, order): one provider's item, and optionally the
 * fulfillment it would be delivered by ({@link OfferLookup}).
 */
@Path("/internal/catalog/v1/offers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Offers (internal)", description = "For the platform's own services")
public class OfferResource {

    @Inject
    OfferLookup offers;

    @GET
    @Path("{providerId}/{itemId}")
    @RolesAllowed({Caller.SERVICE, Caller.OPERATOR})
    @Operation(summary = "One active item of an active provider, with the fulfillment asked for")
    @APIResponse(responseCode = "404", description = "errors[0].field names what is missing: providerId, itemId or fulfillmentId")
    public Offer offer(@PathParam("providerId") String providerId, @PathParam("itemId") String itemId,
            @QueryParam("fulfillment") String fulfillmentId,
            @QueryParam("chargerType") String chargerType, @QueryParam("connectorType") String connectorType,
            @QueryParam("batteryType") String batteryType) {
        return offers.offer(providerId, itemId, fulfillmentId, chargerType, connectorType, batteryType);
    }
}
