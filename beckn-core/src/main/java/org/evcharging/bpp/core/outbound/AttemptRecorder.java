package org.evcharging.bpp.core.outbound;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;

import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.ops.BecknMetrics;
import org.evcharging.bpp.core.persistence.GroupCommitWorker;

/**
 * Records callback delivery attempts in group commits: the attempts that finish while one batch is being written
 * go into the next, one local transaction for all of them. A sender hands its outcome over and moves on to the
 * next callback. The message's lease outlives the few milliseconds this takes; if the write fails, the lease runs
 * out and the poller sends the message again (delivery is at least once, as before).
 */
@ApplicationScoped
public class AttemptRecorder {

    private static final SafeLog LOG = SafeLog.of(AttemptRecorder.class);
    static final int MAX_BATCH = 256;

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    OutboxStore store;

    @Inject
    BecknMetrics metrics;

    private GroupCommitWorker<OutboxStore.Attempt> worker;

    @PostConstruct
    void start() {
        worker = new GroupCommitWorker<>("beckn-attempt-recorder", threadFactory, MAX_BATCH, a -> 1, MAX_BATCH,
                this::write);
    }

    @PreDestroy
    void stop() {
        List<OutboxStore.Attempt> rest = worker.stop(2_000);
        if (!rest.isEmpty()) {
            write(rest); // what is not written here is sent again after the restart
        }
    }

    void record(OutboxStore.Attempt attempt) {
        if (!worker.offer(attempt)) {
            write(List.of(attempt));
        }
    }

    private void write(List<OutboxStore.Attempt> batch) {
        boolean[] recorded;
        try {
            recorded = store.recordAttempts(batch);
        } catch (RuntimeException e) {
            // The leases expire and the poller tries again: at-least-once delivery.
            LOG.log(Level.WARNING, "could not record {0} delivery attempt(s): {1}",
                    new Object[] {batch.size(), e.toString()});
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            OutboxStore.Attempt a = batch.get(i);
            if (recorded[i]) {
                metrics.callback(a.action(), a.newStatus().name(), a.durationMs());
            } else {
                LOG.log(Level.WARNING, "lease on callback {0} was lost before its attempt was recorded", a.outboxId());
            }
        }
    }
}
