package org.evcharging.bpp.payment.application.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.payment.infrastructure.gateway.PaymentGateway;
import org.evcharging.bpp.payment.infrastructure.gateway.WebhookEvent;
import org.evcharging.bpp.payment.infrastructure.gateway.WebhookRejectedException;
import org.evcharging.bpp.payment.infrastructure.metrics.PaymentMetrics;

/**
 * One webhook delivery, the same for every provider: only the active gateway's endpoint answers; the provider's
 * signature is checked over the raw body before anything in it is read (401 when it fails, 400 for an authentic body
 * that is no event); the event is acted on once ({@link WebhookProcessor}); each outcome is counted by provider.
 */
@ApplicationScoped
public class WebhookDeliveries {

    private static final SafeLog LOG = SafeLog.of(WebhookDeliveries.class);

    @Inject
    PaymentGateway gateway;

    @Inject
    WebhookProcessor processor;

    @Inject
    PaymentMetrics metrics;

    /**
     * Takes a delivery at {@code provider}'s endpoint.
     *
     * @param requestHeaders the request's headers as received, each name with its values
     * @return the outcome on the wire: {@code processed}, {@code duplicate} (event seen before) or {@code ignored}
     * @throws ProblemException 404 when {@code provider} is not the active gateway or the payment is unknown, 401, 400
     *         or 422 (amount or currency differ from the link's)
     */
    public String receive(String provider, byte[] rawBody, Map<String, List<String>> requestHeaders) {
        if (!provider.equals(gateway.name())) {
            throw ProblemException.notFound(provider + " gateway");
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        requestHeaders.forEach((name, values) -> {
            if (values != null && !values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        WebhookEvent event;
        try {
            event = gateway.verifyWebhook(headers, rawBody == null ? new byte[0] : rawBody);
        } catch (WebhookRejectedException e) {
            LOG.warning(() -> provider + " webhook refused: " + e.getMessage());
            metrics.webhook(provider, "rejected");
            throw new ProblemException(401, e.getMessage());
        } catch (IllegalArgumentException e) {
            metrics.webhook(provider, "malformed");
            throw new ProblemException(400, e.getMessage());
        }
        WebhookProcessor.Outcome outcome;
        try {
            outcome = processor.apply(provider, event);
        } catch (ProblemException e) {
            metrics.webhook(provider, e.problem().status() == 404 ? "unknown_payment" : "mismatch");
            throw e;
        } catch (RuntimeException e) {
            // a concurrent delivery of the same event committed first: its primary key refused ours
            if (!processor.seen(event.eventId())) {
                throw e;
            }
            outcome = WebhookProcessor.Outcome.DUPLICATE;
        }
        metrics.webhook(provider, outcome.wire());
        return outcome.wire();
    }
}
