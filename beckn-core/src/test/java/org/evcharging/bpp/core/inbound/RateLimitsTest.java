package org.evcharging.bpp.core.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.evcharging.bpp.core.inbound.RateLimits.Limit;
import org.evcharging.bpp.core.inbound.RateLimits.Settings;
import org.evcharging.bpp.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The door's token buckets on a clock the test moves: bursts, refills, isolation, the bound and the reports. */
class RateLimitsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T10:00:00Z"));
    private final List<LogRecord> logged = new ArrayList<>();
    private final Logger logger = Logger.getLogger(RateLimits.class.getName());
    private final Handler capture = new Handler() {

        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
    }

    private RateLimits limits(Limit perBap, Map<String, Limit> overrides, Limit global, int maxBaps) {
        return new RateLimits(new Settings(perBap, overrides, global, maxBaps),
                () -> clock.now.getEpochSecond() * 1_000_000_000L + clock.now.getNano());
    }

    private void later(long millis) {
        clock.now = clock.now.plus(Duration.ofMillis(millis));
    }

    private static int taken(RateLimits limits, String bap, int requests) {
        int n = 0;
        for (int i = 0; i < requests; i++) {
            if (limits.take(bap) == null) {
                n++;
            }
        }
        return n;
    }

    @Test
    void a_burst_is_taken_then_one_request_per_interval() {
        RateLimits limits = limits(new Limit(5, 5), Map.of(), Limit.OFF, 100);
        assertEquals(5, taken(limits, "a.example", 40));

        RateLimits.Refusal over = limits.take("a.example");
        assertNotNull(over);
        assertFalse(over.global());
        assertEquals(1, over.retryAfterSeconds(), "0.2 s to wait, said as a whole second");

        later(200);
        assertEquals(1, taken(limits, "a.example", 10));
        later(1000);
        assertEquals(5, taken(limits, "a.example", 10), "refilled at 5/s, never over the burst");
        later(60_000);
        assertEquals(5, taken(limits, "a.example", 10), "an idle minute fills the bucket, and no more");
    }

    @Test
    void retry_after_is_the_time_until_a_token_is_back_rounded_up() {
        RateLimits limits = limits(new Limit(0.1, 1), Map.of(), Limit.OFF, 100);
        assertNull(limits.take("slow.example"));
        assertEquals(10, limits.take("slow.example").retryAfterSeconds());
        later(9_500);
        assertEquals(1, limits.take("slow.example").retryAfterSeconds());
        later(500);
        assertNull(limits.take("slow.example"));
    }

    @Test
    void each_bap_has_its_own_bucket_and_some_have_more() {
        RateLimits limits = limits(new Limit(5, 5), Map.of("big.example", new Limit(50, 100), "free.example",
                Limit.OFF), Limit.OFF, 100);
        assertEquals(5, taken(limits, "a.example", 40));
        assertEquals(5, taken(limits, "b.example", 40), "a's flood spent nothing of b's");
        assertEquals(100, taken(limits, "big.example", 400));
        assertEquals(400, taken(limits, "free.example", 400), "an override of 0: no per-BAP limit");
    }

    @Test
    void the_services_bucket_is_charged_only_after_the_baps_own() {
        RateLimits limits = limits(new Limit(5, 5), Map.of(), new Limit(10, 10), 100);
        assertEquals(5, taken(limits, "flood.example", 1000), "995 refused by its own bucket");
        assertEquals(5, taken(limits, "b.example", 5), "the service's budget still had 5 for the others");

        RateLimits.Refusal over = limits.take("c.example");
        assertNotNull(over);
        assertTrue(over.global());
        assertEquals(new Limit(10, 10), over.limit());
    }

    @Test
    void a_bap_refused_by_the_services_bucket_gets_its_own_token_back() {
        RateLimits limits = limits(new Limit(0.1, 1), Map.of(), new Limit(1, 1), 100);
        assertNull(limits.take("a.example"));
        assertTrue(limits.take("b.example").global());
        later(1000);
        assertNull(limits.take("b.example"), "b's one token (10 s to come back) was given back");
    }

    @Test
    void off_takes_everything() {
        RateLimits limits = new RateLimits(Settings.OFF, System::nanoTime);
        assertEquals(10_000, taken(limits, "a.example", 10_000));
        assertEquals(0, limits.tracked());
        Settings zero = Settings.of(0, 10, "", -1, 10, 10);
        assertFalse(zero.perBap().on());
        assertFalse(zero.global().on());
    }

    @Test
    void a_full_bucket_is_forgotten_and_the_number_of_baps_tracked_is_bounded() {
        RateLimits limits = limits(new Limit(5, 5), Map.of("big.example", new Limit(50, 50)), Limit.OFF, 3);
        for (int i = 0; i < 3; i++) {
            assertNull(limits.take("bap" + i + ".example"));
        }
        assertEquals(3, limits.tracked());
        // Beyond the cap, new BAPs share one bucket with the per-BAP limit.
        assertEquals(5, taken(limits, "bap3.example", 3) + taken(limits, "bap4.example", 3),
                "bap3 and bap4 share one bucket of 5");
        assertEquals(3, limits.tracked());
        assertNull(limits.take("big.example"), "a BAP with its own limit is always tracked");
        assertEquals(4, limits.tracked());

        later(61_000);
        assertNull(limits.take("bap5.example"));
        assertEquals(1, limits.tracked(), "buckets full again were forgotten; only the new one is left");
    }

    @Test
    void at_the_cap_full_buckets_are_forgotten_to_make_room() {
        RateLimits limits = limits(new Limit(5, 5), Map.of(), Limit.OFF, 2);
        assertNull(limits.take("a.example"));
        assertNull(limits.take("b.example"));
        later(2_000);
        assertNull(limits.take("c.example"));
        assertEquals(1, limits.tracked(), "a and b were full again: forgotten for c");
        assertEquals(5, taken(limits, "c.example", 10) + 1, "c has a bucket of its own");
    }

    @Test
    void many_baps_never_grow_the_map_past_the_cap() {
        RateLimits limits = limits(new Limit(1000, 1000), Map.of(), Limit.OFF, 50);
        for (int i = 0; i < 100_000; i++) {
            limits.take("bap" + i + ".example");
            if (i % 1000 == 0) {
                later(10);
            }
        }
        assertTrue(limits.tracked() <= 50, "tracked " + limits.tracked());
    }

    @Test
    void refusals_are_reported_once_a_minute_per_bap_with_their_count() {
        RateLimits limits = limits(new Limit(5, 5), Map.of(), Limit.OFF, 100);
        taken(limits, "a.example", 1005);
        taken(limits, "b\nforged line.example", 6);
        List<String> warnings = warnings();
        assertEquals(2, warnings.size(), "one line for the first refusal of each BAP: " + warnings);
        assertTrue(warnings.get(0).contains("1 request(s) from a.example"), warnings.get(0));
        assertTrue(warnings.get(0).contains("5/s burst 5"), warnings.get(0));
        assertTrue(warnings.get(1).contains("b\\nforged line.example"), "an id is never logged raw");

        later(30_000);
        taken(limits, "a.example", 500);
        assertEquals(2, warnings().size(), "nothing more within the minute");

        later(31_000);
        assertEquals(5, taken(limits, "x.example", 5), "the minute's sweep runs on the next request");
        List<String> after = warnings();
        assertEquals(3, after.size(), after.toString());
        assertTrue(after.get(2).contains("1494 request(s) from a.example"), after.get(2));
    }

    @Test
    void overrides_are_read_from_configuration_and_a_malformed_one_fails_the_start() {
        Settings s = Settings.of(100, 200, " big.example=500/1000, other.example = 7 ,free.example=0", 1000, 2000,
                10);
        assertEquals(new Limit(500, 1000), s.overrides().get("big.example"));
        assertEquals(new Limit(7, 14), s.overrides().get("other.example"), "no burst: twice the rate");
        assertFalse(s.overrides().get("free.example").on());
        assertEquals(new Limit(100, 200), s.of("unknown.example"));
        for (String bad : List.of("big.example", "=5", "big.example=fast", "big.example=5/lots", "a=NaN")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Settings.of(1, 1, bad, 1, 1, 1), bad);
            assertTrue(e.getMessage().contains("beckn.rate-limit.bap-overrides"), e.getMessage());
        }
        assertEquals("5/s burst 10", new Limit(5, 10).toString());
        assertEquals("0.5/s burst 1", new Limit(0.5, 0).toString(), "a burst is at least 1");
    }

    @Test
    void threads_taking_at_once_never_take_more_than_the_burst() throws Exception {
        RateLimits limits = limits(new Limit(1, 1000), Map.of(), new Limit(1, 1500), 10);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> counts = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String bap = t % 2 == 0 ? "even.example" : "odd.example";
            counts.add(pool.submit(() -> {
                go.await();
                return taken(limits, bap, 2000);
            }));
        }
        go.countDown();
        int total = 0;
        for (Future<Integer> c : counts) {
            total += c.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(1500, total, "each BAP's 1000 offered, the service's 1500 the bound");
    }

    private List<String> warnings() {
        return logged.stream().filter(r -> r.getLevel() == Level.WARNING).map(LogRecord::getMessage).toList();
    }
}
