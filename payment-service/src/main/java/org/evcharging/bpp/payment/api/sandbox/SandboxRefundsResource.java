package org.evcharging.bpp.payment.api.sandbox;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.payment.domain.Money;
import org.evcharging.bpp.payment.infrastructure.gateway.PaymentGateway;
import org.evcharging.bpp.payment.infrastructure.gateway.sandbox.SandboxGateway;
import org.evcharging.bpp.payment.infrastructure.gateway.sandbox.SandboxRefund;
import org.evcharging.bpp.payment.infrastructure.gateway.sandbox.SandboxRefunds;

/**
 * The refunds the sandbox provider made, as its own books have them (not the ledger's): a test checks that money
 * moved once at the "provider" as well as in the ledger, as one would reconcile a real provider's dashboard.
 */
@Path("/payments/v1/sandbox/refunds")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sandbox")
@SecurityRequirement(name = "jwt")
public class SandboxRefundsResource {

    /** One refund at the sandbox provider. */
    @Schema(name = "SandboxRefund")
    public record View(String refundId, String orderRef, String paymentId, String gatewayRef,
            @Schema(examples = "10.00") String amount, String currency, Instant at) {

        static View of(SandboxRefund r) {
            return new View(r.refundId(), r.orderRef(), r.paymentId(), r.gatewayRef(), Money.format(r.amount()),
                    r.currency(), r.refundedAt());
        }
    }

    @Inject
    SandboxRefunds refunds;

    @Inject
    PaymentGateway gateway;

    @GET
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "The refunds the sandbox gateway made for an order, oldest first")
    @APIResponse(responseCode = "400", description = "orderRef missing")
    @APIResponse(responseCode = "404", description = "The sandbox is not the active gateway")
    public List<View> list(@QueryParam("orderRef") String orderRef) {
        SandboxGateway.requireActive(gateway);
        if (orderRef == null || orderRef.isBlank()) {
            throw new ProblemException(400, "orderRef is required", "orderRef", "must not be blank");
        }
        return refunds.ofOrder(orderRef).stream().map(View::of).toList();
    }
}
