package org.evcharging.bpp.core.tasks;

import java.time.Duration;

/**
 * Work a service does every so often from start-up to shutdown (expired holds, refunds owed, aggregates to push,
 * running sessions, old protocol rows). An {@code @ApplicationScoped} bean implementing it is run by {@link Sweeps};
 * it only says what it is called, how often, and what one run does.
 */
public interface Sweep {

    /** For the log, when a run fails. */
    String name();

    /** The pause between the end of one run and the start of the next. */
    Duration every();

    /** One run; called through the bean's proxy, so its interceptors (e.g. {@code @Transactional}) apply. */
    void sweep();
}
