package org.evcharging.bpp.payment.gateway.sandbox;

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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.payment.gateway.PaymentGateway;

/** Operator fault injection on the sandbox gateway, for tests of callers' retries. */
@Path("/payments/v1/sandbox/faults")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sandbox faults", description = "Make the sandbox gateway fail, for tests (operator)")
@SecurityRequirement(name = "jwt")
public class SandboxFaultsResource {

    /** {@code failNextRefunds}: the next N refunds fail at the gateway (the refund API answers 503, nothing recorded). */
    public record Faults(@NotNull @Min(0) @Max(1000) Integer failNextRefunds) {
    }

    @Inject
    SandboxFaults faults;

    @Inject
    PaymentGateway gateway;

    @GET
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "The armed faults")
    public Faults get() {
        requireSandbox();
        return new Faults(faults.failNextRefunds());
    }

    @POST
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Arm faults: replaces what was armed")
    public Faults set(@NotNull @Valid Faults body) {
        requireSandbox();
        faults.failNextRefunds(body.failNextRefunds());
        return new Faults(faults.failNextRefunds());
    }

    private void requireSandbox() {
        if (!SandboxGateway.NAME.equals(gateway.name())) {
            throw ProblemException.notFound("sandbox gateway");
        }
    }
}
