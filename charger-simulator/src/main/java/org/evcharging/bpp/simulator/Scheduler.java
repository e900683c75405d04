package org.evcharging.bpp.simulator;

import java.time.Duration;

/**
 * Runs a task later. Every timer of every charger goes through one scheduler, so a fleet of thousands needs no thread
 * per charger, and a test can drive time by hand instead of sleeping.
 */
public interface Scheduler {

    /** Runs {@code task} once, {@code delay} from now. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that may be called off; cancelling one that ran or was cancelled does nothing. */
    interface Cancellable {

        void cancel();
    }
}
