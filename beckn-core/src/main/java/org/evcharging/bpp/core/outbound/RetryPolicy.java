package org.evcharging.bpp.core.outbound;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter for callback delivery: 0.5 s, 1 s, 2 s, ... capped at 30 s, ±20 %. */
public final class RetryPolicy {

    private final long baseMillis;
    private final long capMillis;

    public RetryPolicy(long baseMillis, long capMillis) {
        this.baseMillis = baseMillis;
        this.capMillis = capMillis;
    }

    /** The delay before attempt {@code attemptsSoFar + 1}. */
    public long delayMillis(int attemptsSoFar) {
        long exp = baseMillis << Math.min(20, Math.max(0, attemptsSoFar - 1));
        long d = Math.min(capMillis, exp);
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Math.max(1, (long) (d * jitter));
    }
}
