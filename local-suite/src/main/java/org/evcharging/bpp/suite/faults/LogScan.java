package org.evcharging.bpp.suite.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.evcharging.bpp.suite.LocalSuite;

/**
 * Reads every log a suite's services wrote and counts what must never be there (the billing contact a run used, card
 * numbers, private keys, bearer tokens) and what an operator needs there (WARN/ERROR lines carrying ids to search by:
 * {@code txn=}, {@code msg=}, or for money and chargers {@code order=}, {@code payment=}, {@code cp=} and the like).
 */
public final class LogScan {

    private static final Pattern JWT = Pattern
            .compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");
    private static final Pattern CARD = Pattern
            .compile("(?<![0-9])(?:4[0-9]{15}|5[1-5][0-9]{14}|3[47][0-9]{13})(?![0-9])");
    /** Liberty's SIMPLE console format: {@code [date] thread logger W|E message}. */
    private static final Pattern WARN_OR_ERROR = Pattern.compile("^\\[[^]]+\\] \\S+ \\S+\\s+[WE] ");
    /**
     * The ids an operator searches by: a Beckn transaction or message, and where a line is about money or a charger,
     * its order, payment, refund, gateway event or charge point.
     */
    private static final Pattern IDS = Pattern.compile("\\b(?:txn|msg|order|payment|refund|event|cp)=\\S");

    private final List<String> lines = new ArrayList<>();
    private int violations;

    private LogScan() {
    }

    /** Scans {@code <work>/logs/*.log}; {@code personal} are the billing contacts the run's users gave. */
    public static LogScan of(LocalSuite suite, List<String> personal) {
        LogScan scan = new LogScan();
        List<String> secrets = new ArrayList<>();
        secrets.add(suite.network().bpp().privateKeySeed());
        secrets.add(suite.network().demoBap().privateKeySeed());
        secrets.add(suite.network().registry().privateKeySeed());
        secrets.add(suite.tokens().operator());
        Map<String, int[]> perFile = new TreeMap<>();
        try (Stream<Path> files = Files.list(suite.workDir().resolve("logs"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                int[] c = new int[7]; // personal, cards, keys, tokens, warn/error, with ids, stack frames
                for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                    for (String p : personal) {
                        if (line.contains(p)) {
                            c[0]++;
                        }
                    }
                    Matcher card = CARD.matcher(line);
                    while (card.find()) {
                        if (luhn(card.group())) {
                            c[1]++;
                        }
                    }
                    if (line.contains("PRIVATE KEY") || secrets.subList(0, 3).stream().anyMatch(line::contains)) {
                        c[2]++;
                    }
                    if (JWT.matcher(line).find() || line.contains(secrets.get(3))) {
                        c[3]++;
                    }
                    if (WARN_OR_ERROR.matcher(line).find()) {
                        c[4]++;
                        if (IDS.matcher(line).find()) {
                            c[5]++;
                        }
                    }
                    if (line.startsWith("\tat ")) {
                        c[6]++;
                    }
                }
                perFile.put(file.getFileName().toString(), c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        scan.lines.add(String.format(Locale.ROOT, "%-28s %9s %6s %12s %13s %10s %14s %12s", "log", "billing", "cards",
                "private keys", "bearer tokens", "WARN/ERROR", "with ids", "stack frames"));
        perFile.forEach((file, c) -> {
            scan.lines.add(String.format(Locale.ROOT, "%-28s %9d %6d %12d %13d %10d %14d %12d", file, c[0], c[1], c[2],
                    c[3], c[4], c[5], c[6]));
            scan.violations += c[0] + c[1] + c[2] + c[3];
        });
        return scan;
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** The table, one line per log. */
    public List<String> lines() {
        return lines;
    }

    /** Personal data, card numbers, private keys and bearer tokens found, in all. */
    public int violations() {
        return violations;
    }
}
