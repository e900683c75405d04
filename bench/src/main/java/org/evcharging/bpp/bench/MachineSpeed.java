package org.evcharging.bpp.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * How fast the machine itself is, minute by minute: every five seconds a fixed piece of work (a SHA-256 over 64 KB
 * and a pointer chase through 8 MB, so both the core and its caches count) is timed by the CPU time of the thread
 * that does it. On a shared host the same instructions cost more CPU time while a neighbour loads the core's
 * sibling or the caches, and every process of a run then does "more work" for the same traffic at once; this probe
 * tells that from a service growing slower. Also reads the host's steal time from {@code /proc/stat}. The probe
 * costs about 1 % of one core (some 50 ms of work every 5 s).
 */
final class MachineSpeed implements AutoCloseable {

    /** One probe: when it ran and the CPU nanoseconds its fixed work took. */
    private record Probe(long atMillis, long cpuNanos) {
    }

    private static final int CHASE_SLOTS = 2 * 1024 * 1024; // 8 MB of ints
    private static final int CHASE_STEPS = 400_000;

    private final List<Probe> probes = new ArrayList<>();
    private final Thread thread;
    private final int[] next = new int[CHASE_SLOTS];
    private final byte[] block = new byte[64 * 1024];
    private volatile boolean running = true;
    private long sink;

    private MachineSpeed() {
        // One random cycle through every slot: each step is a cache miss the prefetcher cannot guess.
        Random random = new Random(42);
        int[] order = new int[CHASE_SLOTS];
        for (int i = 0; i < CHASE_SLOTS; i++) {
            order[i] = i;
        }
        for (int i = CHASE_SLOTS - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < CHASE_SLOTS; i++) {
            next[order[i]] = order[(i + 1) % CHASE_SLOTS];
        }
        random.nextBytes(block);
        thread = new Thread(this::loop, "machine-speed-probe");
        thread.setDaemon(true);
    }

    static MachineSpeed start() {
        MachineSpeed speed = new MachineSpeed();
        speed.thread.start();
        return speed;
    }

    private void loop() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        while (running) {
            long before = mx.getCurrentThreadCpuTime();
            work();
            long cpu = mx.getCurrentThreadCpuTime() - before;
            synchronized (probes) {
                probes.add(new Probe(System.currentTimeMillis(), cpu));
            }
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void work() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(block);
            sink += sha.digest()[0];
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        int at = (int) (sink & (CHASE_SLOTS - 1));
        for (int i = 0; i < CHASE_STEPS; i++) {
            at = next[at];
        }
        sink += at;
    }

    /**
     * The median CPU milliseconds of the fixed work probed between the two instants, or NaN when none ran then.
     */
    double medianMillis(long fromMillis, long toMillis) {
        List<Long> in = new ArrayList<>();
        synchronized (probes) {
            for (Probe p : probes) {
                if (p.atMillis() >= fromMillis && p.atMillis() < toMillis) {
                    in.add(p.cpuNanos());
                }
            }
        }
        if (in.isEmpty()) {
            return Double.NaN;
        }
        in.sort(null);
        return in.get(in.size() / 2) / 1e6;
    }

    /** The host's steal and total CPU ticks so far (the "cpu" line of {@code /proc/stat}), or zeros off Linux. */
    static long[] stealAndTotalTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {Long.parseLong(f[8]), total};
        } catch (Exception e) {
            return new long[] {0, 0};
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
