package org.evcharging.bpp.charger.infrastructure.replicas;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.evcharging.bpp.core.rest.ServiceTokens;

/**
 * Another replica of this service, the one holding a charger's socket: it sends the CALL and returns the charger's
 * answer ({@code api/internal/ReplicaResource}).
 */
@ClientHeaderParam(name = "Authorization", value = "{bearer}")
@Path("/internal/chargers/v1/replica")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ReplicaApi {

    @POST
    @Path("charge-points/{id}/calls")
    ForwardedAnswer call(@PathParam("id") String chargePointId, ForwardedCall call);

    /** A CALL to send: its action, its payload as JSON text, how long to wait for the answer. */
    record ForwardedCall(String action, String payload, long timeoutMillis) {
    }

    /**
     * What came of it: {@code outcome} RESULT (payload is the CALLRESULT's), ERROR (the charger's CALLERROR code and
     * description, or our failure), or NOT_CONNECTED (the socket is not on that replica any more).
     */
    record ForwardedAnswer(String outcome, String payload, String errorCode, String errorDescription) {
    }

    default String bearer() {
        return ServiceTokens.bearer("charger");
    }
}
