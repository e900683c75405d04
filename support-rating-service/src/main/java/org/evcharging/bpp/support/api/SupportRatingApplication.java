package org.evcharging.bpp.support.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.evcharging.bpp.core.rest.Caller;

/**
 * The support and rating service: Beckn {@code rating} and {@code support} (HTTP signatures), the feedback forms
 * people open from {@code on_rating} (their unguessable token), and the admin API where providers read their ratings
 * and feedback and answer support tickets (bearer tokens).
 */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "ev-charging-bpp")
@DeclareRoles({Caller.OPERATOR, Caller.PARTNER})
@OpenAPIDefinition(info = @Info(title = "support-rating-service", version = "0.1.0", description = "EV-charging BPP: ratings and feedback (Beckn rating / on_rating), aggregate ratings for search,"
        + " support contacts and tickets (Beckn support / on_support)"))
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT", description = "RS256 token with groups 'operator' (everything) or 'partner' (claim provider_id: its own provider)")
public class SupportRatingApplication extends Application {
}
