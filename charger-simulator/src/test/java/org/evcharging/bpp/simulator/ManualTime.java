package org.evcharging.bpp.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * A clock and scheduler the test moves by hand: {@link #advance} runs every task that falls due, in time order, with
 * the clock at each task's time. No threads and no sleeping, so a test of an hour of charging takes milliseconds.
 */
final class ManualTime extends Clock implements Scheduler {

    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private Instant now;
    private long sequence;

    ManualTime(Instant start) {
        this.now = start;
    }

    private static final class Task implements Comparable<Task>, Scheduler.Cancellable {

        final Instant due;
        final long sequence;
        final Runnable run;
        volatile boolean cancelled;

        Task(Instant due, long sequence, Runnable run) {
            this.due = due;
            this.sequence = sequence;
            this.run = run;
        }

        @Override
        public int compareTo(Task o) {
            int byTime = due.compareTo(o.due);
            return byTime != 0 ? byTime : Long.compare(sequence, o.sequence);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(now.plus(delay), sequence++, task);
        tasks.add(t);
        return t;
    }

    /** Moves the clock by {@code duration}, running what falls due on the way. */
    void advance(Duration duration) {
        Instant target;
        synchronized (this) {
            target = now.plus(duration);
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due.isAfter(target)) {
                    now = target;
                    return;
                }
                tasks.poll();
                if (next.due.isAfter(now)) {
                    now = next.due;
                }
            }
            if (!next.cancelled) {
                next.run.run();
            }
        }
    }

    void advanceSeconds(long seconds) {
        advance(Duration.ofSeconds(seconds));
    }

    /** Runs what is due now (answers "in flight" on the fake network). */
    void runDue() {
        advance(Duration.ZERO);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
