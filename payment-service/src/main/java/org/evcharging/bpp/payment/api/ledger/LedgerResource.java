package org.evcharging.bpp.payment.api.ledger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.payment.api.links.PaymentLinkView;
import org.evcharging.bpp.payment.application.ledger.RefundRequest;
import org.evcharging.bpp.payment.application.ledger.Refunds;
import org.evcharging.bpp.payment.application.links.PaymentLinks;
import org.evcharging.bpp.payment.domain.Refund;
import org.evcharging.bpp.payment.infrastructure.metrics.PaymentMetrics;

/** An order's payments and refunds, for the order service (role {@code service}) and the operator. */
@Path("/internal/payments/v1/orders")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Order ledger (internal)", description = "Payments and refunds per order, for the platform's own services")
@SecurityRequirement(name = "jwt")
public class LedgerResource {

    @Inject
    Refunds refunds;

    @Inject
    PaymentLinks links;

    @Inject
    PaymentMetrics metrics;

    @GET
    @Path("{orderRef}")
    @RolesAllowed({Caller.SERVICE, Caller.OPERATOR})
    @Operation(summary = "The ledger of an order: paid, refunded, balance, status, entries and links")
    @APIResponse(responseCode = "404", description = "No payment link was ever made for this order")
    public LedgerView ledger(@PathParam("orderRef") String orderRef) {
        Refunds.OrderMoney money = refunds.ledger(orderRef)
                .orElseThrow(() -> ProblemException.notFound("payments of order '" + orderRef + "'"));
        Instant now = Instant.now();
        return LedgerView.of(orderRef, money.currency(), money.ledger(),
                money.links().stream().map(l -> PaymentLinkView.of(l, links.checkoutUrl(l), now)).toList());
    }

    @POST
    @Path("{orderRef}/refunds")
    @RolesAllowed({Caller.SERVICE, Caller.OPERATOR})
    @Operation(summary = "Refund part or all of an order's payment, through the gateway", description = "Idempotent on refundId: the same id again answers the stored refund (200) and moves no money")
    @APIResponse(responseCode = "201", description = "Refund made (status REFUNDED, or FAILED if the gateway refused it)")
    @APIResponse(responseCode = "200", description = "This refundId was made already: the stored refund")
    @APIResponse(responseCode = "400", description = "Invalid fields (an amount of 0 included), each named in errors[]")
    @APIResponse(responseCode = "409", description = "Order not paid, amount over the refundable balance, or refundId used for another refund")
    @APIResponse(responseCode = "503", description = "No answer from the gateway (down, or the answer lost): nothing "
            + "recorded; retry with the same refundId, which gets the gateway's refund if it made one and never refunds twice")
    public Response refund(@PathParam("orderRef") String orderRef, @NotNull @Valid RefundRequest body) {
        Refunds.Made made;
        try {
            made = refunds.refund(orderRef, body);
        } catch (ProblemException e) {
            metrics.refund(e.problem().status() == 503 ? "gateway_unavailable" : "refused");
            throw e;
        } catch (RuntimeException e) {
            // the same refundId committed by a concurrent request: answer its refund, as a retry would get
            Optional<Refund> stored = integrityViolation(e) ? refunds.replay(orderRef, body) : Optional.empty();
            made = new Refunds.Made(stored.orElseThrow(() -> e), false);
        }
        metrics.refund(!made.created() ? "replayed" : made.refund().succeeded() ? "refunded" : "failed");
        return Response.status(made.created() ? 201 : 200).entity(RefundView.of(made.refund())).build();
    }

    private static boolean integrityViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
