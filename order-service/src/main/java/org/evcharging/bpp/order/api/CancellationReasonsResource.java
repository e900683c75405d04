package org.evcharging.bpp.order.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.order.application.cancel.CancellationReasons;

/** The reasons a BAP may send as {@code cancellation_reason_id}, for BAP developers and their apps. */
@Path("/orders/v1/cancellation-reasons")
@ApplicationScoped
@Tag(name = "Terms", description = "What a cancellation costs, for people")
public class CancellationReasonsResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The cancellation reasons (id, text, whether the provider is at fault: then no fee)")
    public List<CancellationReasons.Reason> reasons() {
        return CancellationReasons.ALL;
    }
}
