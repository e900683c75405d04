package org.evcharging.bpp.order.api;

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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.order.application.booking.Bookings;
import org.evcharging.bpp.order.domain.Order;

/**
 * For the platform's other services (support and rating): what an order is about and where it stands, without
 * billing details. With {@code bapId}, another BAP's order is not found, as in Beckn.
 */
@Path("/internal/orders/v1/orders")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Orders (internal)", description = "For the platform's own services")
@SecurityRequirement(name = "jwt")
public class OrderLookupResource {

    /** An order as other services need it. */
    public record OrderRef(String id, String transactionId, String bapId, String providerId, String itemId,
            String fulfillmentId, String fulfillmentType, String status, String state, boolean confirmed) {
    }

    @Inject
    Bookings bookings;

    @GET
    @Path("{id}")
    @RolesAllowed({Caller.SERVICE, Caller.OPERATOR})
    @Operation(summary = "An order's provider, item, fulfillment and state, and whether it was ever confirmed (paid)"
            + " (404 when unknown, or another BAP's)")
    public OrderRef order(@PathParam("id") String id, @QueryParam("bapId") String bapId) {
        Order o = bookings.find(id, bapId);
        if (o == null) {
            throw ProblemException.notFound("order '" + id + "'");
        }
        return new OrderRef(o.id(), o.beckn().transactionId(), o.beckn().bapId(), o.providerId(), o.itemId(),
                o.fulfillmentId(),
                o.fulfillmentType(), o.status().name(), o.state(), o.confirmedAt() != null);
    }
}
