package org.evcharging.bpp.catalog.api.internal;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.logging.Level;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.catalog.application.onboarding.Availabilities;
import org.evcharging.bpp.catalog.domain.Availability;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.rest.Caller;

/**
 * Where charger-service (role {@code charger-service}) sets the live availability of connectors from what their
 * chargers report over OCPP (status, offline); the next search shows it. Internal: the ingress does not route it.
 */
@Path("/internal/catalog/v1/providers/{id}/connectors")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Connector availability (internal)", description = "For charger-service")
public class ConnectorAvailabilityResource {

    private static final SafeLog LOG = SafeLog.of(ConnectorAvailabilityResource.class);

    @Inject
    Availabilities availabilities;

    /** AVAILABLE, OCCUPIED or OUT_OF_SERVICE, as of {@code asOf} (epoch ms). */
    public record AvailabilityReport(
            @NotNull @Pattern(regexp = "AVAILABLE|OCCUPIED|OUT_OF_SERVICE") String availability,
            @NotNull Long asOf) {
    }

    @PUT
    @Path("{ref}/availability")
    @RolesAllowed({Caller.CHARGER_SERVICE, Caller.OPERATOR})
    @Operation(summary = "A connector's availability as its charger reported it", description = "The latest report (by asOf) wins")
    @APIResponse(responseCode = "204", description = "Taken, or a newer report is kept")
    @APIResponse(responseCode = "404", description = "No such connector")
    public void report(@PathParam("id") String id, @PathParam("ref") String ref,
            @NotNull @Valid AvailabilityReport body) {
        if (!availabilities.reportConnector(id, ref, Availability.valueOf(body.availability()),
                Instant.ofEpochMilli(body.asOf()))) {
            LOG.log(Level.INFO, "availability of connector {0}/{1} as of {2} is older than the one kept; left out",
                    new Object[] {id, ref, body.asOf()});
        }
    }
}
