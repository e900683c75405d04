package org.evcharging.bpp.charger.api.internal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.charger.application.sessions.RemoteSessions;
import org.evcharging.bpp.charger.application.sessions.SessionReading;
import org.evcharging.bpp.charger.application.sessions.StartFailed;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.ProblemException;

/**
 * order-service's OCPP driver: the charging session of an order, keyed by the order (a repeated start is the same
 * session). Internal: the ingress does not route {@code /internal/}.
 */
@Path("/internal/chargers/v1/sessions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Sessions (internal)", description = "For order-service")
public class SessionResource {

    @Inject
    RemoteSessions sessions;

    /** Start the order's charging on the catalog connector it booked, stopping at {@code targetKwh}. */
    public record StartCommand(@NotBlank @Size(max = 64) String orderId, @NotBlank @Size(max = 64) String connector,
            @DecimalMin("0") BigDecimal targetKwh) {
    }

    @POST
    @RolesAllowed({Caller.SERVICE})
    @Operation(summary = "Remote-start the order's charging and wait until the charger has started it")
    @APIResponse(responseCode = "200", description = "Charging (or the session as it is, for a repeated start)")
    @APIResponse(responseCode = "404", description = "No charger is registered for the connector")
    @APIResponse(responseCode = "409", description = "The charger refused the start, or is not connected")
    @APIResponse(responseCode = "504", description = "The charger accepted but started no transaction in time")
    public SessionReading start(@NotNull @Valid StartCommand body) {
        try {
            return sessions.start(body.orderId(), body.connector(), body.targetKwh());
        } catch (StartFailed e) {
            throw new ProblemException(e.timedOut() ? 504 : 409, e.getMessage());
        }
    }

    @GET
    @Path("{orderId}")
    @RolesAllowed({Caller.SERVICE})
    @Operation(summary = "The order's meter now")
    public SessionReading read(@PathParam("orderId") String orderId) {
        return sessions.read(orderId).orElseThrow(() -> ProblemException.notFound("session of order " + orderId));
    }

    @POST
    @Path("{orderId}/stop")
    @RolesAllowed({Caller.SERVICE})
    @Operation(summary = "Remote-stop the order's charging; the final reading")
    public SessionReading stop(@PathParam("orderId") String orderId) {
        return sessions.stop(orderId).orElseThrow(() -> ProblemException.notFound("session of order " + orderId));
    }
}
