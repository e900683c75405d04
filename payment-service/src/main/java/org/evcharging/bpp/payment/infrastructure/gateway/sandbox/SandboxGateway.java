package org.evcharging.bpp.payment.infrastructure.gateway.sandbox;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.payment.domain.Money;
import org.evcharging.bpp.payment.domain.PaymentLink;
import org.evcharging.bpp.payment.infrastructure.gateway.GatewayRefund;
import org.evcharging.bpp.payment.infrastructure.gateway.GatewayUnavailableException;
import org.evcharging.bpp.payment.infrastructure.gateway.PaymentGateway;
import org.evcharging.bpp.payment.infrastructure.gateway.RefundKeyConflictException;
import org.evcharging.bpp.payment.infrastructure.gateway.RefundOrder;
import org.evcharging.bpp.payment.infrastructure.gateway.WebhookEvent;

/**
 * A payment provider that runs inside this service, for local use and tests: its checkout is our own page
 * ({@code api.sandbox.HostedPageResource}), it reports outcomes through a real, HMAC-signed webhook over HTTP
 * ({@link SandboxCheckout}, to {@code api.webhooks.SandboxWebhookResource}), and it refunds at once, once per
 * idempotency key ({@link SandboxRefund}), unless an operator armed a failure or a lost answer ({@link SandboxFaults}).
 * No money moves.
 */
@ApplicationScoped
@Typed(SandboxGateway.class)
public class SandboxGateway implements PaymentGateway {

    public static final String NAME = "sandbox";

    /** Where a link's checkout page is, for people: {@code <payment.public-url>/payments/v1/pay/<paymentId>}. */
    public static final String PAGE_PATH = "/payments/v1/pay";

    /** For local development only; every real deployment sets PAYMENT_SANDBOX_WEBHOOK_SECRET (or another gateway). */
    public static final String DEVELOPMENT_SECRET = "sandbox-webhook-secret-for-local-development-only";

    private static final SafeLog LOG = SafeLog.of(SandboxGateway.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @ConfigProperty(name = "payment.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    @Inject
    @ConfigProperty(name = "payment.sandbox.webhook-secret", defaultValue = DEVELOPMENT_SECRET)
    String webhookSecret;

    @Inject
    SandboxFaults faults;

    @Inject
    SandboxRefunds refunds;

    Clock clock = Clock.systemUTC();

    private SandboxSignature signature;

    @PostConstruct
    void init() {
        signature = new SandboxSignature(webhookSecret.getBytes(StandardCharsets.UTF_8), clock);
        if (DEVELOPMENT_SECRET.equals(webhookSecret)) {
            LOG.warning(
                    "the sandbox webhook secret is the local-development default; set PAYMENT_SANDBOX_WEBHOOK_SECRET");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String checkoutUrl(PaymentLink link) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + PAGE_PATH + "/" + link.id();
    }

    @Override
    public WebhookEvent verifyWebhook(Map<String, String> headers, byte[] rawBody) {
        String header = headers.entrySet().stream()
                .filter(h -> SandboxSignature.HEADER.equalsIgnoreCase(h.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        signature.verify(header, rawBody);
        return SandboxEvents.read(rawBody);
    }

    /**
     * Refunds once per {@code refundId}, as a real provider honours its idempotency key: the first call records the
     * refund in the sandbox's own table (committed at once, whatever the caller's transaction does), every later call
     * with that id answers the same refund and moves nothing. An armed failure stops the call before anything is
     * made; an armed lost answer throws after the refund is made, as a timeout on the way back would.
     */
    @Override
    public GatewayRefund refund(RefundOrder order) {
        if (faults.takeRefundFault()) {
            throw new GatewayUnavailableException("sandbox: refund failure armed by an operator");
        }
        SandboxRefund refund = refundOnce(order);
        if (!refund.sameAs(order)) {
            throw new RefundKeyConflictException("the gateway already made refund '" + refund.refundId() + "' of "
                    + Money.format(refund.amount()) + " " + refund.currency() + " on payment " + refund.paymentId()
                    + " (" + refund.gatewayRef() + ")");
        }
        if (faults.takeLostAnswer()) {
            LOG.info(() -> "sandbox: refund " + refund.refundId() + " made (" + refund.gatewayRef()
                    + "), its answer lost as an operator armed");
            throw new GatewayUnavailableException("sandbox: the answer to refund " + refund.refundId()
                    + " was lost (armed by an operator)");
        }
        return GatewayRefund.done(refund.gatewayRef());
    }

    private SandboxRefund refundOnce(RefundOrder order) {
        SandboxRefund candidate = new SandboxRefund(order, "sbx_rfnd_" + random(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        try {
            SandboxRefund refund = refunds.recordOnce(candidate);
            if (refund == candidate) {
                LOG.info(() -> "sandbox: refund " + refund.refundId() + " of payment " + refund.paymentId() + ": "
                        + Money.format(refund.amount()) + " " + refund.currency() + ", " + refund.gatewayRef());
            }
            return refund;
        } catch (RuntimeException e) {
            // the same id committed by a concurrent call (its insert won), or the store failed: tell them apart
            Optional<SandboxRefund> stored;
            try {
                stored = refunds.find(order.refundId());
            } catch (RuntimeException again) {
                e.addSuppressed(again);
                stored = Optional.empty();
            }
            return stored.orElseThrow(() -> new GatewayUnavailableException(
                    "sandbox: refund " + order.refundId() + " could not be recorded", e));
        }
    }

    /** The sandbox's operator endpoints exist only while it is the active gateway: 404 otherwise. */
    public static void requireActive(PaymentGateway gateway) {
        if (!NAME.equals(gateway.name())) {
            throw ProblemException.notFound("sandbox gateway");
        }
    }

    /** For the sandbox's own deliveries ({@link SandboxCheckout}). */
    public SandboxSignature signature() {
        return signature;
    }

    static String random() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
