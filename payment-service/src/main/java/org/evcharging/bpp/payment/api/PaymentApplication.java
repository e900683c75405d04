package org.evcharging.bpp.payment.api;

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
 * The payment service: payment links for orders, the payment gateway port (a sandbox provider built in), and the
 * ledger of payments and refunds per order. Internal endpoints take a bearer token (role {@code service} or
 * {@code operator}); the hosted page is for people and the webhook is authenticated by the provider's signature.
 */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "ev-charging-bpp")
@DeclareRoles({Caller.OPERATOR, Caller.PARTNER, Caller.SERVICE})
@OpenAPIDefinition(info = @Info(title = "payment-service", version = "0.1.0", description = "EV-charging BPP: payment links, the payment gateway (sandbox), payments and refunds per order"))
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class PaymentApplication extends Application {
}
