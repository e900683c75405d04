package org.evcharging.bpp.core.persistence;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitWorkerTest {

    /** Plain threads, as the container's factory gives managed ones. */
    static final ManagedThreadFactory THREADS = new ManagedThreadFactory() {

        @Override
        public Thread newThread(Runnable r) {
            return new Thread(r);
        }

        @Override
        public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
            throw new UnsupportedOperationException();
        }
    };

    @Test
    void what_queues_up_during_one_write_goes_in_the_next_within_the_limits() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        GroupCommitWorker<Integer> w = new GroupCommitWorker<>("test", THREADS, 4, i -> i, 10, batch -> {
            batches.add(new ArrayList<>(batch));
            firstWriteStarted.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(w.offer(1));
        assertTrue(firstWriteStarted.await(5, TimeUnit.SECONDS), "idle: written at once, alone");
        for (int i : new int[] {1, 1, 1, 1, 1, 9, 2}) {
            w.offer(i); // queued while the first write is "committing"
        }
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> batches.stream().mapToInt(List::size).sum() == 8);
        // at most 4 items, and at most weight 10 unless a single item weighs more
        assertEquals(List.of(List.of(1), List.of(1, 1, 1, 1), List.of(1, 9), List.of(2)), batches);
        w.stop(1_000);
        assertFalse(w.offer(5), "a stopped worker takes nothing more");
    }

    @Test
    void a_failing_write_does_not_stop_the_worker() throws Exception {
        List<Integer> written = new CopyOnWriteArrayList<>();
        CountDownLatch failing = new CountDownLatch(1);
        GroupCommitWorker<Integer> w = new GroupCommitWorker<>("test", THREADS, 10, i -> 1, 10, batch -> {
            if (batch.contains(13)) {
                failing.countDown();
                throw new IllegalStateException("unlucky");
            }
            written.addAll(batch);
        });
        w.offer(13);
        // 7 is offered once 13's batch is taken, so the two are never written together
        assertTrue(failing.await(5, TimeUnit.SECONDS));
        w.offer(7);
        await().atMost(Duration.ofSeconds(5)).until(() -> written.contains(7));
        assertEquals(List.of(7), written);
        w.stop(1_000);
    }
}
