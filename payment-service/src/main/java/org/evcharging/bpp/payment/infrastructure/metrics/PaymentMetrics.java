package org.evcharging.bpp.payment.infrastructure.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Payment counts for {@code /metrics}: {@code payment_links_total{outcome}} (created, reused),
 * {@code payment_webhook_events_total{gateway,outcome}} (processed, duplicate, ignored, rejected, malformed,
 * unknown_payment, mismatch) and {@code payment_refunds_total{outcome}} (refunded, failed, replayed, refused,
 * gateway_unavailable). A rising {@code rejected} count is forged or replayed webhooks, or a wrong secret.
 */
@ApplicationScoped
public class PaymentMetrics {

    private static final Metadata LINKS = Metadata.builder().withName("payment_links")
            .withDescription("Payment link requests, by outcome").build();
    private static final Metadata WEBHOOKS = Metadata.builder().withName("payment_webhook_events")
            .withDescription("Gateway webhook deliveries, by gateway and outcome").build();
    private static final Metadata REFUNDS = Metadata.builder().withName("payment_refunds")
            .withDescription("Refund requests, by outcome").build();

    @Inject
    MetricRegistry registry;

    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    public void link(String outcome) {
        counters.computeIfAbsent("l|" + outcome, k -> registry.counter(LINKS, new Tag("outcome", outcome))).inc();
    }

    public void webhook(String gateway, String outcome) {
        counters.computeIfAbsent("w|" + gateway + "|" + outcome, k -> registry.counter(WEBHOOKS,
                new Tag("gateway", gateway), new Tag("outcome", outcome))).inc();
    }

    public void refund(String outcome) {
        counters.computeIfAbsent("r|" + outcome, k -> registry.counter(REFUNDS, new Tag("outcome", outcome))).inc();
    }
}
