package org.evcharging.bpp.suite.fuzz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.evcharging.bpp.core.logging.LogText;

/**
 * What a fuzz run counted, and the table a person reads at its end: per Beckn action the answers by kind (ACK, NACK by
 * HTTP status, 5xx, bodies that are not a Beckn ACK/NACK, stack traces); per OCPP version and action the answers to the
 * charger's frames (CALLRESULT, CALLERROR by code, connections closed by close code, silence); the callbacks; the
 * services' restarts and readiness; the first failures with what was sent. Thread-safe.
 */
public final class FuzzReport {

    /** What must never appear in an answer: a Java stack trace, a class or package name, exception text. */
    static final List<String> LEAKS = List.of("Exception", "\tat ", "org.evcharging", "java.", "jakarta.");

    private static final int MAX_EXAMPLES = 40;

    /** One Beckn action's answers. */
    public static final class BecknRow {

        final AtomicLong sent = new AtomicLong();
        final AtomicLong ack = new AtomicLong();
        final Map<Integer, AtomicLong> nackByStatus = new ConcurrentSkipListMap<>();
        final AtomicLong serverErrors = new AtomicLong();
        final AtomicLong nonBeckn = new AtomicLong();
        final AtomicLong stackTraces = new AtomicLong();
        final AtomicLong noAnswer = new AtomicLong();
        final AtomicLong noAnswerOverLimit = new AtomicLong();

        public long sent() {
            return sent.get();
        }

        public long ack() {
            return ack.get();
        }

        public long nack() {
            return nackByStatus.values().stream().mapToLong(AtomicLong::get).sum();
        }
    }

    /** One OCPP action's answers, in one version. */
    public static final class OcppRow {

        final AtomicLong sent = new AtomicLong();
        final AtomicLong callResult = new AtomicLong();
        final Map<String, AtomicLong> errorsByCode = new ConcurrentSkipListMap<>();
        final Map<Integer, AtomicLong> closedByCode = new ConcurrentSkipListMap<>();
        final AtomicLong silentAllowed = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong stackTraces = new AtomicLong();
    }

    private final Map<String, BecknRow> beckn = Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    private final Map<String, OcppRow> ocpp = Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    private final List<String> examples = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong exampleCount = new AtomicLong();
    final AtomicLong callbacks = new AtomicLong();
    /** The seeds sent unmutated before the run, each ACKed (not in the table): their callbacks count too. */
    final AtomicLong seedsAcked = new AtomicLong();
    final AtomicLong callbacksWithError = new AtomicLong();
    final AtomicLong callbacksUnverified = new AtomicLong();
    private final Map<String, String> services = new ConcurrentHashMap<>();
    private final AtomicLong serviceProblems = new AtomicLong();
    private volatile String header = "";
    private volatile long millis;

    public BecknRow beckn(String action) {
        return beckn.computeIfAbsent(action, a -> new BecknRow());
    }

    public OcppRow ocpp(String version, String action) {
        return ocpp.computeIfAbsent(version + " " + action, a -> new OcppRow());
    }

