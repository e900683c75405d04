package org.evcharging.bpp.core.ops;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A bare echo on the same server, the baseline of the ACK benchmark. Off unless {@code beckn.echo.enabled=true}
 * (the local suite turns it on; production leaves it off).
 */
@Path("/echo")
@jakarta.enterprise.context.ApplicationScoped
public class EchoResource {

    @Inject
    @ConfigProperty(name = "beckn.echo.enabled", defaultValue = "false")
    boolean enabled;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response echo(byte[] body) {
        return enabled ? Response.ok(body).build() : Response.status(404).build();
    }
}
