package org.evcharging.bpp.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connects chargers to the central system as real ones do: a WebSocket to {@code <base>/<chargePointId>} offering the
 * charger's OCPP subprotocol, with HTTP Basic credentials (OCPP security profile 1; profile 2 with a {@code wss} base).
 * One JDK {@link HttpClient} with a few threads serves the whole fleet; sends are asynchronous and queued per socket,
 * since a WebSocket allows one outstanding send.
 */
public final class WebSocketDialer implements Dialer, AutoCloseable {

    /** The central system's replicas as a load balancer without affinity would spread connections: one after another. */
    private final java.util.List<URI> bases;
    private final AtomicInteger nextBase = new AtomicInteger();
    private final Duration connectTimeout;
    private final ExecutorService executor;
    private final HttpClient client;

    public WebSocketDialer(URI base, Duration connectTimeout) {
        this(java.util.List.of(base), connectTimeout);
    }

    /** Each connection (and reconnection) goes to the next of {@code bases}, round robin. */
    public WebSocketDialer(java.util.List<URI> bases, Duration connectTimeout) {
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("no central system to connect to");
        }
        for (URI base : bases) {
            String scheme = base.getScheme();
            if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
                throw new IllegalArgumentException("the central system's URI must be ws:// or wss://");
            }
        }
        this.bases = java.util.List.copyOf(bases);
        this.connectTimeout = connectTimeout;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "charger-sim-ws-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().executor(executor).connectTimeout(connectTimeout).build();
    }

    /** The charger's endpoint: the base with the id as one more path segment, percent-encoded. */
    static URI endpoint(URI base, String chargePointId) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text : text + "/") + pathSegment(chargePointId));
    }

    static String basicAuth(ChargerSpec charger) {
        String pair = charger.chargePointId() + ":" + charger.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static String pathSegment(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    @Override
    public CompletableFuture<Transport> connect(ChargerSpec charger, Transport.Listener listener) {
        SocketListener socketListener = new SocketListener(listener);
        String subprotocol = charger.version().subprotocol();
        return client.newWebSocketBuilder()
                .subprotocols(subprotocol)
                .header("Authorization", basicAuth(charger))
                .connectTimeout(connectTimeout)
                .buildAsync(endpoint(bases.get(Math.floorMod(nextBase.getAndIncrement(), bases.size())),
                        charger.chargePointId()), socketListener)
                .thenApply(ws -> {
                    if (!subprotocol.equals(ws.getSubprotocol())) {
                        ws.abort();
                        throw new CompletionException(
                                new IOException("the central system did not agree to " + subprotocol));
                    }
                    return socketListener.transport(ws);
                });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Gathers a text message's fragments, and reports the socket's end once. */
    private static final class SocketListener implements WebSocket.Listener {

        private final Transport.Listener listener;
        private final StringBuilder partial = new StringBuilder();
        private final AtomicBoolean ended = new AtomicBoolean();
        private SocketTransport transport;

        SocketListener(Transport.Listener listener) {
            this.listener = listener;
        }

        synchronized SocketTransport transport(WebSocket ws) {
            if (transport == null) {
                transport = new SocketTransport(ws, this);
            }
            return transport;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
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

        /** The charger closed it: nothing to report. */
        void closedByUs() {
            ended.set(true);
        }
    }

    /** One socket's sends, one at a time and in order. */
    private static final class SocketTransport implements Transport {

        private final WebSocket ws;
        private final SocketListener listener;
        private final ArrayDeque<String> waiting = new ArrayDeque<>();
        private boolean sending;
        private boolean closed;

        SocketTransport(WebSocket ws, SocketListener listener) {
            this.ws = ws;
            this.listener = listener;
        }

        @Override
        public void send(String text) {
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
