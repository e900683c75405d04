package org.evcharging.bpp.order.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.evcharging.bpp.core.ops.ProtocolTimeline;
import org.evcharging.bpp.order.application.admin.OrderQueries;
import org.evcharging.bpp.order.domain.OrderStatus;

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
            BigDecimal refundAmount, String refundStatus, Session session, String createdAt, String confirmedAt,
            String slotStart, String slotEnd, String stationId, BigDecimal quantity) {

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
                                    s.endedAt() == null ? null : s.endedAt().toString(), s.connectorId(),
                                    s.targetKwh()),
                    text(o.createdAt()), text(o.confirmedAt()), text(o.slotStart()), text(o.slotEnd()), o.stationId(),
                    o.quantity());
        }

        private static String text(java.time.Instant at) {
            return at == null ? null : at.toString();
        }
    }

    public record Session(String state, String endReason, BigDecimal deliveredKwh, Integer socPercent, String startedAt,
            String endedAt, String connectorId, BigDecimal targetKwh) {
    }

    public record CancelRequest(@Size(max = 200) String reason) {
    }

    @Inject
    Operations operations;

    @Inject
    OrderQueries queries;

    @Inject
    ProtocolTimeline timeline;

    @Inject
    JsonWebToken jwt;

    @GET
    @Path("orders")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Orders, newest first", description = "q: an order id or a transaction id; a partner sees its own provider's orders only")
    @APIResponse(responseCode = "400", description = "An unknown status")
    public List<OrderView> orders(@QueryParam("q") @Size(max = 100) String q,
            @QueryParam("bapId") @Size(max = 255) String bapId, @QueryParam("status") String status,
            @QueryParam("providerId") @Size(max = 100) String providerId,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        OrderStatus s = null;
        if (status != null && !status.isBlank()) {
            try {
                s = OrderStatus.valueOf(status.trim());
            } catch (IllegalArgumentException e) {
                throw new ProblemException(400, "unknown order status", "status",
                        "one of DRAFT, ACTIVE, COMPLETE, CANCELLED, EXPIRED");
            }
        }
        return queries.search(new OrderQueries.Search(scope(providerId), blankToNull(q), blankToNull(bapId), s,
                offset, limit)).stream().map(f -> OrderView.of(f.order(), f.session())).toList();
    }

    @GET
    @Path("summary")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Today's figures: bookings and their value, sessions charging now, energy, refunds pending", description = "today: from midnight in tz (an IANA zone, default UTC)")
    @APIResponse(responseCode = "400", description = "An unknown time zone")
    public OrderQueries.Summary summary(@QueryParam("tz") @DefaultValue("UTC") @Size(max = 60) String tz,
            @QueryParam("providerId") @Size(max = 100) String providerId) {
        ZoneId zone;
        try {
            zone = ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw new ProblemException(400, "unknown time zone", "tz", "an IANA time zone such as Asia/Kolkata");
        }
        return queries.summary(scope(providerId), zone, Instant.now());
    }

    @GET
    @Path("orders/{id}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "An order: its state, what it cost, its refund and its charging session", description = "A partner's token reaches its own provider's orders only: another's is not found")
    @APIResponse(responseCode = "404", description = "No such order (or another provider's)")
    public OrderView order(@PathParam("id") String id) {
        Operations.OrderAndSession found = visible(id);
        return OrderView.of(found.order(), found.session());
    }

    @GET
    @Path("orders/{id}/timeline")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "The order's protocol history here: the BAP's requests (ACKed) and our callbacks with each delivery attempt", description = "From order-service's inbox and outbox (init, confirm, status, update, track, cancel and the BPP's own callbacks)")
    @APIResponse(responseCode = "404", description = "No such order (or another provider's)")
    public ProtocolTimeline.Timeline timeline(@PathParam("id") String id) {
        Order o = visible(id).order();
        // a transaction with orders at other providers too: only this order's messages
        List<String> mentions = queries.ordersInTransaction(o.beckn().bapId(), o.beckn().transactionId()) > 1
                ? List.of(o.id(), o.providerId())
                : List.of();
        return timeline.of(o.beckn().bapId(), o.beckn().transactionId(), mentions);
    }

    @GET
    @Path("orders/{id}/ledger")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "The order's payments and refunds, from payment-service's ledger", description = "ledger null and error set when there is none (no payment link was made) or payment-service did not answer")
    @APIResponse(responseCode = "404", description = "No such order (or another provider's)")
    public Operations.LedgerAnswer ledger(@PathParam("id") String id) {
        return operations.ledger(visible(id).order().id());
    }

    @POST
    @Path("orders/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Cancel an order as the provider (e.g. the site closed): no fee; the BAP gets an unsolicited on_cancel")
    public OrderView cancel(@PathParam("id") String id, @Valid CancelRequest body) {
        // 50001: the order cannot be cancelled (ended, cancelled); otherwise a peer was unreachable: try again.
        return act(id, ErrorCode.CANCELLATION_NOT_POSSIBLE,
                () -> operations.cancel(id, body == null ? null : body.reason()));
    }

    @POST
    @Path("orders/{id}/stop")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Stop an order's charging session remotely", description = "The charger stops; the order is settled as charging-ended with the energy billed and nothing else (the stop is the provider's); the BAP gets the final bill and the end unsolicited")
    @APIResponse(responseCode = "404", description = "No such order")
    @APIResponse(responseCode = "409", description = "The order is not charging now")
    public OrderView stop(@PathParam("id") String id, @Valid CancelRequest body) {
        // 40002: not charging now; otherwise a peer (the charger, pricing) was unreachable: try again.
        return act(id, ErrorCode.UPDATION_NOT_POSSIBLE,
                () -> operations.stop(id, body == null ? null : body.reason()));
    }

    /** An operator's action on an order: 404 without it, 409 when it {@code cannot} be done now, 503 when a peer failed. */
    private static OrderView act(String id, ErrorCode cannot,
            java.util.function.Supplier<Operations.OrderAndSession> action) {
        Operations.OrderAndSession done;
        try {
            done = action.get();
        } catch (BecknException e) {
            throw new ProblemException(e.error().code() == cannot ? 409 : 503, e.getMessage());
        }
        if (done == null) {
            throw ProblemException.notFound("order '" + id + "'");
        }
        return OrderView.of(done.order(), done.session());
    }

    /** The order if this caller may see it; 404 otherwise, so that a partner learns nothing of others' orders. */
    private Operations.OrderAndSession visible(String id) {
        Caller c = Caller.of(jwt);
        String provider = c.isOperator() ? null : c.providerId() == null ? "" : c.providerId();
        Operations.OrderAndSession found = queries.order(id, provider);
        if (found == null) {
            throw ProblemException.notFound("order '" + id + "'");
        }
        return found;
    }

    /** The provider a call may see: a partner's own whatever it asks; for the operator, the one asked for or all. */
    private String scope(String asked) {
        Caller c = Caller.of(jwt);
        if (c.isOperator()) {
            return blankToNull(asked);
        }
        if (c.providerId() == null) {
            return "";
        }
        if (asked != null && !asked.isBlank() && !asked.equals(c.providerId())) {
            throw ProblemException.forbidden("your token is for provider '" + c.providerId() + "'");
        }
        return c.providerId();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
