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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.payment.application.webhooks.WebhookDeliveries;
import org.evcharging.bpp.payment.infrastructure.gateway.stripe.StripeGateway;
import org.evcharging.bpp.payment.infrastructure.gateway.stripe.StripeWebhook;

/**
 * Where Stripe delivers its events (the endpoint registered in Stripe's dashboard). No bearer token: each delivery is
 * authenticated by its {@code Stripe-Signature} over the raw body ({@link StripeWebhook}), then acted on once
 * ({@link WebhookDeliveries}). Answers 404 unless Stripe is the active gateway.
 */
@Path("/payments/v1/webhooks/stripe")
@RequestScoped
@Tag(name = "Webhooks", description = "Payment providers' signed event deliveries")
public class StripeWebhookResource {

    /** The webhook's answer: {@code processed}, {@code duplicate} (event seen before) or {@code ignored}. */
    @Schema(name = "StripeWebhookAnswer")
    public record Answer(String status) {
    }

    @Inject
    WebhookDeliveries deliveries;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A signed Stripe event: checkout.session.completed, async_payment_succeeded/_failed and "
            + "expired are acted on; every other type is answered ignored")
    @Parameter(name = StripeWebhook.HEADER, in = ParameterIn.HEADER, required = true, schema = @Schema(type = SchemaType.STRING), description = "t=<unix seconds>,v1=<hex HMAC-SHA256(whsec secret, t + \".\" + rawBody)>")
    @APIResponse(responseCode = "200", description = "{\"status\": \"processed\" | \"duplicate\" | \"ignored\"}")
    @APIResponse(responseCode = "400", description = "An authentic body that is not a Stripe event")
    @APIResponse(responseCode = "401", description = "Missing, malformed, wrong or too old signature")
    @APIResponse(responseCode = "404", description = "Stripe is not the active gateway, or unknown payment")
    @APIResponse(responseCode = "422", description = "Amount or currency differ from the payment link's")
    public Answer receive(byte[] rawBody, @Context HttpHeaders httpHeaders) {
        return new Answer(deliveries.receive(StripeGateway.NAME, rawBody, httpHeaders.getRequestHeaders()));
    }
}
