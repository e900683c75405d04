package org.evcharging.bpp.support.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.core.ops.ProtocolTimeline;
import org.evcharging.bpp.core.rest.Caller;

/** A transaction's rating and support requests and their callbacks here, for the console's order timeline. */
@Path("/support-rating/v1/admin/timeline")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
@SecurityRequirement(name = "jwt")
public class TimelineResource {

    @Inject
    JsonWebToken jwt;

    @Inject
    ProtocolTimeline timeline;

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "A transaction's ratings and support requests (ACKed) and their callbacks with the delivery attempts", description = "A partner sees those that name its provider")
    public ProtocolTimeline.Timeline of(@QueryParam("bapId") @NotBlank @Size(max = 255) String bapId,
            @QueryParam("transactionId") @NotBlank @Size(max = 100) String transactionId) {
        return timeline.forCaller(Caller.of(jwt), bapId, transactionId);
    }
}
