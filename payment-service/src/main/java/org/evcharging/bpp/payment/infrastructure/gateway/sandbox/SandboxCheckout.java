package org.evcharging.bpp.payment.infrastructure.gateway.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalInt;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.payment.domain.PaymentLink;
import org.evcharging.bpp.payment.infrastructure.gateway.WebhookEvent;

/**
 * The provider's side of the sandbox checkout: when a person pays or declines on the hosted page, the "provider"
 * decides and tells the service the way a real one would, with a signed webhook over real HTTP to
 * {@code payment.sandbox.webhook-url}, so the webhook path is exercised on every sandbox payment.
 */
@ApplicationScoped
public class SandboxCheckout {

    private static final SafeLog LOG = SafeLog.of(SandboxCheckout.class);

    @Inject
    @ConfigProperty(name = "payment.sandbox.webhook-url")
    String webhookUrl;

    @Inject
    SandboxGateway sandbox;

    @Inject
    SandboxCaptures captures;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * Captures ({@code approve}) or declines the link's payment and delivers the event. A link is captured once: the
     * capture is taken first ({@link SandboxCaptures}), so of several presses of Pay one moves money; the others are
     * answered empty. A capture whose report did not get through, and booked nothing, is given up for a new try.
     *
     * @return the webhook's HTTP status, or empty when the link's capture was taken already
     * @throws IOException when the webhook cannot be reached
     */
    public OptionalInt process(PaymentLink link, boolean approve) throws IOException, InterruptedException {
        WebhookEvent event = new WebhookEvent(UUID.randomUUID().toString(),
                approve ? WebhookEvent.Type.CAPTURED : WebhookEvent.Type.FAILED, link.id(),
                "sbx_pay_" + SandboxGateway.random(), link.amount(), link.currency(), Instant.now());
        if (approve && !take(link, event)) {
            return OptionalInt.empty();
        }
        boolean reported = false;
        try {
            int status = deliver(link, event);
            reported = status / 100 == 2;
            return OptionalInt.of(status);
        } finally {
            if (approve && !reported) {
                captures.giveUp(link.id(), event.eventId());
            }
        }
    }

    /**
     * Reports a capture again whose first report neither got through nor could be given up (the service's database
     * went down between the two): as a real provider retries its webhook, with the same event id, so that the
     * service books it once however often it comes.
     *
     * @return the webhook's HTTP status
     */
    int redeliver(PaymentLink link, String eventId) throws IOException, InterruptedException {
        return deliver(link, new WebhookEvent(eventId, WebhookEvent.Type.CAPTURED, link.id(),
                "sbx_pay_" + SandboxGateway.random(), link.amount(), link.currency(), Instant.now()));
    }

    private boolean take(PaymentLink link, WebhookEvent event) {
        try {
            return captures
                    .take(new SandboxCapture(link.id(), event.eventId(), Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        } catch (RuntimeException concurrent) {
            return false; // another press took it in the same instant: its primary key refused ours
        }
    }

    private int deliver(PaymentLink link, WebhookEvent event) throws IOException, InterruptedException {
        byte[] body = SandboxEvents.write(event);
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhookUrl))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(SandboxSignature.HEADER, sandbox.signature().header(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        LOG.info(() -> "sandbox " + event.type().wire() + " event " + event.eventId() + " for payment " + link.id()
                + " delivered: HTTP " + response.statusCode());
        return response.statusCode();
    }
}
