package org.evcharging.bpp.core.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.evcharging.bpp.core.validation.BecknSchemas;

/**
 * Per-action counts and latencies for {@code /metrics}: {@code beckn_inbound_seconds{action,status}} for the
 * synchronous ACK/NACK, {@code beckn_handle_seconds{action}} for handling an ACKed request (the handler and the
 * commit of its answer to the outbox), and {@code beckn_callback_seconds{action,outcome}} for callback delivery
 * attempts; {@code beckn_rate_limited_total{limit}} for requests refused by the door's rate limits (their 429s are
 * in {@code beckn_inbound_seconds} too, by action).
 */
@ApplicationScoped
public class BecknMetrics {

    private static final Metadata INBOUND = Metadata.builder().withName("beckn_inbound")
            .withDescription("Time to ACK or NACK a Beckn request, by action and HTTP status").build();
    private static final Metadata CALLBACK = Metadata.builder().withName("beckn_callback")
            .withDescription("Callback delivery attempts, by callback action and resulting outbox status").build();

    private static final Metadata HANDLE = Metadata.builder().withName("beckn_handle")
            .withDescription("Time to handle an ACKed Beckn request and commit its answer, by action").build();

    private static final Metadata RATE_LIMITED = Metadata.builder().withName("beckn_rate_limited")
            .withDescription("Beckn requests refused with 429 by the door's rate limits, by the limit they were over "
                    + "(bap: the signer's own, service: all BAPs together)")
            .build();

    @Inject
    MetricRegistry registry;

    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    /** The rate-limit counters at zero from the start, so a dashboard's {@code increase()} sees the first refusal. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        for (String limit : new String[] {"bap", "service"}) {
            counters.computeIfAbsent("rl|" + limit, k -> registry.counter(RATE_LIMITED, new Tag("limit", limit)));
        }
    }

    public void inbound(String requestedAction, int status, long nanos) {
        String action = BecknSchemas.BPP_ACTIONS.contains(requestedAction) ? requestedAction : "other";
        timers.computeIfAbsent("in|" + action + "|" + status, k -> registry.timer(INBOUND,
                new Tag("action", action), new Tag("status", Integer.toString(status))))
                .update(Duration.ofNanos(nanos));
    }

    /** One request refused by a rate limit: {@code bap} or {@code service} (never the BAP's id: unbounded). */
    public void rateLimited(String limit) {
        counters.computeIfAbsent("rl|" + limit, k -> registry.counter(RATE_LIMITED, new Tag("limit", limit))).inc();
    }

    public void handled(String action, long nanos) {
        String a = safe(action);
        timers.computeIfAbsent("h|" + a, k -> registry.timer(HANDLE, new Tag("action", a)))
                .update(Duration.ofNanos(nanos));
    }

    public void callback(String action, String outcome, long millis) {
        timers.computeIfAbsent("cb|" + action + "|" + outcome, k -> registry.timer(CALLBACK,
                new Tag("action", safe(action)), new Tag("outcome", outcome)))
                .update(Duration.ofMillis(millis));
    }

    private static String safe(String action) {
        return BecknSchemas.BPP_ACTIONS.contains(action) || BecknSchemas.CALLBACK_ACTIONS.contains(action) ? action
                : "other";
    }
}
