package org.evcharging.bpp.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Load that is measured only once it is steady. {@code workers} threads repeat one operation back to back (a closed
 * loop) while the clock is cut into windows. The warm-up ends when {@code agree} consecutive windows' rates lie within
 * {@code tolerance} of their mean and in each of them the JIT compiler threads of all the run's JVMs used at most
 * {@code maxJit} of the cores the run used, or when {@code maxWarmup} has passed, which the report then says (the figures are
 * not steady-state figures). Then {@code windows} windows are measured, each with the cores every process of the run
 * used ({@link CpuShares}), so that a figure comes with its CPU per operation for each process.
 *
 * <p>
 * Five JVMs on two cores take minutes to compile their hot paths, so a warm-up of a fixed count measures the JIT, not
 * the platform: that is why the end of the warm-up is decided by the rates themselves. The rates alone were not
 * enough: a booking run's rates held within 10 % for three windows and then rose by half in the measured ones, while
 * C2 still took 35-39 % of every service's CPU (async-profiler); hence the JIT's own share as a second test.
 */
final class SteadyLoad {

    private static final long JOIN_MILLIS = 120_000;

    /** One operation of one worker; returns how it ended (e.g. "confirmed", "slot taken"), throws when it failed. */
    @FunctionalInterface
    interface Operation {

        String run(int worker) throws Exception;
    }

    /** How the load is cut and judged. */
    record Plan(int workers, Duration window, int agree, double tolerance, double maxJit, Duration maxWarmup,
            int windows, String counted) {

        static Plan of(String[] args, int workers, String counted) {
            return new Plan(AckBenchmark.intArg(args, "--concurrency", workers),
                    Duration.ofSeconds(AckBenchmark.intArg(args, "--window", 10)),
                    AckBenchmark.intArg(args, "--agree", 3), AckBenchmark.intArg(args, "--tolerance-pct", 10) / 100.0,
                    AckBenchmark.intArg(args, "--max-jit-pct", 5) / 100.0,
                    Duration.ofSeconds(AckBenchmark.intArg(args, "--max-warmup", 900)),
                    AckBenchmark.intArg(args, "--windows", 6), counted);
        }

        String describe() {
            return String.format(Locale.ROOT,
                    "%d concurrent workers; warm-up until %d consecutive %d s windows agree within %.0f %% with the"
                            + " JIT at most %.0f %% of the cores used (at most %d s), then %d windows of %d s measured",
                    workers, agree, window.toSeconds(), tolerance * 100, maxJit * 100, maxWarmup.toSeconds(), windows,
                    window.toSeconds());
        }
    }

    /** One window: operations by outcome, the rate and latencies of the counted outcome, cores per process. */
    record Window(Instant start, double seconds, Map<String, Long> outcomes, long failed, long[] sortedNanos,
            Map<String, Double> cores, double jitCores) {

        /** The JIT compilers' share of the cores the run used in this window. */
        double jitShare() {
            return CpuShares.jitShare(cores, jitCores);
        }

        long counted(String outcome) {
            return outcomes.getOrDefault(outcome, 0L);
        }

        double rate(String outcome) {
            return counted(outcome) / seconds;
        }
    }

