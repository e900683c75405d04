package org.evcharging.bpp.charger.api;

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
 * The charger service: the OCPP central system chargers connect to ({@code /ocpp/{id}}, a WebSocket, not part of
 * this REST application), the charge point onboarding and operator API (bearer tokens), and the internal API
 * order-service drives charging sessions through.
 */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "ev-charging-bpp")
@DeclareRoles({Caller.OPERATOR, Caller.PARTNER, Caller.SERVICE})
@OpenAPIDefinition(info = @Info(title = "charger-service", version = "0.1.0", description = "EV-charging BPP: the OCPP 1.6J and 2.0.1"
        + " central system. Chargers connect to wss://<host>/ocpp/<chargePointId> (HTTP Basic, subprotocol ocpp1.6 or"
        + " ocpp2.0.1); operators register them and send them commands here."))
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT", description = "RS256 token with groups 'operator' (every charger) or 'partner' (claim provider_id: its own provider's chargers)")
public class ChargerApplication extends Application {
}
