package org.evcharging.bpp.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How long {@code ./bpp up} takes with everything built, and how much memory each service then holds: the suite is
 * started as a user starts it ({@code java -jar local-suite/target/local-suite.jar run}, in its own work directory and
 * on free ports), timed until it prints that it is ready, then left idle; each process's resident memory is read at
 * ready and after the idle time, and the whole start's CPU is added up. The first start is on an empty work
 * directory (MariaDB unpacked and initialised, schemas made); the next ones reuse it, as a developer's restarts do.
 *
 * <pre>java -cp bench/target/bench.jar org.evcharging.bpp.bench.StartBenchmark [--starts 3] [--idle 60]
 *     [--jvm-args "..."]</pre>
 * {@code --jvm-args} starts the services with other JVM options than the suite's default (to compare settings).
 */
public final class StartBenchmark {

    private static final String READY_LINE = "Ctrl-C stops everything.";
    private static final Pattern STARTED = Pattern.compile("server started in ([0-9.]+) seconds");

    private record Start(double seconds, double cpuSeconds, Map<String, Double> cpuByProcess,
            Map<String, Long> rssAtReady, Map<String, Long> rssIdle, Map<String, Double> serverSeconds) {
    }

    private StartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int starts = AckBenchmark.intArg(args, "--starts", 3);
        int idle = AckBenchmark.intArg(args, "--idle", 60);
        String jvmArgs = AckBenchmark.stringArg(args, "--jvm-args", null);
        Path jar = Path.of("local-suite/target/local-suite.jar").toAbsolutePath();
        Path work = Path.of("bench/target/start-suite").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (mvn -B install -DskipTests)");
        }
        deleteTree(work);
        List<Start> results = new ArrayList<>();
        for (int i = 1; i <= starts; i++) {
            Start s = once(jar, work, idle, jvmArgs);
            System.out.printf(Locale.ROOT, "start %d: ready in %.1f s, %.1f CPU s (%s); RSS MiB at ready %s, after"
                    + " %d s idle %s; servers' own start %s%n", i, s.seconds(), s.cpuSeconds(), s.cpuByProcess(),
                    s.rssAtReady(), idle, s.rssIdle(), s.serverSeconds());
            results.add(s);
        }
        String report = report(args, starts, idle, results);
        System.out.println(report);
        Files.createDirectories(Path.of("bench/target"));
        Files.writeString(Path.of("bench/target/start-benchmark.md"), report);
    }

    private static Start once(Path jar, Path work, int idleSeconds, String jvmArgs) throws Exception {
        int port = FreePortsOf.one();
        int dbPort = FreePortsOf.one();
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", jar.toString(), "run", "--work-dir", work.toString(),
                "--port", Integer.toString(port), "--db-port", Integer.toString(dbPort))
                .directory(Path.of("").toAbsolutePath().toFile()).redirectErrorStream(true);
        if (jvmArgs != null) {
            pb.environment().put("BPP_JVM_ARGS", jvmArgs);
        }
        long t0 = System.nanoTime();
        Process suite = pb.start();
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        StringBuilder tail = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(suite.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    if (line.contains(READY_LINE)) {
                        ready.complete(true);
                    }
                    tail.append(line).append('\n');
                    if (tail.length() > 20_000) {
                        tail.delete(0, tail.length() - 10_000);
                    }
                }
            } catch (IOException e) {
                // the suite stopped
            }
            ready.complete(false);
        }, "suite-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!ready.get(600, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the suite did not start:\n" + tail);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = treeCpuSeconds(suite.toHandle());
            Map<String, Double> cpuByProcess = cpuByProcess(suite.toHandle());
            Map<String, Long> atReady = services(suite.toHandle());
            Thread.sleep(idleSeconds * 1000L);
            Map<String, Long> afterIdle = services(suite.toHandle());
            return new Start(seconds, cpu, cpuByProcess, atReady, afterIdle, serverStartSeconds(work.resolve("logs")));
        } finally {
            suite.destroy(); // SIGTERM: the suite's shutdown hook stops the services and the database
            if (!suite.waitFor(180, TimeUnit.SECONDS)) {
                suite.descendants().forEach(ProcessHandle::destroyForcibly);
                suite.destroyForcibly();
            }
        }
    }

    /** CPU seconds used so far by the suite's process and everything it started. */
    private static double treeCpuSeconds(ProcessHandle root) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(root), root.descendants())
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum() / 1e9;
    }

    /** CPU seconds used so far by each process of the suite, by name (the suite's own JVM, each server, MariaDB). */
    private static Map<String, Double> cpuByProcess(ProcessHandle root) {
        Map<String, Double> cpu = new TreeMap<>();
        cpu.put("local suite JVM (ingress, registry)",
                root.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9);
        root.descendants().forEach(p -> p.info().totalCpuDuration()
                .ifPresent(d -> cpu.merge(CpuShares.name(p), d.toNanos() / 1e9, Double::sum)));
        return cpu;
    }

    /** Resident MiB of each Liberty server (by server name) and of MariaDB and the suite's own JVM. */
    private static Map<String, Long> services(ProcessHandle root) {
        Map<String, Long> rss = new TreeMap<>();
        rss.put("local suite JVM (ingress, registry)", CpuShares.residentKb(root.pid()) / 1024);
        root.descendants().forEach(p -> {
            long kb = CpuShares.residentKb(p.pid());
            if (kb > 0) {
                rss.merge(CpuShares.name(p), kb / 1024, Long::sum);
            }
        });
        return rss;
    }

    /** Each server's own start time as Liberty logged it (CWWKF0011I), by log file name. */
    private static Map<String, Double> serverStartSeconds(Path logs) throws IOException {
        Map<String, Double> seconds = new TreeMap<>();
        if (!Files.isDirectory(logs)) {
            return seconds;
        }
        try (var files = Files.list(logs)) {
            for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                Double last = null;
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    Matcher m = STARTED.matcher(line);
                    if (m.find()) {
                        last = Double.parseDouble(m.group(1));
                    }
                }
                if (last != null) {
                    seconds.put(log.getFileName().toString().replace(".log", ""), last);
                }
            }
        }
        return seconds;
    }

    private static String report(String[] args, int starts, int idle, List<Start> results) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Start benchmark, %s UTC, %d starts of the whole suite, %d cores%ncommand: `java -cp bench/target/bench.jar"
                        + " org.evcharging.bpp.bench.StartBenchmark%s`%n%n",
                Instant.now().truncatedTo(ChronoUnit.MINUTES), starts, Runtime.getRuntime().availableProcessors(),
                Arrays.stream(args).map(a -> " " + (a.contains(" ") ? "\"" + a + "\"" : a))
                        .collect(Collectors.joining())));
        sb.append("| start | ready in s | CPU s (all processes) | slowest server's own start s |\n|---|---|---|---|\n");
        for (int i = 0; i < results.size(); i++) {
            Start s = results.get(i);
            sb.append(String.format(Locale.ROOT, "| %d%s | %.1f | %.1f | %.1f |%n", i + 1,
                    i == 0 ? " (empty work dir)" : "", s.seconds(), s.cpuSeconds(),
                    s.serverSeconds().values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)));
        }
        Map<String, List<String>> cpu = new LinkedHashMap<>();
        for (Start s : results) {
            s.cpuByProcess().forEach((k, v) -> cpu.computeIfAbsent(k, x -> new ArrayList<>())
                    .add(String.format(Locale.ROOT, "%.1f", v)));
        }
        sb.append("\n| process | CPU s until ready (per start) |\n|---|---|\n");
        cpu.forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        Map<String, List<Long>> idleRss = new LinkedHashMap<>();
        Map<String, List<Long>> readyRss = new LinkedHashMap<>();
        for (Start s : results) {
            s.rssIdle().forEach((k, v) -> idleRss.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            s.rssAtReady().forEach((k, v) -> readyRss.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        sb.append(String.format(Locale.ROOT, "%n| process | resident MiB at ready (per start) | after %d s idle (per"
                + " start) |%n|---|---|---|%n", idle));
        idleRss.forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(readyRss.getOrDefault(k, List.of()))
                .append(" | ").append(v).append(" |\n"));
        sb.append(String.format(Locale.ROOT, "%nready (median of the starts after the first): %.1f s%n",
                SteadyLoad.median(results.stream().skip(results.size() > 1 ? 1 : 0).mapToDouble(Start::seconds)
                        .toArray())));
        return sb.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A free TCP port. */
    private static final class FreePortsOf {

        static int one() throws IOException {
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                return s.getLocalPort();
            }
        }
    }
}
