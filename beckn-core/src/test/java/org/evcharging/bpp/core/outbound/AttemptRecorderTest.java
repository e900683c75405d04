package org.evcharging.bpp.core.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.evcharging.bpp.core.ops.BecknMetrics;
import org.junit.jupiter.api.Test;

/**
 * A callback delivered while the database went down: its attempt cannot be written, the lease runs out and the message
 * is claimed again; then it is recorded as delivered under the new lease, not sent to the BAP a second time.
 */
class AttemptRecorderTest {

    @Test
    void a_delivery_whose_record_was_lost_is_recorded_when_claimed_again_not_sent_twice() throws Exception {
        List<OutboxStore.Attempt> written = new CopyOnWriteArrayList<>();
        boolean[] databaseUp = {false};
        AttemptRecorder recorder = new AttemptRecorder();
        recorder.threadFactory = new jakarta.enterprise.concurrent.ManagedThreadFactory() {

            @Override
            public Thread newThread(Runnable r) {
                return new Thread(r);
            }

            @Override
            public java.util.concurrent.ForkJoinWorkerThread newThread(java.util.concurrent.ForkJoinPool pool) {
                return null;
            }
        };
        recorder.metrics = new BecknMetrics() {

            @Override
            public void callback(String action, String status, long millis) {
            }
        };
        recorder.store = new OutboxStore() {

            @Override
            public boolean[] recordAttempts(List<Attempt> attempts) {
                if (!databaseUp[0]) {
                    throw new jakarta.persistence.PersistenceException("Socket error");
                }
                written.addAll(attempts);
                boolean[] ok = new boolean[attempts.size()];
                java.util.Arrays.fill(ok, true);
                return ok;
            }
        };
        recorder.start();
        try {
            recorder.record(new OutboxStore.Attempt("o1", "on_init", 1000L, 1, 5L, 200, 4, "ACK",
                    OutboxMessage.Status.DELIVERED, 5L));
            recorder.record(new OutboxStore.Attempt("o2", "on_search", 1000L, 1, 5L, 503, 4, "HTTP 503",
                    OutboxMessage.Status.PENDING, 505L));
            Thread.sleep(300);
            assertTrue(written.isEmpty());
            databaseUp[0] = true;

            OutboxMessage again = new OutboxMessage("o1", "on_init", null, "http://bap", "{}", 0, 60_000, 13_000L);
            assertTrue(recorder.recordDeliveredAgain(again), "delivered before: recorded, not sent");
            OutboxMessage other = new OutboxMessage("o2", "on_search", null, "http://bap", "{}", 0, 60_000, 13_000L);
            assertFalse(recorder.recordDeliveredAgain(other), "not delivered: sent again");
            long end = System.currentTimeMillis() + 2000;
            while (written.isEmpty() && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            assertEquals(1, written.size());
            assertEquals("o1", written.get(0).outboxId());
            assertEquals(13_000L, written.get(0).leaseToken(), "under the new lease");
            assertEquals(OutboxMessage.Status.DELIVERED, written.get(0).newStatus());
            assertFalse(recorder.recordDeliveredAgain(again), "once");
        } finally {
            recorder.stop();
        }
    }
}
