package org.evcharging.bpp.charger.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.charger.application.onboarding.ChargePointRegistry;
import org.evcharging.bpp.charger.application.sessions.MeterHistory;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.ProblemException;

/** An order's charging session as its charger metered it (energy, SoC, power over time), for the console's chart. */
@Path("/chargers/v1/sessions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Charge points", description = "Register OCPP chargers and operate them")
@SecurityRequirement(name = "jwt")
public class MeterValuesResource {

    @Inject
    JsonWebToken jwt;

    @Inject
    MeterHistory history;

    @Inject
    ChargePointRegistry registry;

    @GET
    @Path("{orderId}/meter-values")
    @RolesAllowed({Caller.OPERATOR, Caller.PARTNER})
    @Operation(summary = "The meter values of an order's charging session, oldest first", description = "deliveredKwh of each sample is the energy since the start; a partner reaches its own provider's chargers only")
    @APIResponse(responseCode = "404", description = "The order has no charging session on a charger (or it is another provider's)")
    public MeterHistory.Session meterValues(@PathParam("orderId") @Size(max = 64) String orderId) {
        MeterHistory.Session s = history.ofOrder(orderId)
                .orElseThrow(() -> ProblemException.notFound("charging session of order '" + orderId + "'"));
        Caller caller = Caller.of(jwt);
        if (!caller.isOperator()) {
            // whose charger it was when the session ran (a charger may have moved to another provider since)
            String owner = s.providerId() != null ? s.providerId()
                    : registry.find(s.chargePointId()).map(cp -> cp.providerId()).orElse(null);
            if (owner == null || !owner.equals(caller.providerId())) {
                throw ProblemException.notFound("charging session of order '" + orderId + "'");
            }
        }
        return s;
    }
}
