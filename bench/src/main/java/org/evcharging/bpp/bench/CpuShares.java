package org.evcharging.bpp.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the benchmark's own JVM (load generator, BAP, local ingress) and of every process it started (the
 * Liberty servers, MariaDB), read from the operating system before and after a round: where the machine's cores
 * went while one kind of request was measured.
 */
final class CpuShares {

    /** Clock ticks a second in {@code /proc/<pid>/task/<tid>/stat} (USER_HZ, 100 on Linux). */
    private static final long TICKS_PER_SECOND = 100;

    private final Map<String, Long> startNanos;
    private final long startJitNanos;
    private final long startedAt;

    private CpuShares(Map<String, Long> startNanos, long startJitNanos, long startedAt) {
        this.startNanos = startNanos;
        this.startJitNanos = startJitNanos;
        this.startedAt = startedAt;
    }

    static CpuShares start() {
        return new CpuShares(snapshot(), compilerNanos(), System.nanoTime());
    }

    /**
     * Cores the JIT compiler threads of every JVM of the run used since {@link #start()}: while it is a noticeable
     * share of all the cores used, the run is not at steady state, whatever its rate says.
     */
    double jitCoresUsed() {
        return (compilerNanos() - startJitNanos) / (double) (System.nanoTime() - startedAt);
    }

    /** The JIT compilers' share of all the cores a run used ({@code jitCores} of the {@code cores} by process). */
    static double jitShare(Map<String, Double> cores, double jitCores) {
        double all = cores.values().stream().mapToDouble(Double::doubleValue).sum();
        return all <= 0 ? 0 : jitCores / all;
    }

    /**
     * CPU time so far of the threads named {@code C1 CompilerThre...} / {@code C2 CompilerThre...} (HotSpot's JIT
     * compilers) of this JVM and every process it started, read from {@code /proc/<pid>/task/<tid>/stat}; 0 where
     * {@code /proc} is not there.
     */
    static long compilerNanos() {
        long ticks = Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
                .mapToLong(p -> compilerTicks(p.pid())).sum();
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    private static long compilerTicks(long pid) {
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc", Long.toString(pid), "task");
        long ticks = 0;
        try (Stream<java.nio.file.Path> threads = java.nio.file.Files.list(tasks)) {
            for (java.nio.file.Path t : (Iterable<java.nio.file.Path>) threads::iterator) {
                try {
                    String stat = java.nio.file.Files.readString(t.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close);
                    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                        // after "(name) ": state, ppid, ... utime is the 12th field, stime the 13th
                        String[] f = stat.substring(close + 2).split(" ");
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // the process ended, or not Linux
        }
        return ticks;
    }

    /** Cores used by each process since {@link #start()} (1.0 = one core busy the whole time). */
    Map<String, Double> coresUsed() {
        double elapsed = System.nanoTime() - startedAt;
        Map<String, Long> now = snapshot();
        Map<String, Double> cores = new LinkedHashMap<>();
        now.forEach(
                (name, nanos) -> cores.merge(name, (nanos - startNanos.getOrDefault(name, 0L)) / elapsed, Double::sum));
        return cores;
    }

    static String format(Map<String, Double> cores) {
        StringBuilder sb = new StringBuilder();
        cores.forEach((name, c) -> sb.append(String.format(Locale.ROOT, "%s %.2f, ", name, c)));
        sb.append(String.format(Locale.ROOT, "total %.2f cores",
                cores.values().stream().mapToDouble(Double::doubleValue).sum()));
        return sb.toString();
    }

    /**
     * The resident memory (VmRSS) of the benchmark's JVM and of every process it started, in MiB, by name (replicas
     * of one service added up); empty where {@code /proc} is not there.
     */
    static Map<String, Long> residentMiB() {
        Map<String, Long> rss = new LinkedHashMap<>();
        Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants()).forEach(p -> {
            long kb = residentKb(p.pid());
            if (kb > 0) {
                rss.merge(name(p), kb / 1024, Long::sum);
            }
        });
        return rss;
    }

    /** VmRSS of a process in kB, 0 when it cannot be read. */
    static long residentKb(long pid) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc", Long.toString(pid),
                    "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // gone, or not Linux
        }
        return 0;
    }

    private static Map<String, Long> snapshot() {
        Map<String, Long> nanos = new LinkedHashMap<>();
        Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
                .forEach(p -> p.info().totalCpuDuration().ifPresent(d -> nanos.merge(name(p), d.toNanos(), Long::sum)));
        return nanos;
    }

    static String name(ProcessHandle p) {
        if (p.pid() == ProcessHandle.current().pid()) {
            return "bench JVM (clients, BAP, ingress)";
        }
        String cmd = p.info().commandLine().orElse(p.info().command().orElse("?"));
        if (cmd.contains("ws-server.jar")) {
            String[] parts = cmd.trim().split("\\s+");
            for (int i = 0; i < parts.length - 1; i++) {
                if (parts[i].endsWith("ws-server.jar")) {
                    return parts[i + 1];
                }
            }
            return "liberty";
        }
        if (cmd.contains("mariadbd") || cmd.contains("mysqld")) {
            return "mariadbd";
        }
        return cmd.length() > 30 ? cmd.substring(0, 30) : cmd;
    }
}
