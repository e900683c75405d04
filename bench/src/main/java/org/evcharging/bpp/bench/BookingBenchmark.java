package org.evcharging.bpp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.evcharging.bpp.suite.LocalSuite;
import org.evcharging.bpp.suite.SuiteOptions;
import org.evcharging.bpp.suite.bap.BapClient;
import org.evcharging.bpp.suite.bap.BookingFlow;

/**
 * Booking throughput: complete search → select → init → pay (the link's page, as a browser) → confirm flows per
 * second through the ingress, with catalog, quote, order and payment services on one Liberty install and MariaDB.
 * Users race in pairs for each (charger, slot), so half the inits must be refused with 30008; afterwards the
 * database is checked for overlapping reservations on any charger (there must be none).
 *
 * <pre>java -cp bench/target/bench.jar org.evcharging.bpp.bench.BookingBenchmark [--flows 200] [--concurrency 8] [--warmup 40]</pre>
 */
public final class BookingBenchmark {

    private static final List<String> CONNECTORS = List.of("cz-mg-1-ccs2", "cz-mg-2-chademo", "cz-mg-3-type2",
            "cz-in-1-ccs2", "cz-in-2-type2", "cz-wf-1-ccs2");
    private static final BookingFlow.Billing BILLING = new BookingFlow.Billing("Bench User", "bench@example.com",
            "+91-9000000000");