    /** The warm-up's windows, whether it became steady, and the measured windows. */
    record Result(Plan plan, List<Window> warmUp, boolean steady, List<Window> measured, List<String> failures,
            Map<String, Long> residentMiB) {

        double medianRate() {
            return median(measured.stream().mapToDouble(w -> w.rate(plan.counted())).toArray());
        }

        double medianPercentileMillis(double q) {
            return median(measured.stream().mapToDouble(w -> AckBenchmark.percentileMillis(w.sortedNanos(), q))
                    .toArray());
        }

        long total(String outcome) {
            return measured.stream().mapToLong(w -> w.counted(outcome)).sum();
        }

        long failed() {
            return measured.stream().mapToLong(Window::failed).sum();
        }

        /** CPU milliseconds per counted operation for each process, over all measured windows. */
        Map<String, Double> cpuMillisPerOperation() {
            Map<String, Double> coreSeconds = new LinkedHashMap<>();
            long ops = 0;
            for (Window w : measured) {
                w.cores().forEach((p, c) -> coreSeconds.merge(p, c * w.seconds(), Double::sum));
                ops += w.counted(plan.counted());
            }
            Map<String, Double> perOp = new LinkedHashMap<>();
            long n = Math.max(1, ops);
            coreSeconds.forEach((p, s) -> perOp.put(p, s * 1000 / n));
            return perOp;
        }

        /** The warm-up and measured windows as lines: rate, p50, p99 and total cores. */
        String windows() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "warm-up: %d windows, %s%n", warmUp.size(),
                    steady ? "steady" : "NOT STEADY within the warm-up limit: the figures below are not steady-state"));
            sb.append("| window | ").append(plan.counted())
                    .append("/s | p50 ms | p99 ms | cores (all processes) | of which JIT |\n");
            sb.append("|---|---|---|---|---|---|\n");
            int i = 1;
            for (Window w : warmUp) {
                sb.append(row("warm-up " + i++, w));
            }
            i = 1;
            for (Window w : measured) {
                sb.append(row("**measured " + i++ + "**", w));
            }
            return sb.toString();
        }

        /** CPU per operation and resident memory at the end, by process, as a markdown table. */
        String cpu() {
            StringBuilder sb = new StringBuilder(
                    "| process | CPU ms per " + plan.counted() + " | resident MiB at the end |\n|---|---|---|\n");
            Map<String, Double> perOp = cpuMillisPerOperation();
            perOp.forEach((p, ms) -> sb.append(String.format(Locale.ROOT, "| %s | %.2f | %s |%n", p, ms,
                    residentMiB.containsKey(p) ? residentMiB.get(p).toString() : "")));
            sb.append(String.format(Locale.ROOT, "| all | %.2f | %d |%n",
                    perOp.values().stream().mapToDouble(Double::doubleValue).sum(),
                    residentMiB.values().stream().mapToLong(Long::longValue).sum()));
            return sb.toString();
        }

        private String row(String name, Window w) {
            return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.2f | %.0f %% |%n", name,
                    w.rate(plan.counted()), AckBenchmark.percentileMillis(w.sortedNanos(), 0.5),
                    AckBenchmark.percentileMillis(w.sortedNanos(), 0.99),
                    w.cores().values().stream().mapToDouble(Double::doubleValue).sum(), 100 * w.jitShare());
        }
    }

    /** What the workers add to while a window is open. */
    private static final class Accumulator {

        final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        final AtomicLong failed = new AtomicLong();
        final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();
        final Instant start = Instant.now();
        final long startNanos = System.nanoTime();
        final CpuShares cpu = CpuShares.start();
    }

    private SteadyLoad() {
    }

    /** Runs {@code op} under {@code plan}: warm-up until steady, then the measured windows. */
    static Result run(Plan plan, Operation op) throws InterruptedException {
        AtomicReference<Accumulator> current = new AtomicReference<>(new Accumulator());
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < plan.workers(); t++) {
            int worker = t;
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    long t0 = System.nanoTime();
                    try {
                        String outcome = op.run(worker);
                        long took = System.nanoTime() - t0;
                        Accumulator acc = current.get();
                        acc.outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                        if (plan.counted().equals(outcome)) {
                            acc.nanos.add(took);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        current.get().failed.incrementAndGet();
                        if (failures.size() < 10) {
                            failures.add(String.valueOf(e.getMessage()));
                        }
                    }
                }
            }, "steady-load-" + t);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        List<Window> warmUp = new ArrayList<>();
        boolean steady = false;
        long warmupEnds = System.nanoTime() + plan.maxWarmup().toNanos();
        try {
            while (System.nanoTime() < warmupEnds) {
                warmUp.add(next(plan, current));
                Window last = warmUp.get(warmUp.size() - 1);
                System.out.printf(Locale.ROOT, "warm-up window %d: %.1f %s/s, JIT %.0f %% of the cores used%n",
                        warmUp.size(), last.rate(plan.counted()), plan.counted(), 100 * last.jitShare());
                if (agree(warmUp, plan)) {
                    steady = true;
                    break;
                }
            }
            List<Window> measured = new ArrayList<>();
            for (int i = 0; i < plan.windows(); i++) {
                measured.add(next(plan, current));
                Window last = measured.get(measured.size() - 1);
                System.out.printf(Locale.ROOT, "measured window %d: %.1f %s/s, p99 %.1f ms, %s%n", i + 1,
                        last.rate(plan.counted()), plan.counted(),
                        AckBenchmark.percentileMillis(last.sortedNanos(), 0.99), CpuShares.format(last.cores()));
            }
            return new Result(plan, warmUp, steady, measured, new ArrayList<>(failures), CpuShares.residentMiB());
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join(JOIN_MILLIS); // an operation in flight ends within its own timeouts
            }
        }
    }

    /** Closes the open window after its length and opens the next. */
    private static Window next(Plan plan, AtomicReference<Accumulator> current) throws InterruptedException {
        Thread.sleep(plan.window().toMillis());
        Accumulator done = current.getAndSet(new Accumulator());
        Map<String, Double> cores = done.cpu.coresUsed();
        double jit = done.cpu.jitCoresUsed();
        double seconds = (System.nanoTime() - done.startNanos) / 1e9;
        Map<String, Long> outcomes = new LinkedHashMap<>();
        done.outcomes.forEach((k, v) -> outcomes.put(k, v.get()));
        long[] sorted = done.nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Window(done.start, seconds, outcomes, done.failed.get(), sorted, cores, jit);
    }

    /**
     * The last {@code agree} windows have a counted rate above zero, each within the tolerance of their mean, and in
     * each the JIT used at most {@code maxJit} of the cores.
     */
    static boolean agree(List<Window> windows, Plan plan) {
        if (windows.size() < plan.agree()) {
            return false;
        }
        List<Window> last = windows.subList(windows.size() - plan.agree(), windows.size());
        double[] rates = last.stream().mapToDouble(w -> w.rate(plan.counted())).toArray();
        double mean = Arrays.stream(rates).average().orElse(0);
        return mean > 0 && Arrays.stream(rates).allMatch(r -> Math.abs(r - mean) <= plan.tolerance() * mean)
                && last.stream().allMatch(w -> w.jitShare() <= plan.maxJit());
    }

    /** The verified {@code on_<action>} answering {@code sent}; throws (a failed operation) when not ACKed or not verified. */
    static org.evcharging.bpp.suite.bap.BapClient.Callback answered(org.evcharging.bpp.suite.bap.BapClient bap,
            org.evcharging.bpp.suite.bap.BapClient.Sent sent, String action) {
        if (!sent.acked()) {
            throw new IllegalStateException(action + " not ACKed: " + sent.body());
        }
        org.evcharging.bpp.suite.bap.BapClient.Callback cb = bap.awaitCallback(sent.messageId(), "on_" + action,
                Duration.ofSeconds(30));
        if (!cb.verified()) {
            throw new IllegalStateException("on_" + action + " not verified: " + cb.verificationError());
        }
        return cb;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
