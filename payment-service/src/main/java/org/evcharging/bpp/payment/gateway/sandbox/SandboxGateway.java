package org.evcharging.bpp.payment.gateway.sandbox;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.payment.gateway.GatewayRefund;
import org.evcharging.bpp.payment.gateway.GatewayUnavailableException;
import org.evcharging.bpp.payment.gateway.PaymentGateway;
import org.evcharging.bpp.payment.gateway.RefundOrder;
import org.evcharging.bpp.payment.gateway.WebhookEvent;
import org.evcharging.bpp.payment.links.PaymentLink;

/**
 * A payment provider that runs inside this service, for local use and tests: its checkout is our own page
 * ({@link HostedPageResource}), it reports outcomes through a real, HMAC-signed webhook over HTTP
 * ({@link SandboxCheckout}, {@link SandboxWebhookResource}), and it refunds at once unless an operator armed a
 * failure ({@link SandboxFaults}). No money moves.
 */
@ApplicationScoped
@Typed(SandboxGateway.class)
public class SandboxGateway implements PaymentGateway {

    public static final String NAME = "sandbox";

    /** For local development only; every real deployment sets PAYMENT_SANDBOX_WEBHOOK_SECRET (or another gateway). */
    public static final String DEVELOPMENT_SECRET = "sandbox-webhook-secret-for-local-development-only";

    private static final Logger LOG = Logger.getLogger(SandboxGateway.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @ConfigProperty(name = "payment.public-url", defaultValue = "http://localhost:8080")
    String publicUrl;

    @Inject
    @ConfigProperty(name = "payment.sandbox.webhook-secret", defaultValue = DEVELOPMENT_SECRET)
    String webhookSecret;

    @Inject
    SandboxFaults faults;

    private SandboxSignature signature;

    @PostConstruct
    void init() {
        signature = new SandboxSignature(webhookSecret.getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        if (DEVELOPMENT_SECRET.equals(webhookSecret)) {
            LOG.warning("the sandbox webhook secret is the local-development default; set PAYMENT_SANDBOX_WEBHOOK_SECRET");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String checkoutUrl(PaymentLink link) {
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + HostedPageResource.PATH + "/" + link.id();
    }

    @Override
    public WebhookEvent verifyWebhook(Map<String, String> headers, byte[] rawBody) {
        String header = headers.entrySet().stream()
                .filter(h -> SandboxSignature.HEADER.equalsIgnoreCase(h.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        signature.verify(header, rawBody);
        return SandboxEvents.read(rawBody);
    }

    @Override
    public GatewayRefund refund(RefundOrder order) {
        if (faults.takeRefundFault()) {
            throw new GatewayUnavailableException("sandbox: refund failure armed by an operator");
        }
        return GatewayRefund.done("sbx_rfnd_" + random());
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
