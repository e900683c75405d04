package org.evcharging.bpp.order.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.evcharging.bpp.core.rest.Caller;

/**
 * The order service: booking (init, confirm), charger slots, the charging session (update, status, track and its
 * public page) and cancellation.
 */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "ev-charging-bpp")
@DeclareRoles({Caller.OPERATOR, Caller.PARTNER, Caller.SERVICE})
@OpenAPIDefinition(info = @Info(title = "order-service", version = "0.1.0", description = "EV-charging BPP: orders, charger slot holds and reservations, charging sessions, cancellations and refunds"
        + " (Beckn init / confirm / update / status / track / cancel)"))
public class OrderApplication extends Application {
}
