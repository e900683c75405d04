package org.evcharging.bpp.quote.api;

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

/** A transaction's select requests and on_select callbacks here, for the console's order timeline. */
@Path("/quotes/v1/admin/timeline")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tariffs")
@SecurityRequirement(name = "jwt")
public class TimelineResource {

    @Inject
    JsonWebToken jwt;

    @Inject
    ProtocolTimeline timeline;

    @GET
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "A transaction's selects (ACKed) and on_selects with their delivery attempts", description = "A partner sees those that name its provider")
    public ProtocolTimeline.Timeline of(@QueryParam("bapId") @NotBlank @Size(max = 255) String bapId,
            @QueryParam("transactionId") @NotBlank @Size(max = 100) String transactionId) {
        return timeline.forCaller(Caller.of(jwt), bapId, transactionId);
    }
}
