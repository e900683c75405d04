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

    private final Map<String, Long> startNanos;
    private final long startedAt;

    private CpuShares(Map<String, Long> startNanos, long startedAt) {
        this.startNanos = startNanos;
        this.startedAt = startedAt;
    }

    static CpuShares start() {
        return new CpuShares(snapshot(), System.nanoTime());
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
