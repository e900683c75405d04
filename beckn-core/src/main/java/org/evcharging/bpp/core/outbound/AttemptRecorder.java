package org.evcharging.bpp.core.outbound;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;

import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.ops.BecknMetrics;
import org.evcharging.bpp.core.persistence.GroupCommitWorker;

/**
 * Records callback delivery attempts in group commits: the attempts that finish while one batch is being written
 * go into the next, one local transaction for all of them. A sender hands its outcome over and moves on to the
 * next callback. The message's lease outlives the few milliseconds this takes; if the write fails, the lease runs
 * out and the poller claims the message again. A callback that was delivered but whose record was lost (the database
 * went down in between) is remembered here and, once claimed again, recorded as delivered instead of being sent a
 * second time (the fault run found the BAP getting it twice). Only a crash of this service in that window still sends
 * it twice: delivery is at least once, the BAP de-duplicates by message_id.
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

    @Inject
    DeliveryJournal journal;

    private GroupCommitWorker<OutboxStore.Attempt> worker;
    /** Delivered callbacks whose attempt could not be written, by outbox id; bounded, the rest are sent again. */
    private final Map<String, OutboxStore.Attempt> deliveredUnwritten = new ConcurrentHashMap<>();
    static final int MAX_UNWRITTEN = 10_000;

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

    /**
     * For a message just claimed again: when this service delivered it but could not record that, records the
     * delivery under the new lease and answers true, and the message is not sent again.
     */
    boolean recordDeliveredAgain(OutboxMessage m) {
        OutboxStore.Attempt a = deliveredUnwritten.remove(m.id());
        if (a == null) {
            if (journal == null || !journal.deliveredBeforeRestart(m.id())) {
                return false;
            }
            long now = System.currentTimeMillis();
            a = new OutboxStore.Attempt(m.id(), m.action(), 0, 0, now, 200, 0, "ACK (delivered before a restart)",
                    OutboxMessage.Status.DELIVERED, now);
        }
        record(new OutboxStore.Attempt(m.id(), a.action(), m.leaseUntil(), m.attempts() + 1, a.attemptedAt(),
                a.httpStatus(), a.durationMs(), a.outcome(), OutboxMessage.Status.DELIVERED, a.nextAttemptAt()));
        return true;
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
            // The leases expire and the poller claims them again; the delivered ones are then recorded, not resent.
            int kept = 0;
            for (OutboxStore.Attempt a : batch) {
                if (a.newStatus() == OutboxMessage.Status.DELIVERED && deliveredUnwritten.size() < MAX_UNWRITTEN) {
                    deliveredUnwritten.put(a.outboxId(), a);
                    kept++;
                }
            }
            LOG.log(Level.WARNING, "could not record {0} delivery attempt(s), {1} of them delivered (kept to be"
                    + " recorded when claimed again, not sent twice): {2}",
                    new Object[] {batch.size(), kept, e.toString()});
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
