package org.evcharging.bpp.order.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.order.application.admin.Operations;
import org.evcharging.bpp.order.domain.ChargingSession;
import org.evcharging.bpp.order.domain.Order;

/**
 * The operator's view of orders and their hand on them: an order's state and money, cancelling an order (a site
 * closed: the user is refunded what was not delivered, without a fee, and told by an unsolicited on_cancel).
 * Chargers themselves are operated in charger-service.
 */
@Path("/orders/v1/admin")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operator", description = "Orders and chargers, for the platform operator")
@SecurityRequirement(name = "jwt")
public class AdminResource {

    /** An order as the operator sees it (no billing details). */
    public record OrderView(String id, String transactionId, String bapId, String providerId, String itemId,
            String fulfillmentId, String status, String state, BigDecimal total, String currency,
            BigDecimal finalAmount, BigDecimal cancellationFee, String cancelledBy, String refundId,
            BigDecimal refundAmount, String refundStatus, Session session) {

        static OrderView of(Order o, ChargingSession s) {
            return new OrderView(o.id(), o.beckn().transactionId(), o.beckn().bapId(), o.providerId(), o.itemId(),
                    o.fulfillmentId(),
                    o.status().name(), o.state(), o.total(), o.currency(), o.finalAmount(), o.cancellationFee(),
                    o.cancelledBy(), o.refundId(), o.refundAmount(),
                    o.refundStatus() == null ? null : o.refundStatus().name(),
                    s == null ? null
                            : new Session(s.state().name(), s.endReason() == null ? null : s.endReason().name(),
                                    s.deliveredKwh(), s.socPercent(),
                                    s.startedAt() == null ? null : s.startedAt().toString(),
                                    s.endedAt() == null ? null : s.endedAt().toString()));
        }
    }

    public record Session(String state, String endReason, BigDecimal deliveredKwh, Integer socPercent, String startedAt,
            String endedAt) {
    }

    public record CancelRequest(@Size(max = 200) String reason) {
    }

    @Inject
    Operations operations;

    @GET
    @Path("orders/{id}")
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "An order: its state, what it cost, its refund and its charging session")
    public OrderView order(@PathParam("id") String id) {
        Operations.OrderAndSession found = operations.order(id);
        if (found == null) {
            throw ProblemException.notFound("order '" + id + "'");
        }
        return OrderView.of(found.order(), found.session());
    }

    @POST
    @Path("orders/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Cancel an order as the provider (e.g. the site closed): no fee; the BAP gets an unsolicited on_cancel")
    public OrderView cancel(@PathParam("id") String id, CancelRequest body) {
        Operations.OrderAndSession cancelled;
        try {
            cancelled = operations.cancel(id, body == null ? null : body.reason());
        } catch (BecknException e) {
            // 50001: the order cannot be cancelled (ended, cancelled); otherwise a peer was unreachable: try again.
            throw new ProblemException(e.error().code() == ErrorCode.CANCELLATION_NOT_POSSIBLE ? 409 : 503,
                    e.getMessage());
        }
        if (cancelled == null) {
            throw ProblemException.notFound("order '" + id + "'");
        }
        return OrderView.of(cancelled.order(), cancelled.session());
    }
}
