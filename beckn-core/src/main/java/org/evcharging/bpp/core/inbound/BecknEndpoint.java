package org.evcharging.bpp.core.inbound;

import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /<action>} for every Beckn action a service owns. The raw bytes go to the pipeline untouched,
 * because the signature is over them.
 */
@Path("/")
@jakarta.enterprise.context.ApplicationScoped
@Tag(name = "Beckn", description = "Beckn core 1.1.0 actions (BAP to BPP); answered with ACK/NACK, then an on_* callback")
public class BecknEndpoint {

    @Inject
    InboundPipeline pipeline;

    @POST
    @Path("{action}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive a signed Beckn request (search, select, init, confirm, update, status, cancel, rating, support)")
    public Response receive(@PathParam("action") String action, InputStream body,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("X-Gateway-Authorization") String gatewayAuthorization,
            @HeaderParam("Proxy-Authorization") String proxyAuthorization) {
        // Proxy-Authorization counts as the gateway's signature only when it is one: a proxy's own credentials are not ours to judge.
        String gateway = gatewayAuthorization != null ? gatewayAuthorization
                : proxyAuthorization != null && proxyAuthorization.regionMatches(true, 0, "Signature ", 0, 10)
                        ? proxyAuthorization : null;
        return pipeline.receive(action, body, authorization, gateway);
    }
}
