package org.evcharging.bpp.core.inbound;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One token bucket of the door's rate limits: {@code burst} tokens at most, refilled at {@code perSecond}. It is held
 * as a single number, the instant at which the bucket will be full again (the "theoretical arrival time" of the
 * generic cell rate algorithm), and taken from with a compare-and-set: no lock, and one request never waits for
 * another. A bucket whose full-again instant has passed is full, the same as a new one, so it can be forgotten.
 */
final class TokenBucket {

    private final long interval;
    private final long capacity;
    /** When the bucket is full again, on the nanosecond clock the caller passes. */
    private final AtomicLong fullAt;

    TokenBucket(RateLimits.Limit limit, long now) {
        if (!limit.on()) {
            throw new IllegalArgumentException("a bucket needs a positive rate");
        }
        this.interval = limit.interval();
        this.capacity = interval * limit.burst();
        this.fullAt = new AtomicLong(now);
    }

    /**
     * Takes one token at {@code now}: 0 when taken, else the nanoseconds until one will be there (at least 1), and
     * nothing is taken.
     */
    long take(long now) {
        while (true) {
            long full = fullAt.get();
            long after = Math.max(full, now) + interval;
            long wait = after - now - capacity;
            if (wait > 0) {
                return wait;
            }
            if (fullAt.compareAndSet(full, after)) {
                return 0;
            }
        }
    }

    /** Like {@link #take} but takes nothing: 0 when a token is there now, else the nanoseconds until one is. */
    long peek(long now) {
        long wait = Math.max(fullAt.get(), now) + interval - now - capacity;
        return Math.max(0, wait);
    }

    /** Gives back a token taken by a request that was refused after all (by the service's own bucket). */
    void giveBack() {
        fullAt.addAndGet(-interval);
    }

    /** Whether the bucket is full at {@code now}: it has been idle long enough to be forgotten. */
    boolean fullAt(long now) {
        return fullAt.get() <= now;
    }
}
