package org.evcharging.bpp.charger.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.charger.application.onboarding.ChargePointRegistry;
import org.evcharging.bpp.charger.application.onboarding.ChargePointSpec;
import org.evcharging.bpp.charger.application.onboarding.ChargePointView;
import org.evcharging.bpp.charger.application.operations.Operations;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.ProblemException;

/**
 * Charge point onboarding and operation, version 1: register a charger (its OCPP identity and password, protocol, and
 * which catalog connector each of its connectors is), list chargers with their connection and status, and send one
 * ChangeAvailability, Reset or TriggerMessage. The platform operator manages every charger; a partner its provider's.
 */
@Path("/chargers/v1/charge-points")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Charge points", description = "Register OCPP chargers and operate them")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", description = "A field is invalid; `errors` names each one")
@APIResponse(responseCode = "401", description = "No valid bearer token")
@APIResponse(responseCode = "403", description = "Another provider's charger")
public class ChargePointResource {

    @Inject
    JsonWebToken jwt;

    @Inject
    ChargePointRegistry registry;

    @Inject
    Operations operations;

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Charge points with their connection state, last heartbeat, firmware and connector status", description = "The operator sees every charger (or one provider's with ?providerId=); a partner its own provider's")
    public List<ChargePointView> list(@QueryParam("providerId") String providerId) {
        Caller caller = caller();
        if (caller.isOperator()) {
            return registry.list(providerId);
        }
        if (caller.providerId() == null) {
            return List.of();
        }
        return registry.list(caller.providerId());
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Register (or replace) a charge point", description = "Without a password one is generated and returned in this answer only; the charger connects to /ocpp/{id} with HTTP Basic (user: its id). Its connectors are out of service in search until it connects and reports them Available.")
    @APIResponse(responseCode = "200", description = "Registered")
    @APIResponse(responseCode = "409", description = "A catalog connector is already another charger's")
    public ChargePointView register(@PathParam("id") String id, @NotNull @Valid ChargePointSpec body) {
        if (!id.equals(body.id())) {
            throw new ProblemException(400, "the id in the path and in the body differ", "id", "must be " + id);
        }
        caller().mayManage(body.providerId());
        // replacing a charger of another provider needs the right to manage that one too
        registry.find(id).ifPresent(existing -> caller().mayManage(existing.providerId()));
        return registry.register(body);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "One charge point")
    public ChargePointView get(@PathParam("id") String id) {
        ChargePointView v = registry.view(id);
        caller().mayManage(v.providerId());
        return v;
    }

    @POST
    @Path("{id}/password")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Generate a new password", description = "Returned in this answer only; the charger's next connection must use it")
    public ChargePointView newPassword(@PathParam("id") String id) {
        caller().mayManage(registry.view(id).providerId());
        return registry.newPassword(id);
    }

    /** {@code operative}: true to put it back in service; connectorId 0 is the whole charger. */
    public record AvailabilityCommand(@Min(0) @Max(100) int evseId, @Min(0) @Max(100) int connectorId,
            boolean operative) {
    }

    public record ResetCommand(@NotBlank @Pattern(regexp = "Soft|Hard", message = "Soft or Hard") String type) {
    }

    public record TriggerCommand(@NotBlank String message, @Min(0) @Max(100) int evseId,
            @Min(0) @Max(100) int connectorId) {
    }

    @POST
    @Path("{id}/change-availability")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "ChangeAvailability: take a connector (or the whole charger, connector 0) out of service or back")
    @APIResponse(responseCode = "200", description = "The charger's answer (Accepted, Rejected, Scheduled)")
    @APIResponse(responseCode = "409", description = "The charger is not connected")
    @APIResponse(responseCode = "504", description = "The charger did not answer in time")
    public Operations.Outcome changeAvailability(@PathParam("id") String id,
            @NotNull @Valid AvailabilityCommand body) {
        caller().mayManage(registry.view(id).providerId());
        return operations.changeAvailability(id, body.evseId(), body.connectorId(), body.operative());
    }

    @POST
    @Path("{id}/reset")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "Reset the charger (Soft: when idle; Hard: now)")
    public Operations.Outcome reset(@PathParam("id") String id, @NotNull @Valid ResetCommand body) {
        caller().mayManage(registry.view(id).providerId());
        return operations.reset(id, "Hard".equals(body.type()));
    }

    @POST
    @Path("{id}/trigger")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "TriggerMessage: ask the charger to send BootNotification, Heartbeat, StatusNotification or MeterValues now")
    public Operations.Outcome trigger(@PathParam("id") String id, @NotNull @Valid TriggerCommand body) {
        caller().mayManage(registry.view(id).providerId());
        return operations.trigger(id, body.message(), body.evseId(), body.connectorId());
    }

    private Caller caller() {
        return Caller.of(jwt);
    }
}
