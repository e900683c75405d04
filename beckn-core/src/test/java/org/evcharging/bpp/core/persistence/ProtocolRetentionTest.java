package org.evcharging.bpp.core.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolRetentionTest {

    @Test
    void rowsAreKeptAsConfigured() {
        assertEquals(Duration.ofDays(7), ProtocolRetention.keep(Duration.ofDays(7), Duration.ofHours(1)));
    }

    @Test
    void neverLessThanTwiceTheLongestCallbackWindowSoARetryIsStillRecognised() {
        assertEquals(Duration.ofHours(2), ProtocolRetention.keep(Duration.ofMinutes(5), Duration.ofHours(1)));
        assertEquals(Duration.ofHours(12), ProtocolRetention.keep(Duration.ZERO, Duration.ofHours(6)));
        assertEquals(Duration.ofMinutes(6), ProtocolRetention.keep(Duration.ofMinutes(6), Duration.ofMinutes(3)));
    }

    /** A clock that only moves when a chunk works (10 ms each) or the sweep rests. */
    private static final class FakeTime {

        long now;
        final List<Long> rests = new ArrayList<>();

        ProtocolRetention.Chunk chunk(int... sizes) {
            int[] i = {0};
            return () -> {
                now += 10_000_000L;
                return i[0] < sizes.length ? sizes[i[0]++] : 0;
            };
        }

        boolean rest(long nanos) {
            rests.add(nanos);
            now += nanos;
            return true;
        }
    }

    @Test
    void a_sweep_deletes_chunk_after_chunk_of_both_tables_resting_three_times_each_chunks_time() throws Exception {
        int full = ProtocolRetention.CHUNK;
        FakeTime t = new FakeTime();
        ProtocolRetention.Chunks.Result r = ProtocolRetention.Chunks.run(t.chunk(full, full, 7), t.chunk(full, 3),
                Duration.ofMinutes(1).toNanos(), () -> t.now, t::rest);

        assertEquals(2 * full + 7, r.first());
        assertEquals(full + 3, r.second());
        assertTrue(r.complete());
        assertEquals(List.of(30_000_000L, 30_000_000L, 30_000_000L, 30_000_000L), t.rests,
                "a rest after every chunk but the last, three times the chunk's 10 ms");
    }

    @Test
    void a_sweep_stops_when_its_time_is_spent_and_says_that_rows_are_left() throws Exception {
        int full = ProtocolRetention.CHUNK;
        FakeTime t = new FakeTime();
        int[] endless = new int[1000];
        java.util.Arrays.fill(endless, full);
        ProtocolRetention.Chunks.Result r = ProtocolRetention.Chunks.run(t.chunk(endless), t.chunk(0),
                Duration.ofSeconds(1).toNanos(), () -> t.now, t::rest);

        assertFalse(r.complete(), "rows are left");
        assertEquals(25 * full, r.first(), "40 ms a chunk with its rest: 25 chunks in the second");
        assertEquals(0, r.second());
    }

    @Test
    void an_interrupted_rest_ends_the_sweep() throws Exception {
        int full = ProtocolRetention.CHUNK;
        FakeTime t = new FakeTime();
        ProtocolRetention.Chunks.Result r = ProtocolRetention.Chunks.run(t.chunk(full, full), t.chunk(full),
                Duration.ofMinutes(1).toNanos(), () -> t.now, nanos -> false);

        assertEquals(full, r.first());
        assertFalse(r.complete());
    }
}
