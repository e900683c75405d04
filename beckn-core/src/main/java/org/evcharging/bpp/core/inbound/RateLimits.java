package org.evcharging.bpp.core.inbound;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import org.evcharging.bpp.core.logging.SafeLog;

/**
 * The door's rate limits (docs/rate-limits.md): a token bucket per BAP, keyed by the subscriber id that signed the
 * request (so nobody can spend another BAP's budget by writing its id), and one for the whole service, taken from
 * only when the BAP's own bucket let the request through (a BAP refused by its own limit spends nothing of the
 * others'). Both are per replica.
 *
 * <p>
 * Memory is bounded: a bucket that has filled up again is forgotten (a new one would be the same), at most
 * {@code maxBaps} BAPs are tracked at once, and BAPs beyond that share one bucket with the per-BAP limit until some
 * are forgotten. A refusal is never logged on its own: each BAP's refusals are counted and reported at most once a
 * minute, with the count and the limit.
 */
public final class RateLimits {

    private static final SafeLog LOG = SafeLog.of(RateLimits.class);
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    /** At the cap, looking for buckets to forget is tried at most this often. */
    private static final long FULL_SWEEP_EVERY = TimeUnit.SECONDS.toNanos(1);

    /** A limit: a rate per second and a burst (the bucket's size, at least 1). A rate of 0 or less is no limit. */
    public record Limit(double perSecond, int burst) {

        public static final Limit OFF = new Limit(0, 0);

        public Limit {
            if (Double.isNaN(perSecond) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("a rate must be a finite number");
            }
            burst = perSecond > 0 ? Math.max(1, burst) : 0;
        }

        public boolean on() {
            return perSecond > 0;
        }

        /** The nanoseconds one token takes to come back (at least 1). */
        long interval() {
            return Math.max(1L, Math.round(1_000_000_000d / perSecond));
        }

        /** As a person reads it: {@code 5/s burst 10}, or {@code off}. */
        @Override
        public String toString() {
            if (!on()) {
                return "off";
            }
            String rate = perSecond == Math.rint(perSecond) && perSecond < 1e15 ? Long.toString((long) perSecond)
                    : Double.toString(perSecond);
            return rate + "/s burst " + burst;
        }
    }

    /**
     * The configured limits: the per-BAP one, the BAPs that have their own instead, the service's, and how many BAPs
     * are tracked at most.
     */
    public record Settings(Limit perBap, Map<String, Limit> overrides, Limit global, int maxBaps) {

        public static final Settings OFF = new Settings(Limit.OFF, Map.of(), Limit.OFF, 1);

        public Settings {
            overrides = Map.copyOf(overrides);
            maxBaps = Math.max(1, maxBaps);
        }

        /**
         * From configuration: {@code overrides} is {@code id=rate[/burst]} separated by commas (a missing burst is twice
         * the rate; a rate of 0 or less: no per-BAP limit for that BAP). A malformed entry fails the start naming it.
         */
        public static Settings of(double perBap, int perBapBurst, String overrides, double global, int globalBurst,
                int maxBaps) {
            return new Settings(new Limit(perBap, perBapBurst), parseOverrides(overrides),
                    new Limit(global, globalBurst), maxBaps);
        }

        static Map<String, Limit> parseOverrides(String text) {
            Map<String, Limit> parsed = new LinkedHashMap<>();
            if (text == null || text.isBlank()) {
                return parsed;
            }
            for (String entry : text.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                int eq = entry.lastIndexOf('=');
                String id = eq < 0 ? "" : entry.substring(0, eq).trim();
                if (id.isEmpty()) {
                    throw new IllegalStateException("beckn.rate-limit.bap-overrides: '" + entry.trim()
                            + "' is not id=rate or id=rate/burst");
                }
                String value = entry.substring(eq + 1).trim();
                int slash = value.indexOf('/');
                try {
                    double rate = Double.parseDouble(slash < 0 ? value : value.substring(0, slash).trim());
                    int burst = slash < 0 ? (int) Math.min(Integer.MAX_VALUE, Math.ceil(rate * 2))
                            : Integer.parseInt(value.substring(slash + 1).trim());
                    parsed.put(id, new Limit(rate, burst));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("beckn.rate-limit.bap-overrides: '" + entry.trim()
                            + "' is not id=rate or id=rate/burst");
                }
            }
            return parsed;
        }

        /** The limit of one BAP: its own if it has one, else the per-BAP one. */
        Limit of(String bapId) {
            return overrides.getOrDefault(bapId, perBap);
        }
    }

    /** A request over a limit: which one, and the whole seconds to wait before the next will be taken (≥ 1). */
    public record Refusal(boolean global, Limit limit, long retryAfterSeconds) {
    }

    /** A bucket with the refusals it has not reported yet. */
    private static final class Tracked {

        final String name;
        final Limit limit;
        final TokenBucket bucket;
        final AtomicLong refused = new AtomicLong();
        final AtomicLong reportDue;

        Tracked(String name, Limit limit, long now) {
            this.name = name;
            this.limit = limit;
            this.bucket = new TokenBucket(limit, now);
            this.reportDue = new AtomicLong(now);
        }