    static void count(Map<Integer, AtomicLong> map, int key) {
        map.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    static void count(Map<String, AtomicLong> map, String key) {
        map.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    /** Notes a failure with what caused it (the first ones only); the text from outside is made safe to print. */
    void example(String what) {
        if (exampleCount.incrementAndGet() <= MAX_EXAMPLES) {
            examples.add(LogText.safe(what, 600));
        }
    }

    void service(String name, String state, boolean problem) {
        services.put(name, state);
        if (problem) {
            serviceProblems.incrementAndGet();
        }
    }

    void header(String text) {
        this.header = text;
    }

    void duration(long ms) {
        this.millis = ms;
    }

    public long durationMillis() {
        return millis;
    }

    /** Whether the body has a stack trace, a Java class or package name or exception text in it. */
    static boolean leaks(String body) {
        if (body == null) {
            return false;
        }
        for (String leak : LEAKS) {
            if (body.contains(leak)) {
                return true;
            }
        }
        return false;
    }

    public long becknSent() {
        return beckn.values().stream().mapToLong(r -> r.sent.get()).sum();
    }

    public long serverErrors() {
        return beckn.values().stream().mapToLong(r -> r.serverErrors.get()).sum();
    }

    public long nonBecknBodies() {
        return beckn.values().stream().mapToLong(r -> r.nonBeckn.get()).sum();
    }

    public long stackTraces() {
        return beckn.values().stream().mapToLong(r -> r.stackTraces.get()).sum()
                + ocpp.values().stream().mapToLong(r -> r.stackTraces.get()).sum();
    }

    /** Beckn requests under the body limit that got no HTTP answer at all. */
    public long unanswered() {
        return beckn.values().stream().mapToLong(r -> r.noAnswer.get()).sum();
    }

    public long ocppSent() {
        return ocpp.values().stream().mapToLong(r -> r.sent.get()).sum();
    }

    public long ocppFailures() {
        return ocpp.values().stream().mapToLong(r -> r.failed.get()).sum();
    }

    public long unverifiedCallbacks() {
        return callbacksUnverified.get();
    }

    public long serviceProblems() {
        return serviceProblems.get();
    }

    public long ackedTotal() {
        return beckn.values().stream().mapToLong(r -> r.ack.get()).sum();
    }

    /** Everything that counts against the BPP: the run is clean when this is 0. */
    public long failures() {
        return serverErrors() + nonBecknBodies() + stackTraces() + unanswered() + ocppFailures()
                + unverifiedCallbacks() + serviceProblems();
    }

    public List<String> examples() {
        synchronized (examples) {
            return List.copyOf(examples);
        }
    }

    /** The table. */
    public String print() {
        StringBuilder b = new StringBuilder();
        b.append(header);
        if (!beckn.isEmpty()) {
            b.append("\nBeckn actions (HTTP answers at the door)\n");
            String row = "%-9s %8s %8s %8s %5s %9s %7s %8s  %s%n";
            b.append(String.format(row, "action", "sent", "ACK", "NACK", "5xx", "non-Beckn", "stack", "no-answer",
                    "NACK by HTTP status"));
            long[] sum = new long[7];
            synchronized (beckn) {
                beckn.forEach((action, r) -> {
                    long[] v = {r.sent.get(), r.ack.get(), r.nack(), r.serverErrors.get(), r.nonBeckn.get(),
                            r.stackTraces.get(), r.noAnswer.get()};
                    for (int i = 0; i < v.length; i++) {
                        sum[i] += v[i];
                    }
                    String byStatus = r.nackByStatus.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                            .collect(Collectors.joining(" "));
                    if (r.noAnswerOverLimit.get() > 0) {
                        byStatus += "  (+" + r.noAnswerOverLimit.get() + " over the body limit: connection closed)";
                    }
                    b.append(String.format(row, action, v[0], v[1], v[2], v[3], v[4], v[5], v[6], byStatus));
                });
            }
            b.append(String.format(row, "total", sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], ""));
            b.append(String.format(
                    "callbacks to the BAP: %d received (%d with an error), %d with an invalid signature; ACKed: %d"
                            + " above and the %d seeds sent unmutated first%n",
                    callbacks.get(), callbacksWithError.get(), callbacksUnverified.get(), sum[1], seedsAcked.get()));
        }
        if (!ocpp.isEmpty()) {
            b.append("\nOCPP frames (answers from charger-service)\n");
            String row = "%-33s %7s %10s %9s %7s %7s %6s  %s%n";
            b.append(String.format(row, "version action", "sent", "CALLRESULT", "CALLERROR", "closed", "silent",
                    "FAILED", "CALLERROR by code; closed by close code"));
            long[] sum = new long[6];
            synchronized (ocpp) {
                ocpp.forEach((key, r) -> {
                    long errors = r.errorsByCode.values().stream().mapToLong(AtomicLong::get).sum();
                    long closed = r.closedByCode.values().stream().mapToLong(AtomicLong::get).sum();
                    long[] v = {r.sent.get(), r.callResult.get(), errors, closed, r.silentAllowed.get(),
                            r.failed.get() + r.stackTraces.get()};
                    for (int i = 0; i < v.length; i++) {
                        sum[i] += v[i];
                    }
                    String detail = r.errorsByCode.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                            .collect(Collectors.joining(" "));
                    if (closed > 0) {
                        detail += "; " + r.closedByCode.entrySet().stream()
                                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(" "));
                    }
                    b.append(String.format(row, key, v[0], v[1], v[2], v[3], v[4], v[5], detail));
                });
            }
            b.append(String.format(row, "total", sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], ""));
            b.append("  silent: a frame with no usable unique id (or a CALLRESULT/CALLERROR answering nothing),"
                    + " dropped without an answer as OCPP-J allows\n");
        }
        if (!services.isEmpty()) {
            b.append("\nservices after the run\n");
            new java.util.TreeMap<>(services).forEach((s, state) -> b.append(String.format("  %-15s %s%n", s, state)));
        }
        List<String> ex = examples();
        if (!ex.isEmpty()) {
            b.append("\nfailures (first ").append(ex.size()).append(" of ").append(exampleCount.get()).append(")\n");
            ex.forEach(e -> b.append("  ").append(e).append('\n'));
        }
        b.append(String.format("%nresult: %s (%d Beckn requests, %d OCPP frames, %d failures) in %.1f s%n",
                failures() == 0 ? "CLEAN" : "FAILURES", becknSent(), ocppSent(), failures(), millis / 1000.0));
        return b.toString();
    }
}
