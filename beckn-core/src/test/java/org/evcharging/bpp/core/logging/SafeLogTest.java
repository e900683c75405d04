package org.evcharging.bpp.core.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class SafeLogTest {

    private static final String FORGED = "x\r\n[12/5/26 10:00:00:000 UTC] 0000001 I AUDIT payment captured\u0000\u202Egnp.exe";

    @Test
    void controlFormatAndSeparatorCharactersAreEscaped() {
        assertEquals("a\\r\\nb\\tc\\\\d\\u0000e\\u202Ef\\u2028g\\u2066h\\uFEFFi",
                LogText.safe("a\r\nb\tc\\d\u0000e\u202Ef\u2028g\u2066h\uFEFFi", 100));
        assertEquals("ünï 字 \uD83D\uDE97", LogText.safe("ünï 字 \uD83D\uDE97", 100), "letters and emoji stay");
        assertEquals("\\uD800x", LogText.safe("\uD800x", 100), "an unpaired surrogate is escaped");
        assertEquals("null", LogText.safe(null, 5));
    }

    @Test
    void longTextIsCutByCodePointsSayingHowMuchWasCut() {
        assertEquals("abc…(+3)", LogText.safe("abcdef", 3));
        assertEquals("\uD83D\uDE97\uD83D\uDE97…(+1)", LogText.safe("\uD83D\uDE97\uD83D\uDE97\uD83D\uDE97", 2),
                "never between the halves of a surrogate pair");
    }

    @Test
    void aLineIsFormattedFromSafeArgumentsAndStaysOneLine() {
        String line = SafeLog.line("401 on {0}: signer {1} ({2} attempts)", new Object[] {"search", FORGED, 12345});
        assertFalse(line.contains("\n") || line.contains("\r") || line.contains("\u0000") || line.contains("\u202E"),
                line);
        assertTrue(line.startsWith("401 on search: signer x\\r\\n[12/5/26"), line);
        assertTrue(line.endsWith("\\u0000\\u202Egnp.exe (12,345 attempts)"), line);
        assertEquals("id " + "a".repeat(SafeLog.MAX_ARGUMENT) + "…(+10)",
                SafeLog.line("id {0}", new Object[] {"a".repeat(SafeLog.MAX_ARGUMENT + 10)}));
        assertTrue(SafeLog.line("built " + FORGED, null).startsWith("built x\\r\\n"), "a concatenated line too");
        assertEquals("it's {0} as is", SafeLog.line("it's {0} as is", null), "no arguments: nothing is formatted");
    }

    @Test
    void everyLoggedLineAndTraceIsSafe() {
        Logger jul = Logger.getLogger(SafeLogTest.class.getName());
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {

            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(capture);
        try {
            SafeLog log = SafeLog.of(SafeLogTest.class);
            log.info("order " + FORGED);
            log.log(Level.WARNING, "order {0}", FORGED);
            log.warning(() -> "order " + FORGED);
            log.log(Level.SEVERE, "failed", new IllegalStateException("bad " + FORGED,
                    new IllegalArgumentException("cause " + FORGED)));
        } finally {
            jul.removeHandler(capture);
        }
        assertEquals(4, records.size());
        for (LogRecord r : records) {
            assertTrue(r.getParameters() == null || r.getParameters().length == 0,
                    "formatted here, not by the handler");
            assertFalse(r.getMessage().contains("\n"), r.getMessage());
        }
        StringWriter trace = new StringWriter();
        records.get(3).getThrown().printStackTrace(new PrintWriter(trace));
        String printed = trace.toString();
        assertTrue(printed.startsWith("java.lang.IllegalStateException: bad x\\r\\n[12/5/26"), printed);
        assertTrue(printed.contains("Caused by: java.lang.IllegalArgumentException: cause x\\r\\n"), printed);
        assertTrue(printed.contains("at org.evcharging.bpp.core.logging.SafeLogTest"), "the frames are kept");
        assertFalse(printed.contains("\u202E") || printed.contains("\u0000"), printed);
        for (String line : printed.split("\n")) {
            assertFalse(line.startsWith("[12/5/26"), "no forged line: " + line);
        }
    }
}
