package org.evcharging.bpp.quote.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.evcharging.bpp.core.rest.Caller;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The quote service: pricing, quote breakup and validity (Beckn {@code select} / {@code on_select}). */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "ev-charging-bpp")
@DeclareRoles({Caller.OPERATOR, Caller.PARTNER, Caller.SERVICE})
@OpenAPIDefinition(info = @Info(title = "quote-service", version = "0.1.0", description = "EV-charging BPP: pricing, quote breakup and quote validity (Beckn select / on_select)"))
public class QuoteApplication extends Application {
}
