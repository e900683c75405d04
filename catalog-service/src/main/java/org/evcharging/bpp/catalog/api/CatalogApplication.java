package org.evcharging.bpp.catalog.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.auth.LoginConfig;
import org.evcharging.bpp.core.rest.Caller;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The catalog service: provider onboarding ({@code /catalog/v1/...}, bearer tokens) and catalog discovery
 * (Beckn {@code search} / {@code on_search}, HTTP signatures).
 */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "ev-charging-bpp")
@DeclareRoles({Caller.OPERATOR, Caller.PARTNER, Caller.RATING_SERVICE, Caller.CHARGER_SERVICE, Caller.SERVICE})
@OpenAPIDefinition(info = @Info(title = "catalog-service", version = "0.1.0", description = "EV-charging BPP: provider onboarding and catalog discovery (Beckn search / on_search)"))
public class CatalogApplication extends Application {
}
