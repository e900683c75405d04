package org.evcharging.bpp.bench;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.evcharging.bpp.suite.LocalSuite;
import org.evcharging.bpp.suite.SuiteOptions;
import org.evcharging.bpp.suite.bap.BapClient;
import org.evcharging.bpp.suite.bap.BookingFlow;
import org.evcharging.bpp.suite.faults.Invariants;

/**
 * Booking throughput at steady state: complete search → select → init → pay (the link's page, as a browser) →
 * confirm flows through the ingress, with catalog, quote, order and payment services and MariaDB. Users race in pairs
 * for each (charger, slot), so about half the inits must be refused with 30008. The load runs until its rate is
 * steady ({@link SteadyLoad}), then is measured in windows with the CPU of every process.
 *
 * <p>
 * Afterwards the databases, not the BAP's impression, judge the run: no charger slot held or reserved by two orders at
 * once (holds included), every booking the benchmark counted is an ACTIVE order with a ledger payment of its total, and
 * the fault run's money invariants hold for every order.
 *
 * <pre>java -cp bench/target/bench.jar org.evcharging.bpp.bench.BookingBenchmark [--concurrency 8] [--window 10]
 *     [--agree 3] [--tolerance-pct 10] [--max-warmup 900] [--windows 6] [--service-jvm-args "-Xmx384m"]</pre>
 */
public final class BookingBenchmark {

    private static final List<String> CONNECTORS = List.of("cz-mg-1-ccs2", "cz-mg-2-chademo", "cz-mg-3-type2",
            "cz-in-1-ccs2", "cz-in-2-type2", "cz-wf-1-ccs2");
    private static final BookingFlow.Billing BILLING = new BookingFlow.Billing("Bench User", "bench@example.com",
            "+91-9000000000");
    private static final String CONFIRMED = "confirmed booking";
    private static final List<String> STEPS = List.of("search", "select", "select (refused: slot taken)", "init",
            "init (refused: slot taken)",
            "pay (page + form)", "confirm", "whole booking");

