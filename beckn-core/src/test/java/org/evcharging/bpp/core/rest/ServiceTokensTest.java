package org.evcharging.bpp.core.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceTokensTest {

    /** A clock the test moves. */
    private static final class Ticking extends Clock {

        final AtomicLong millis = new AtomicLong(1_000_000);

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    @Test
    void each_callee_has_its_own_file_and_a_renewed_file_is_read_without_a_restart(@TempDir Path dir) throws Exception {
        Ticking clock = new Ticking();
        ServiceTokens tokens = new ServiceTokens(dir, clock);
        assertNull(tokens.header("quote"), "no file: no header, the callee answers 401");

        Files.writeString(dir.resolve("quote"), "token-for-quote\n");
        Files.writeString(dir.resolve("catalog"), "token-for-catalog");
        clock.millis.addAndGet(ServiceTokens.RECHECK.toMillis());
        assertEquals("Bearer token-for-quote", tokens.header("quote"));
        assertEquals("Bearer token-for-catalog", tokens.header("catalog"));

        Files.writeString(dir.resolve("quote"), "renewed");
        Files.setLastModifiedTime(dir.resolve("quote"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertEquals("Bearer token-for-quote", tokens.header("quote"),
                "looked at again only after the recheck interval");
        clock.millis.addAndGet(ServiceTokens.RECHECK.toMillis());
        assertEquals("Bearer renewed", tokens.header("quote"));
    }
}
