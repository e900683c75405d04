package org.evcharging.bpp.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /console/api/config}: how the page signs people in (no secret: the console is a public client). */
@Path("/config")
@RequestScoped
public class ConfigResource {

    @Inject
    SignInSettings settings;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public SignInSettings.View config() {
        return settings.view();
    }
}
