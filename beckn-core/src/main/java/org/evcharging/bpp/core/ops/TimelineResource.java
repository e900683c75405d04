package org.evcharging.bpp.core.ops;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.evcharging.bpp.core.rest.Caller;

/**
 * A transaction's messages in one service ({@link ProtocolTimeline}), for the console's order timeline. A service
 * that has Beckn actions of its own publishes it under its admin path by a subclass that names the path
 * ({@code @Path("/quotes/v1/admin/timeline")}); the operator sees every message, a partner those that name its
 * provider.
 */
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public abstract class TimelineResource {

    @Inject
    JsonWebToken jwt;

    @Inject
    ProtocolTimeline timeline;

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "A transaction's requests here (ACKed) and the callbacks with their delivery attempts", description = "A partner sees those that name its provider")
    public ProtocolTimeline.Timeline of(@QueryParam("bapId") @NotBlank @Size(max = 255) String bapId,
            @QueryParam("transactionId") @NotBlank @Size(max = 100) String transactionId) {
        return timeline.forCaller(Caller.of(jwt), bapId, transactionId);
    }
}
