package org.evcharging.bpp.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.evcharging.bpp.simulator.ChargerSpec;
import org.evcharging.bpp.simulator.Dialer;
import org.evcharging.bpp.simulator.Transport;

/**
 * The benchmark's own WebSocket {@link Dialer} for the charger simulator (whose {@code WebSocketDialer} is not
 * public): the same JDK WebSocket client, the same HTTP Basic and subprotocol, plus what the benchmark needs without a
 * hook in the simulator:
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

    private final URI base;
    private final Duration connectTimeout;
    private final ExecutorService executor;
    private final HttpClient client;
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
        this.base = base;
        this.connectTimeout = connectTimeout;
        this.dialGapNanos = (long) (1e9 / ratePerSecond);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-ws-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().executor(executor).connectTimeout(connectTimeout).build();
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
        Runnable dial = () -> {
            long t0 = System.nanoTime();
            SocketListener socketListener = new SocketListener(charger.chargePointId(), listener);
            String subprotocol = charger.version().subprotocol();
            client.newWebSocketBuilder().subprotocols(subprotocol)
                    .header("Authorization", basicAuth(charger))
                    .connectTimeout(connectTimeout)
                    .buildAsync(URI.create(base + "/" + charger.chargePointId()), socketListener)
                    .thenApply(ws -> {
                        if (!subprotocol.equals(ws.getSubprotocol())) {
                            ws.abort();
                            throw new CompletionException(
                                    new java.io.IOException("the central system did not agree to " + subprotocol));
                        }
                        return (Transport) socketListener.transport(ws);
                    }).whenComplete((t, failure) -> {
                        if (failure != null) {
                            failedDials.increment();
                            result.completeExceptionally(failure);
                        } else {
                            long took = System.nanoTime() - t0;
                            opened.increment();
                            connectNanos.putIfAbsent(charger.chargePointId(), took);
                            result.complete(t);
                        }
                    });
        };
        if (dialedOnce.add(charger.chargePointId())) {
            firstDials.add(dial);
        } else {
            redials.add(dial);
        }
        synchronized (this) {
            notifyAll();
        }
        return result;
    }

    private static String basicAuth(ChargerSpec charger) {
        String pair = charger.chargePointId() + ":" + charger.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        dispatcher.interrupt();
        executor.shutdownNow();
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

    /** Gathers a text message's fragments, times answers to our CALLs, and reports the socket's end once. */
    private final class SocketListener implements WebSocket.Listener {

        private final String chargePointId;
        private final Transport.Listener listener;
        private final StringBuilder partial = new StringBuilder();
        private final AtomicBoolean ended = new AtomicBoolean();
        private SocketTransport transport;

        SocketListener(String chargePointId, Transport.Listener listener) {
            this.chargePointId = chargePointId;
            this.listener = listener;
        }

        synchronized SocketTransport transport(WebSocket ws) {
            if (transport == null) {
                transport = new SocketTransport(chargePointId, ws, this);
            }
            return transport;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
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
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, java.nio.ByteBuffer data, boolean last) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closedByServer.increment();
            end("closed by the central system with code " + statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            end("socket error " + error.getClass().getSimpleName());
        }

        void end(String reason) {
            if (ended.compareAndSet(false, true)) {
                listener.onClosed(reason);
            }
        }

        void closedByUs() {
            ended.set(true);
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

    /** One socket's sends, one at a time and in order; a CALL's send time is taken when it is handed over. */
    private final class SocketTransport implements Transport {

        private final String chargePointId;
        private final WebSocket ws;
        private final SocketListener listener;
        private final ArrayDeque<String> waiting = new ArrayDeque<>();
        private boolean sending;
        private boolean closed;

        SocketTransport(String chargePointId, WebSocket ws, SocketListener listener) {
            this.chargePointId = chargePointId;
            this.ws = ws;
            this.listener = listener;
        }

        @Override
        public void send(String text) {
            String action = callAction(text);
            if (action != null) {
                pending.put(chargePointId + "\u0000" + messageId(text),
                        new Pending(action, chargePointId, System.nanoTime()));
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (sending) {
                    waiting.addLast(text);
                    return;
                }
                sending = true;
            }
            sendNow(text);
        }

        private void sendNow(String text) {
            ws.sendText(text, true).whenComplete((w, failure) -> {
                if (failure != null) {
                    ws.abort();
                    listener.end("send failed: " + failure.getClass().getSimpleName());
                    return;
                }
                String next;
                synchronized (this) {
                    next = closed ? null : waiting.pollFirst();
                    if (next == null) {
                        sending = false;
                        return;
                    }
                }
                sendNow(next);
            });
        }

        @Override
        public void close() {
            synchronized (this) {
                closed = true;
                waiting.clear();
            }
            listener.closedByUs();
            ws.abort();
        }
    }
}
