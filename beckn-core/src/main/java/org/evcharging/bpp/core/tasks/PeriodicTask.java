package org.evcharging.bpp.core.tasks;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.evcharging.bpp.core.logging.SafeLog;

/**
 * A task run on the container's managed scheduler from start-up to shutdown: every {@code every}, after the previous
 * run ended; a run that throws is logged and the next one comes anyway. {@link Sweeps} starts one per {@link Sweep}.
 */
public final class PeriodicTask {

    private static final SafeLog LOG = SafeLog.of(PeriodicTask.class);

    private final ScheduledFuture<?> future;

    private PeriodicTask(ScheduledFuture<?> future) {
        this.future = future;
    }

    public static PeriodicTask start(ManagedScheduledExecutorService scheduler, String name, Duration every,
            Runnable run) {
        long millis = every.toMillis();
        return new PeriodicTask(scheduler.scheduleWithFixedDelay(() -> {
            try {
                run.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "{0} failed this time: {1}", new Object[] {name, e.toString()});
            }
        }, millis, millis, TimeUnit.MILLISECONDS));
    }

    /** Stops it; a run under way finishes. Null-safe for a bean whose start never ran. */
    public static void stop(PeriodicTask task) {
        if (task != null) {
            task.future.cancel(false);
        }
    }
}
