package org.evcharging.bpp.simulator;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The production {@link Scheduler}: a small pool of daemon threads shared by every charger of a fleet. A task that
 * throws is logged, not lost silently.
 */
final class ExecutorScheduler implements Scheduler, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ExecutorScheduler.class.getName());

    private final ScheduledExecutorService executor;

    ExecutorScheduler(int threads) {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, "charger-sim-timer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        var future = executor.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "a simulator timer task failed", e);
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
