package org.evcharging.bpp.payment.gateway.sandbox;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.payment.gateway.PaymentGateway;
import org.evcharging.bpp.payment.gateway.WebhookEvent;
import org.evcharging.bpp.payment.gateway.WebhookProcessor;
import org.evcharging.bpp.payment.gateway.WebhookRejectedException;
import org.evcharging.bpp.payment.ops.PaymentMetrics;

/**
 * Where the sandbox provider reports payment outcomes. No bearer token: each delivery is authenticated by its
 * HMAC signature over the raw body ({@link SandboxSignature}), then acted on once ({@link WebhookProcessor}).
 */
@Path("/payments/v1/webhooks/sandbox")
@RequestScoped
@Tag(name = "Webhooks", description = "Payment providers' signed event deliveries")
public class SandboxWebhookResource {

    private static final SafeLog LOG = SafeLog.of(SandboxWebhookResource.class);

    /** The webhook's answer: {@code processed}, {@code duplicate} (event seen before) or {@code ignored}. */
    public record Answer(String status) {
    }

    @Inject
    PaymentGateway gateway;

    @Inject
    WebhookProcessor processor;

    @Inject
    PaymentMetrics metrics;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A signed sandbox event: payment.captured or payment.failed")
    @Parameter(name = SandboxSignature.HEADER, in = ParameterIn.HEADER, required = true,
            schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING),
            description = "t=<unix seconds>,v1=<lowercase hex HMAC-SHA256(secret, t + \".\" + rawBody)>")
    @APIResponse(responseCode = "200", description = "{\"status\": \"processed\" | \"duplicate\" | \"ignored\"}")
    @APIResponse(responseCode = "400", description = "An authentic body that is not an event")
    @APIResponse(responseCode = "401", description = "Missing, malformed, wrong or stale (over 300 s) signature")
    @APIResponse(responseCode = "404", description = "Unknown paymentId")
    @APIResponse(responseCode = "422", description = "Amount or currency differ from the payment link's")
    public Answer receive(byte[] rawBody, @Context HttpHeaders httpHeaders) {
        if (!SandboxGateway.NAME.equals(gateway.name())) {
            throw ProblemException.notFound("sandbox gateway");
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        httpHeaders.getRequestHeaders().forEach((name, values) -> {
            if (values != null && !values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        WebhookEvent event;
        try {
            event = gateway.verifyWebhook(headers, rawBody == null ? new byte[0] : rawBody);
        } catch (WebhookRejectedException e) {
            LOG.warning(() -> "sandbox webhook refused: " + e.getMessage());
            metrics.webhook(SandboxGateway.NAME, "rejected");
            throw new ProblemException(401, e.getMessage());
        } catch (IllegalArgumentException e) {
            metrics.webhook(SandboxGateway.NAME, "malformed");
            throw new ProblemException(400, e.getMessage());
        }
        WebhookProcessor.Outcome outcome;
        try {
            outcome = processor.apply(gateway.name(), event);
        } catch (ProblemException e) {
            metrics.webhook(SandboxGateway.NAME, e.problem().status() == 404 ? "unknown_payment" : "mismatch");
            throw e;
        } catch (RuntimeException e) {
            // a concurrent delivery of the same event committed first: its primary key refused ours
            if (!processor.seen(event.eventId())) {
                throw e;
            }
            outcome = WebhookProcessor.Outcome.DUPLICATE;
        }
        metrics.webhook(SandboxGateway.NAME, outcome.wire());
        return new Answer(outcome.wire());
    }
}
