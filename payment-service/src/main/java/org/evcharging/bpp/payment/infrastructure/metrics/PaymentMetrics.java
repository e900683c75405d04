package org.evcharging.bpp.payment.infrastructure.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.evcharging.bpp.payment.infrastructure.gateway.PaymentGateway;

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

    private static final List<String> LINK_OUTCOMES = List.of("created", "reused");
    private static final List<String> WEBHOOK_OUTCOMES = List.of("processed", "duplicate", "ignored", "rejected",
            "malformed", "unknown_payment", "mismatch");
    private static final List<String> REFUND_OUTCOMES = List.of("refunded", "failed", "replayed", "refused",
            "gateway_unavailable");

    @Inject
    MetricRegistry registry;

    @Inject
    PaymentGateway gateway;

    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    /** Every series of the active gateway at zero from the start, so a dashboard's {@code increase()} sees the first. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        LINK_OUTCOMES.forEach(o -> counters.computeIfAbsent("l|" + o,
                k -> registry.counter(LINKS, new Tag("outcome", o))));
        String g = gateway.name();
        WEBHOOK_OUTCOMES.forEach(o -> counters.computeIfAbsent("w|" + g + "|" + o,
                k -> registry.counter(WEBHOOKS, new Tag("gateway", g), new Tag("outcome", o))));
        REFUND_OUTCOMES.forEach(o -> counters.computeIfAbsent("r|" + o,
                k -> registry.counter(REFUNDS, new Tag("outcome", o))));
    }

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