        void refused(long now) {
            refused.incrementAndGet();
            report(now);
        }

        /** Logs the refusals counted so far, if any and if the last report was a minute ago or more. */
        void report(long now) {
            long due = reportDue.get();
            if (now - due < 0 || refused.get() == 0 || !reportDue.compareAndSet(due, now + MINUTE)) {
                return;
            }
            long n = refused.getAndSet(0);
            if (n > 0) {
                LOG.log(Level.WARNING, "rate limit: {0} request(s) from {1} refused with 429 since the last report, "
                        + "over the limit of {2} on this replica",
                        new Object[] {Long.toString(n), name, limit.toString()});
            }
        }
    }

    private final Settings settings;
    private final LongSupplier nanos;
    private final ConcurrentHashMap<String, Tracked> baps = new ConcurrentHashMap<>();
    private final Tracked global;
    private final Tracked overflow;
    private final AtomicLong nextSweep;
    private final AtomicLong nextFullSweep;

    /** {@code nanos}: a monotonic nanosecond clock ({@code System::nanoTime}; tests pass their own). */
    public RateLimits(Settings settings, LongSupplier nanos) {
        this.settings = settings;
        this.nanos = nanos;
        long now = nanos.getAsLong();
        this.global = settings.global().on() ? new Tracked("all BAPs together", settings.global(), now) : null;
        this.overflow = settings.perBap().on()
                ? new Tracked("a BAP beyond the " + settings.maxBaps() + " tracked (sharing one bucket)",
                        settings.perBap(), now)
                : null;
        this.nextSweep = new AtomicLong(now + MINUTE);
        this.nextFullSweep = new AtomicLong(now);
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Takes a token for one request signed by {@code bapId}: {@code null} when the request may go on, else the limit
     * it is over. Thread-safe and lock-free on the way of a request taken.
     */
    public Refusal take(String bapId) {
        long now = nanos.getAsLong();
        if (now - nextSweep.get() >= 0) {
            sweep(now);
        }
        Tracked bap = bucketOf(bapId, now);
        if (bap != null) {
            long wait = bap.bucket.take(now);
            if (wait > 0) {
                bap.refused(now);
                return new Refusal(false, bap.limit, seconds(wait));
            }
        }
        if (global != null) {
            long wait = global.bucket.take(now);
            if (wait > 0) {
                if (bap != null) {
                    bap.bucket.giveBack();
                }
                global.refused(now);
                return new Refusal(true, global.limit, seconds(wait));
            }
        }
        return null;
    }

    /**
     * Whether a request claiming to come from {@code bapId} would be refused by its bucket now, taking nothing and
     * making no bucket: the door asks before the (costly) signature check, so that a BAP flooding far past its limit
     * costs little. Only verified requests drain a bucket ({@link #take}), so a forged header naming another BAP can
     * only be refused when that BAP's own requests are refused too.
     */
    public Refusal peek(String bapId) {
        Tracked bap = baps.get(bapId);
        if (bap == null) {
            return null;
        }
        long now = nanos.getAsLong();
        long wait = bap.bucket.peek(now);
        if (wait > 0) {
            bap.refused(now);
            return new Refusal(false, bap.limit, seconds(wait));
        }
        return null;
    }

    /** How many BAPs have a bucket of their own now (for tests and the bound). */
    int tracked() {
        return baps.size();
    }

    private Tracked bucketOf(String bapId, long now) {
        Limit limit = settings.of(bapId);
        if (!limit.on()) {
            return null;
        }
        Tracked t = baps.get(bapId);
        if (t != null) {
            return t;
        }
        // The cap is checked, not locked: threads adding at the same instant may pass it by one each.
        if (baps.size() >= settings.maxBaps() && !settings.overrides().containsKey(bapId)) {
            long due = nextFullSweep.get();
            if (now - due >= 0 && nextFullSweep.compareAndSet(due, now + FULL_SWEEP_EVERY)) {
                forgetFull(now);
            }
            if (baps.size() >= settings.maxBaps()) {
                return overflow;
            }
        }
        return baps.computeIfAbsent(bapId, id -> new Tracked(id, limit, now));
    }

    /** Once a minute: reports refusals not reported yet, and forgets the buckets that are full again. */
    private void sweep(long now) {
        long due = nextSweep.get();
        if (!nextSweep.compareAndSet(due, now + MINUTE)) {
            return;
        }
        if (global != null) {
            global.report(now);
        }
        if (overflow != null) {
            overflow.report(now);
        }
        baps.values().forEach(t -> t.report(now));
        forgetFull(now);
    }

    /**
     * Forgets the buckets full again (and with nothing left to report). A request that got such a bucket just before
     * it went may still take from it; the next one gets a new, full bucket: at most one token more, once.
     */
    private void forgetFull(long now) {
        baps.forEach((id, t) -> {
            if (t.bucket.fullAt(now) && t.refused.get() == 0) {
                baps.remove(id, t);
            }
        });
    }

    private static long seconds(long waitNanos) {
        return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }
}