    private BookingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int flows = AckBenchmark.intArg(args, "--flows", 200);
        int concurrency = AckBenchmark.intArg(args, "--concurrency", 8);
        int warmup = AckBenchmark.intArg(args, "--warmup", 40);
        Path work = Path.of("bench/target/booking-suite").toAbsolutePath();
        try (LocalSuite suite = LocalSuite
                .start(SuiteOptions.defaults().workDir(work).wipeWorkDir(true).jvmArgs("-Xmx384m")
                        .ingressPort(0).dbPort(0).freeServicePorts(true)
                        .services(java.util.Set.of("catalog", "quote", "order", "payment")));
                BapClient bap = BapClient.demo(suite, 0)) {
            BookingFlow flow = new BookingFlow(bap, Duration.ofSeconds(60));
            AtomicInteger next = new AtomicInteger();
            System.out.printf("warming up with %d flows...%n", warmup);
            run(flow, bap, warmup, concurrency, next, new Samples());
            Samples s = new Samples();
            long t0 = System.nanoTime();
            run(flow, bap, flows, concurrency, next, s);
            double seconds = (System.nanoTime() - t0) / 1e9;
            int overlaps = overlappingReservations(suite);
            String report = report(s, flows, concurrency, seconds, overlaps);
            System.out.println(report);
            Files.createDirectories(Path.of("bench/target"));
            Files.writeString(Path.of("bench/target/booking-benchmark.md"), report);
        }
    }

    /** Latencies per step, and how each flow ended. */
    static final class Samples {

        final Map<String, ConcurrentLinkedQueue<Long>> millis = new ConcurrentHashMap<>();
        final AtomicInteger confirmed = new AtomicInteger();
        final AtomicInteger slotTaken = new AtomicInteger();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

        void add(String step, long ms) {
            millis.computeIfAbsent(step, k -> new ConcurrentLinkedQueue<>()).add(ms);
        }
    }

    private static void run(BookingFlow flow, BapClient bap, int flows, int concurrency, AtomicInteger next, Samples s)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        OffsetDateTime base = OffsetDateTime.now(ZoneOffset.ofHoursMinutes(5, 30)).plusDays(2)
                .truncatedTo(ChronoUnit.DAYS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < flows; i++) {
                futures.add(pool.submit(() -> {
                    int k = next.getAndIncrement();
                    int pair = k / 2; // two users race for every (charger, slot)
                    String connector = CONNECTORS.get(pair % CONNECTORS.size());
                    OffsetDateTime start = base.plusMinutes(30L * (pair / CONNECTORS.size()));
                    BookingFlow.Choice c = new BookingFlow.Choice("chargezone.in", "pe-charging-01", "4", null,
                            connector,
                            start, start.plusMinutes(30), true, List.of(), null);
                    one(flow, c, s);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            bap.clearCallbacks();
        }
    }

    private static void one(BookingFlow flow, BookingFlow.Choice c, Samples s) throws Exception {
        long t0 = System.nanoTime();
        String txn = java.util.UUID.randomUUID().toString();
        BookingFlow.Step search = flow.step("search", txn,
                org.evcharging.bpp.suite.bap.BapCli.searchMessage("12.9716,77.5946", "5"));
        if (!search.ok()) {
            s.failures.add("search: " + search.sent().body());
            return;
        }
        s.add("search", search.millis());
        BookingFlow.Step select = flow.select(txn, c);
        if (!select.ok()) {
            s.failures.add("select: " + (select.callback() == null ? select.sent().body() : select.error()));
            return;
        }
        s.add("select", select.millis());
        BookingFlow.Step init = flow.init(txn, c, BILLING);
        if (!init.ok()) {
            if ("30008".equals(init.error().path("code").asText())) {
                s.slotTaken.incrementAndGet();
                s.add("init (refused: slot taken)", init.millis());
            } else {
                s.failures.add("init: " + (init.callback() == null ? init.sent().body() : init.error()));
            }
            return;
        }
        s.add("init", init.millis());
        BookingFlow.Payment paid = flow.pay(init.order().at("/payments/0/url").asText(), true);
        if (!paid.paid()) {
            s.failures.add("pay: HTTP " + paid.resultStatus() + ", the page says '" + paid.heading() + "' ("
                    + paid.status() + ")");
            return;
        }
        s.add("pay (page + form)", paid.millis());
        BookingFlow.Step confirm = flow.confirm(txn, c, null);
        if (!confirm.ok()) {
            s.failures.add("confirm: " + (confirm.callback() == null ? confirm.sent().body() : confirm.error()));
            return;
        }
        s.add("confirm", confirm.millis());
        s.add("whole booking", (System.nanoTime() - t0) / 1_000_000);
        s.confirmed.incrementAndGet();
    }

    /** Pairs of live reservations or holds on one charger whose slots overlap: a double booking. */
    private static int overlappingReservations(LocalSuite suite) throws Exception {
        try (Connection c = suite.openDb("order");
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM slot_hold a JOIN slot_hold b"
                        + " ON a.fulfillment_id = b.fulfillment_id AND a.order_id < b.order_id"
                        + " AND a.slot_start < b.slot_end AND b.slot_start < a.slot_end"
                        + " WHERE a.status = 'RESERVED' AND b.status = 'RESERVED'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String report(Samples s, int flows, int concurrency, double seconds, int overlaps) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "Booking benchmark, %s, %d flows by %d concurrent users racing in pairs for each (charger, slot), %d cores%n%n",
                LocalDate.now(), flows, concurrency, Runtime.getRuntime().availableProcessors()));
        b.append(String.format(Locale.ROOT,
                "confirmed bookings: %d in %.1f s = %.2f bookings/s; inits refused because the"
                        + " slot was taken: %d; other failures: %d; overlapping reservations in the database: %d%n%n",
                s.confirmed.get(), seconds, s.confirmed.get() / seconds, s.slotTaken.get(), s.failures.size(),
                overlaps));
        b.append("| step (request to verified callback) | n | p50 ms | p99 ms |\n|---|---|---|---|\n");
        for (String step : List.of("search", "select", "init", "init (refused: slot taken)", "pay (page + form)",
                "confirm", "whole booking")) {
            ConcurrentLinkedQueue<Long> q = s.millis.get(step);
            if (q == null) {
                continue;
            }
            long[] v = q.stream().mapToLong(Long::longValue).sorted().toArray();
            b.append(String.format(Locale.ROOT, "| %s | %d | %d | %d |%n", step, v.length, pct(v, 0.5), pct(v, 0.99)));
        }
        s.failures.stream().limit(5).forEach(f -> b.append("failure: ").append(f).append('\n'));
        return b.toString();
    }

    private static long pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0
                : sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
    }
}
