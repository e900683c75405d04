package org.evcharging.bpp.payment.infrastructure.gateway.stripe;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.payment.infrastructure.gateway.WebhookEvent;
import org.evcharging.bpp.payment.infrastructure.gateway.WebhookRejectedException;

/**
 * Authenticates a Stripe webhook delivery ({@code Stripe-Signature}: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * t.body>} under the endpoint's {@code whsec_} secret, refused when older than the tolerance) and reads the checkout
 * outcome in it. Only Checkout Session events of sessions this service made (metadata {@code payment_link_id}) are
 * outcomes; every other event is {@link WebhookEvent.Type#OTHER}, answered 2xx and ignored, so Stripe stops sending it.
 */
public class StripeWebhook {

    public static final String HEADER = "Stripe-Signature";

    private static final SafeLog LOG = SafeLog.of(StripeWebhook.class);

    private final String secret;
    private final Duration tolerance;
    private final Clock clock;

    public StripeWebhook(String secret, Duration tolerance, Clock clock) {
        if (Objects.requireNonNull(secret, "secret").isBlank()) {
            throw new IllegalArgumentException("the Stripe webhook secret is empty");
        }
        if (tolerance.isNegative() || tolerance.isZero()) {
            // Stripe's verifier skips the age check for a tolerance of 0: never allow that by accident
            throw new IllegalArgumentException("the webhook tolerance must be positive, not " + tolerance);
        }
        this.secret = secret;
        this.tolerance = tolerance;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws WebhookRejectedException for a missing, malformed, wrong or too old signature
     * @throws IllegalArgumentException for an authentic body that is not a Stripe event
     */
    public WebhookEvent verify(Map<String, String> headers, byte[] rawBody) {
        String header = headers.entrySet().stream()
                .filter(h -> HEADER.equalsIgnoreCase(h.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (header == null || header.isBlank()) {
            throw new WebhookRejectedException("missing " + HEADER + " header");
        }
        String payload = new String(rawBody == null ? new byte[0] : rawBody, StandardCharsets.UTF_8);
        // the signature first: nothing of an unauthenticated body is parsed
        try {
            Webhook.Signature.verifyHeader(payload, header, secret, tolerance.getSeconds(), clock);
        } catch (SignatureVerificationException e) {
            throw new WebhookRejectedException(HEADER + " refused: " + e.getMessage());
        }
        Event event;
        try {
            // Stripe's parser (gson stays a runtime-only dependency); it checks the signature again, at no real cost
            event = Webhook.constructEvent(payload, header, secret, tolerance.getSeconds(), clock);
        } catch (SignatureVerificationException e) {
            throw new WebhookRejectedException(HEADER + " refused: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the webhook body is not a Stripe event");
        }
        if (event == null || event.getId() == null || event.getId().isBlank() || event.getType() == null) {
            throw new IllegalArgumentException("the webhook body is not a Stripe event: no id or type");
        }
        if (event.getId().length() > 100) {
            throw new IllegalArgumentException("the event id is longer than 100 characters");
        }
        return read(event);
    }

    private WebhookEvent read(Event event) {
        Instant created = event.getCreated() == null ? null : Instant.ofEpochSecond(event.getCreated());
        WebhookEvent.Type type = switch (event.getType()) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> WebhookEvent.Type.CAPTURED;
            case "checkout.session.async_payment_failed", "checkout.session.expired" -> WebhookEvent.Type.FAILED;
            default -> WebhookEvent.Type.OTHER;
        };
        if (type == WebhookEvent.Type.OTHER) {
            return other(event, created);
        }
        Session session = session(event);
        String linkId = session.getMetadata() == null ? null : session.getMetadata().get(StripeApi.LINK_METADATA);
        if (linkId == null) {
            // a session another integration on the same Stripe account made: not ours to act on, nor to have retried
            LOG.info(() -> "Stripe event " + event.getId() + " (" + event.getType() + ") is about session "
                    + session.getId() + ", not made by this service: ignored");
            return other(event, created);
        }
        if (type == WebhookEvent.Type.CAPTURED && !"paid".equals(session.getPaymentStatus())) {
            // completed with a delayed method (unpaid): the money is reported by async_payment_succeeded/_failed
            return other(event, created);
        }
        String paymentId = session.getClientReferenceId() != null ? session.getClientReferenceId() : linkId;
        String currency = session.getCurrency() == null ? null : session.getCurrency().toUpperCase(Locale.ROOT);
        return new WebhookEvent(event.getId(), type, paymentId, session.getPaymentIntent(),
                session.getAmountTotal() == null || currency == null ? null
                        : StripeApi.fromMinor(session.getAmountTotal(), currency),
                currency, created);
    }

    /** The event's session, whatever API version the endpoint is set to (its fields read here are in every one). */
    private static Session session(Event event) {
        StripeObject object;
        try {
            object = event.getDataObjectDeserializer().getObject().isPresent()
                    ? event.getDataObjectDeserializer().getObject().get()
                    : event.getDataObjectDeserializer().deserializeUnsafe();
        } catch (EventDataObjectDeserializationException | RuntimeException e) {
            throw new IllegalArgumentException("Stripe event " + event.getId() + " has no readable data.object");
        }
        if (!(object instanceof Session session)) {
            throw new IllegalArgumentException("Stripe event " + event.getId() + " (" + event.getType()
                    + ") does not carry a checkout session");
        }
        return session;
    }

    private static WebhookEvent other(Event event, Instant created) {
        return new WebhookEvent(event.getId(), WebhookEvent.Type.OTHER, null, null, null, null, created);
    }
}
