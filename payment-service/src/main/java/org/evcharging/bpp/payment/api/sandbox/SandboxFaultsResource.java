package org.evcharging.bpp.payment.api.sandbox;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.payment.infrastructure.gateway.PaymentGateway;
import org.evcharging.bpp.payment.infrastructure.gateway.sandbox.SandboxFaults;
import org.evcharging.bpp.payment.infrastructure.gateway.sandbox.SandboxGateway;

/** Operator fault injection on the sandbox gateway, for tests of callers' retries. */
@Path("/payments/v1/sandbox/faults")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sandbox", description = "The sandbox gateway's faults and its own record of refunds, for tests (operator)")
@SecurityRequirement(name = "jwt")
public class SandboxFaultsResource {

    /**
     * The armed faults; a POST replaces all of them and an absent count is 0 ({@code {}} disarms). A refund whose
     * answer is lost is listed by {@code GET /payments/v1/sandbox/refunds} but not in the ledger until the caller
     * retries it with the same refundId.
     */
    public record Faults(
            @Schema(description = "the next N refunds fail before the gateway acts: 503, no refund made") @Min(0) @Max(1000) Integer failNextRefunds,
            @Schema(description = "the next N refunds are made at the gateway, then answered 503 as if the answer was lost") @Min(0) @Max(1000) Integer loseNextRefundAnswers) {
    }

    @Inject
    SandboxFaults faults;

    @Inject
    PaymentGateway gateway;

    @GET
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "The armed faults")
    public Faults get() {
        SandboxGateway.requireActive(gateway);
        return armed();
    }

    @POST
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Arm faults: replaces what was armed; an absent count is 0")
    public Faults set(@NotNull @Valid Faults body) {
        SandboxGateway.requireActive(gateway);
        faults.failNextRefunds(body.failNextRefunds() == null ? 0 : body.failNextRefunds());
        faults.loseNextRefundAnswers(body.loseNextRefundAnswers() == null ? 0 : body.loseNextRefundAnswers());
        return armed();
    }

    private Faults armed() {
        return new Faults(faults.failNextRefunds(), faults.loseNextRefundAnswers());
    }
}
