package org.evcharging.bpp.order.infrastructure.metrics;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Locale;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.evcharging.bpp.core.tasks.AfterCommit;
import org.evcharging.bpp.order.domain.ChargingSession;

/**
 * Order counts for {@code /metrics}, each counted once its transaction commits (a rolled-back confirm is no booking):
 * {@code bookings_total{kind}} (charging, swap: orders confirmed), {@code charging_sessions_started_total{kind}} and
 * {@code charging_sessions_ended_total{end}} (stopped, finished, slot_over, not_ended, faulted, cancelled). Every
 * series exists from the start at zero, so a dashboard's {@code increase()} sees the first one.
 */
@ApplicationScoped
public class OrderMetrics {

    private static final Metadata BOOKINGS = Metadata.builder().withName("bookings")
            .withDescription("Orders confirmed (paid and the slot reserved), by kind").build();
    private static final Metadata STARTED = Metadata.builder().withName("charging_sessions_started")
            .withDescription("Charging sessions and battery swaps started, by kind").build();
    private static final Metadata ENDED = Metadata.builder().withName("charging_sessions_ended")
            .withDescription("Charging sessions and battery swaps ended, by how they ended").build();
    private static final String[] KINDS = {"charging", "swap"};

    @Inject
    MetricRegistry registry;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** Registers every series at zero when the application starts. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        for (String kind : KINDS) {
            counter(BOOKINGS, "kind", kind);
            counter(STARTED, "kind", kind);
        }
        for (ChargingSession.End end : ChargingSession.End.values()) {
            counter(ENDED, "end", tag(end));
        }
    }

    /** An order confirmed, counted when the confirm commits. */
    public void booked(boolean swap) {
        afterCommit(() -> counter(BOOKINGS, "kind", swap ? KINDS[1] : KINDS[0]).inc());
    }

    /** A session (or swap) started, counted when the start commits. */
    public void sessionStarted(boolean swap) {
        afterCommit(() -> counter(STARTED, "kind", swap ? KINDS[1] : KINDS[0]).inc());
    }

    /** A session (or swap) ended, counted when the end commits. */
    public void sessionEnded(ChargingSession.End end) {
        afterCommit(() -> counter(ENDED, "end", tag(end)).inc());
    }

    /** Runs {@code count} once the caller's transaction commits. */
    private void afterCommit(Runnable count) {
        AfterCommit.run(transactions, count);
    }

    private static String tag(ChargingSession.End end) {
        return end.name().toLowerCase(Locale.ROOT);
    }

    /** The registry's counter of that series (registered at the first call): these are not on a hot path. */
    private Counter counter(Metadata m, String tag, String value) {
        return registry.counter(m, new Tag(tag, value));
    }
}
