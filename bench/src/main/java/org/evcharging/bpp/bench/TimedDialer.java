package org.evcharging.bpp.bench;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.evcharging.bpp.simulator.ChargerSpec;
import org.evcharging.bpp.simulator.Dialer;
import org.evcharging.bpp.simulator.Transport;
import org.evcharging.bpp.simulator.WebSocketDialer;

/**
 * The simulator's own {@link WebSocketDialer}, wrapped with what the benchmark needs (the sockets, HTTP Basic and
 * subprotocol are the simulator's; this class only decorates its listener and transport):
 * <ul>
 * <li>a <b>gated, rate-limited ramp</b>: a charger's first dial waits until the benchmark lets that many chargers in
 *     ({@link #allow(int)}), and dials leave at most {@code ratePerSecond} a second;</li>
 * <li><b>per-CALL timings</b>: the time from a charger's CALL text handed to the socket to its CALLRESULT /
 *     CALLERROR text arriving, per action, given to a {@link Sink}.</li>
 * </ul>
 */
final class TimedDialer implements Dialer, AutoCloseable {

    /** Receives one finished CALL: action, charge point, nanoseconds from send to answer, whether a CALLERROR. */
    interface Sink {

        void answered(String action, String chargePointId, long nanos, boolean error);
    }

    private record Pending(String action, String chargePointId, long sentNanos) {
    }

    private final WebSocketDialer sockets;
    private final long dialGapNanos;
    private final LinkedBlockingDeque<Runnable> firstDials = new LinkedBlockingDeque<>();
    private final LinkedBlockingDeque<Runnable> redials = new LinkedBlockingDeque<>();
    private final Set<String> dialedOnce = ConcurrentHashMap.newKeySet();
    private final AtomicInteger allowed = new AtomicInteger();
    private final AtomicInteger firstDialsStarted = new AtomicInteger();
    private final Thread dispatcher;
    private volatile Sink sink = (a, c, n, e) -> {
    };
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();

    final LongAdder opened = new LongAdder();
    final LongAdder failedDials = new LongAdder();
    final LongAdder closedByServer = new LongAdder();
    final AtomicLong connectNanosTotal = new AtomicLong();
    final ConcurrentHashMap<String, Long> connectNanos = new ConcurrentHashMap<>();

    TimedDialer(URI base, Duration connectTimeout, double ratePerSecond) {
        this.sockets = new WebSocketDialer(base, connectTimeout);
        this.dialGapNanos = (long) (1e9 / ratePerSecond);
        this.dispatcher = new Thread(this::dispatch, "bench-dialer");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    void sink(Sink s) {
        this.sink = s;
    }

    /** Lets the first {@code chargers} chargers (in the order they asked) dial. */
    void allow(int chargers) {
        allowed.set(chargers);
        synchronized (this) {
            notifyAll();
        }
    }

    /** CALLs sent and not answered for longer than {@code olderThan}, by action. */
    java.util.Map<String, Integer> unanswered(Duration olderThan) {
        long limit = System.nanoTime() - olderThan.toNanos();
        java.util.Map<String, Integer> byAction = new java.util.TreeMap<>();
        pending.values().stream().filter(p -> p.sentNanos < limit).forEach(p -> byAction.merge(p.action, 1,
                Integer::sum));
        return byAction;
    }

    private void dispatch() {
        long next = System.nanoTime();
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Runnable dial = redials.poll();
                if (dial == null) {
                    synchronized (this) {
                        while (firstDials.isEmpty() && redials.isEmpty()
                                || redials.isEmpty() && firstDialsStarted.get() >= allowed.get()) {
                            wait(100);
                        }
                    }
                    dial = redials.poll();
                    if (dial == null) {
                        dial = firstDials.poll();
                        if (dial == null) {
                            continue;
                        }
                        firstDialsStarted.incrementAndGet();
                    }
                }
                long now = System.nanoTime();
                if (next > now) {
                    Thread.sleep((next - now) / 1_000_000, (int) ((next - now) % 1_000_000));
                }
                next = Math.max(next, now) + dialGapNanos;
                dial.run();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public CompletableFuture<Transport> connect(ChargerSpec charger, Transport.Listener listener) {
        CompletableFuture<Transport> result = new CompletableFuture<>();
        String id = charger.chargePointId();
        Runnable dial = () -> {
            long t0 = System.nanoTime();
            sockets.connect(charger, new TimingListener(id, listener)).whenComplete((t, failure) -> {
                if (failure != null) {
                    failedDials.increment();
                    result.completeExceptionally(failure);
                } else {
                    opened.increment();
                    connectNanos.putIfAbsent(id, System.nanoTime() - t0);
                    result.complete(new TimingTransport(id, t));
                }
            });
        };
        if (dialedOnce.add(id)) {
            firstDials.add(dial);
        } else {
            redials.add(dial);
        }
        synchronized (this) {
            notifyAll();
        }
        return result;
    }

    @Override
    public void close() {
        dispatcher.interrupt();
        sockets.close();
    }

    /** The message id of an OCPP-J frame {@code [type,"id",...]}, or null. */
    static String messageId(String text) {
        int q1 = text.indexOf('"');
        int q2 = q1 < 0 ? -1 : text.indexOf('"', q1 + 1);
        return q2 < 0 ? null : text.substring(q1 + 1, q2);
    }

    /** The action of a CALL frame {@code [2,"id","Action",{...}]}, or null when the text is no CALL. */
    static String callAction(String text) {
        int i = 1;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i >= text.length() || text.charAt(i) != '2') {
            return null;
        }
        int q2 = text.indexOf('"', text.indexOf('"') + 1);
        int q3 = text.indexOf('"', q2 + 1);
        int q4 = q3 < 0 ? -1 : text.indexOf('"', q3 + 1);
        return q4 < 0 ? null : text.substring(q3 + 1, q4);
    }

    /** Times the answers to a charger's CALLs as they arrive, and counts the central system's closes. */
    private final class TimingListener implements Transport.Listener {

        private final String chargePointId;
        private final Transport.Listener listener;

        TimingListener(String chargePointId, Transport.Listener listener) {
            this.chargePointId = chargePointId;
            this.listener = listener;
        }

        @Override
        public void onText(String text) {
            long now = System.nanoTime();
            char type = firstDigit(text);
            if (type == '3' || type == '4') {
                String id = messageId(text);
                Pending p = id == null ? null : pending.remove(chargePointId + "\u0000" + id);
                if (p != null) {
                    sink.answered(p.action, chargePointId, now - p.sentNanos, type == '4');
                }
            }
            listener.onText(text);
        }

        @Override
        public void onClosed(String reason) {
            if (reason.startsWith("closed by the central system")) {
                closedByServer.increment();
            }
            listener.onClosed(reason);
        }
    }

    private static char firstDigit(String text) {
        for (int i = 0; i < text.length() && i < 8; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return c;
            }
        }
        return 0;
    }

    /** Takes a CALL's send time when the charger hands it to its socket. */
    private final class TimingTransport implements Transport {

        private final String chargePointId;
        private final Transport transport;

        TimingTransport(String chargePointId, Transport transport) {
            this.chargePointId = chargePointId;
            this.transport = transport;
        }

        @Override
        public void send(String text) {
            String action = callAction(text);
            if (action != null) {
                pending.put(chargePointId + "\u0000" + messageId(text),
                        new Pending(action, chargePointId, System.nanoTime()));
            }
            transport.send(text);
        }

        @Override
        public void close() {
            transport.close();
        }
    }
}