    private BookingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        SteadyLoad.Plan plan = SteadyLoad.Plan.of(args, 8, CONFIRMED);
        Path work = Path.of("bench/target/booking-suite").toAbsolutePath();
        try (LocalSuite suite = LocalSuite
                .start(SuiteOptions.defaults().workDir(work).wipeWorkDir(true)
                        .jvmArgs(AckBenchmark.stringArg(args, "--service-jvm-args", "-Xmx384m")).ingressPort(0)
                        .dbPort(0).freeServicePorts(true)
                        .services(java.util.Set.of("catalog", "quote", "order", "payment")));
                BapClient bap = BapClient.demo(suite, 0)) {
            BookingFlow flow = new BookingFlow(bap, Duration.ofSeconds(60));
            AtomicInteger next = new AtomicInteger();
            OffsetDateTime base = OffsetDateTime.now(ZoneOffset.ofHoursMinutes(5, 30)).plusDays(2)
                    .truncatedTo(ChronoUnit.DAYS);
            Steps steps = new Steps();
            System.out.println(plan.describe());
            SteadyLoad.Result result = SteadyLoad.run(plan, worker -> {
                int k = next.getAndIncrement();
                int pair = k / 2; // two users race for every (charger, slot)
                String connector = CONNECTORS.get(pair % CONNECTORS.size());
                OffsetDateTime start = base.plusMinutes(30L * (pair / CONNECTORS.size()));
                BookingFlow.Choice c = new BookingFlow.Choice("chargezone.in", "pe-charging-01", "4", null, connector,
                        start, start.plusMinutes(30), true, List.of(), null);
                return one(flow, bap, c, steps);
            });
            Invariants invariants = new Invariants(suite);
            List<Invariants.Check> checks = new ArrayList<>();
            checks.add(invariants.noDoubleBooking());
            checks.add(bookedAndPaid(suite, steps.confirmedOrders));
            checks.addAll(invariants.money());
            String report = report(plan, result, steps, checks, args);
            System.out.println(report);
            Files.createDirectories(Path.of("bench/target"));
            Files.writeString(Path.of("bench/target/booking-benchmark.md"), report);
        }
    }

    /** Latencies per step with the time each ended, and the orders the BAP saw confirmed. */
    static final class Steps {

        record Sample(long endedAt, long millis) {
        }

        final Map<String, ConcurrentLinkedQueue<Sample>> samples = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> confirmedOrders = new ConcurrentLinkedQueue<>();

        void add(String step, long ms) {
            samples.computeIfAbsent(step, k -> new ConcurrentLinkedQueue<>())
                    .add(new Sample(System.currentTimeMillis(), ms));
        }

        long[] since(String step, long from) {
            ConcurrentLinkedQueue<Sample> q = samples.get(step);
            return q == null ? new long[0]
                    : q.stream().filter(x -> x.endedAt() >= from).mapToLong(Sample::millis).sorted().toArray();
        }
    }

    /** One user's whole booking; its outcome, or an exception saying which step failed and how. */
    private static String one(BookingFlow flow, BapClient bap, BookingFlow.Choice c, Steps steps) throws Exception {
        long t0 = System.nanoTime();
        String txn = java.util.UUID.randomUUID().toString();
        try {
            BookingFlow.Step search = flow.step("search", txn,
                    org.evcharging.bpp.suite.bap.BapCli.searchMessage("12.9716,77.5946", "5"));
            if (!search.ok()) {
                throw new IllegalStateException("search: " + search.outcome());
            }
            steps.add("search", search.millis());
            BookingFlow.Step select = flow.select(txn, c);
            if (!select.ok()) {
                if (select.error() != null && "30008".equals(select.error().path("code").asText())) {
                    // the pair's other user confirmed before this one even selected: the quote refuses the slot
                    steps.add("select (refused: slot taken)", select.millis());
                    return "slot taken";
                }
                throw new IllegalStateException("select: " + select.outcome());
            }
            steps.add("select", select.millis());
            BookingFlow.Step init = flow.init(txn, c, BILLING);
            if (!init.ok()) {
                if ("30008".equals(init.error().path("code").asText())) {
                    steps.add("init (refused: slot taken)", init.millis());
                    return "slot taken";
                }
                throw new IllegalStateException("init: " + init.outcome());
            }
            steps.add("init", init.millis());
            BookingFlow.Payment paid = flow.pay(init.order().at("/payments/0/url").asText(), true);
            if (!paid.paid()) {
                throw new IllegalStateException("pay: HTTP " + paid.resultStatus() + ", the page says '"
                        + paid.heading() + "' (" + paid.status() + ")");
            }
            steps.add("pay (page + form)", paid.millis());
            BookingFlow.Step confirm = flow.confirm(txn, c, null);
            if (!confirm.ok() || !"ACTIVE".equals(confirm.order().path("status").asText())) {
                throw new IllegalStateException("confirm: " + confirm.outcome());
            }
            steps.add("confirm", confirm.millis());
            steps.add("whole booking", (System.nanoTime() - t0) / 1_000_000);
            steps.confirmedOrders.add(confirm.order().path("id").asText());
            return CONFIRMED;
        } finally {
            flow.forget(txn);
            bap.forgetTransaction(txn); // a long run would otherwise keep (and scan) every callback body
        }
    }

    /**
     * Every booking the BAP saw confirmed is, in the databases, an ACTIVE order with ledger payments adding up to its
     * total: the page and the callback are not proof of money.
     */
    private static Invariants.Check bookedAndPaid(LocalSuite suite, java.util.Collection<String> orderIds)
            throws SQLException {
        Map<String, String> status = new HashMap<>();
        Map<String, BigDecimal> total = new HashMap<>();
        try (Connection c = suite.openDb("order");
                PreparedStatement ps = c.prepareStatement("SELECT id, status, total FROM orders");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                status.put(rs.getString(1), rs.getString(2));
                total.put(rs.getString(1), rs.getBigDecimal(3));
            }
        }
        Map<String, BigDecimal> paid = new HashMap<>();
        try (Connection c = suite.openDb("payment");
                PreparedStatement ps = c.prepareStatement("SELECT order_ref, amount FROM ledger_payment");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                paid.merge(rs.getString(1), rs.getBigDecimal(2), BigDecimal::add);
            }
        }
        int bad = 0;
        List<String> examples = new ArrayList<>();
        for (String id : orderIds) {
            BigDecimal t = total.get(id);
            BigDecimal p = paid.get(id);
            boolean ok = "ACTIVE".equals(status.get(id)) && t != null && p != null && p.compareTo(t) == 0;
            if (!ok) {
                bad++;
                if (examples.size() < 3) {
                    examples.add("order " + id + ": " + status.get(id) + ", total " + t + ", paid " + p);
                }
            }
        }
        return new Invariants.Check("bookings the BAP saw confirmed that are not ACTIVE orders paid in full in the"
                + " ledger", bad, orderIds.size() + " confirmed bookings", examples);
    }

    private static String report(SteadyLoad.Plan plan, SteadyLoad.Result r, Steps steps,
            List<Invariants.Check> checks, String[] args) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "Booking benchmark, %s, users racing in pairs for each (charger, slot), %d cores%n%n"
                        + "command: `java -cp bench/target/bench.jar org.evcharging.bpp.bench.BookingBenchmark%s`%n"
                        + "%s%n%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                args.length == 0 ? "" : " " + String.join(" ", args), plan.describe()));
        b.append(String.format(Locale.ROOT,
                "**%.2f confirmed bookings/s** (median of the measured windows), whole booking p50 %.0f ms, p99 %.0f"
                        + " ms; measured: %d confirmed, %d refused because the slot was taken, %d failed%n%n",
                r.medianRate(), r.medianPercentileMillis(0.5), r.medianPercentileMillis(0.99), r.total(CONFIRMED),
                r.total("slot taken"), r.failed()));
        b.append(r.windows()).append('\n');
        b.append(r.cpu()).append('\n');
        long from = r.measured().isEmpty() ? Long.MAX_VALUE : r.measured().get(0).start().toEpochMilli();
        b.append(
                "| step in the measured windows (request to verified callback) | n | p50 ms | p99 ms |\n|---|---|---|---|\n");
        for (String step : STEPS) {
            long[] v = steps.since(step, from);
            if (v.length > 0) {
                b.append(String.format(Locale.ROOT, "| %s | %d | %d | %d |%n", step, v.length, pct(v, 0.5),
                        pct(v, 0.99)));
            }
        }
        b.append("\nchecked in the databases afterwards:\n");
        checks.forEach(c -> b.append("- ").append(c.line()).append('\n'));
        r.failures().stream().limit(5).forEach(f -> b.append("failure: ").append(f).append('\n'));
        return b.toString();
    }

    private static long pct(long[] sorted, double q) {
        return sorted.length == 0 ? 0
                : sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
    }
}
