package org.evcharging.bpp.payment.api.webhooks;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.payment.application.webhooks.WebhookDeliveries;
import org.evcharging.bpp.payment.infrastructure.gateway.sandbox.SandboxGateway;
import org.evcharging.bpp.payment.infrastructure.gateway.sandbox.SandboxSignature;

/**
 * Where the sandbox provider reports payment outcomes. No bearer token: each delivery is authenticated by its
 * HMAC signature over the raw body ({@link SandboxSignature}), then acted on once ({@link WebhookDeliveries}).
 */
@Path("/payments/v1/webhooks/sandbox")
@RequestScoped
@Tag(name = "Webhooks", description = "Payment providers' signed event deliveries")
public class SandboxWebhookResource {

    /** The webhook's answer: {@code processed}, {@code duplicate} (event seen before) or {@code ignored}. */
    public record Answer(String status) {
    }

    @Inject
    WebhookDeliveries deliveries;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A signed sandbox event: payment.captured or payment.failed")
    @Parameter(name = SandboxSignature.HEADER, in = ParameterIn.HEADER, required = true, schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING), description = "t=<unix seconds>,v1=<lowercase hex HMAC-SHA256(secret, t + \".\" + rawBody)>")
    @APIResponse(responseCode = "200", description = "{\"status\": \"processed\" | \"duplicate\" | \"ignored\"}")
    @APIResponse(responseCode = "400", description = "An authentic body that is not an event")
    @APIResponse(responseCode = "401", description = "Missing, malformed, wrong or stale (over 300 s) signature")
    @APIResponse(responseCode = "404", description = "Unknown paymentId")
    @APIResponse(responseCode = "422", description = "Amount or currency differ from the payment link's")
    public Answer receive(byte[] rawBody, @Context HttpHeaders httpHeaders) {
        return new Answer(deliveries.receive(SandboxGateway.NAME, rawBody, httpHeaders.getRequestHeaders()));
    }
}
