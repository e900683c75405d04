package org.evcharging.bpp.charger.api.internal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.charger.application.commands.ChargerCommands;
import org.evcharging.bpp.charger.infrastructure.replicas.ReplicaApi;
import org.evcharging.bpp.core.rest.Caller;

/** Where another replica forwards a CALL for a charger whose socket this replica holds. */
@Path("/internal/chargers/v1/replica")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Replicas (internal)", description = "Between replicas of this service")
public class ReplicaResource {

    @Inject
    ChargerCommands commands;

    @POST
    @Path("charge-points/{id}/calls")
    @RolesAllowed({Caller.SERVICE})
    @Operation(summary = "Send a CALL to a charger connected here and return its answer")
    public ReplicaApi.ForwardedAnswer call(@PathParam("id") String id, @NotNull ReplicaApi.ForwardedCall call) {
        long timeout = Math.max(1000, Math.min(call.timeoutMillis(), 60_000));
        return commands.callHere(id, call.action(), call.payload(), Duration.ofMillis(timeout));
    }
}
