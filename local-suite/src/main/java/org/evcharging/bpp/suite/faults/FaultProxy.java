package org.evcharging.bpp.suite.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.evcharging.bpp.core.logging.SafeLog;

/**
 * A small HTTP proxy put in front of one peer (a service a service calls, or a webhook's receiver) to break it on
 * purpose: slow, unreachable, or delivering what it forwards twice, late or out of order. Between faults it passes
 * everything through unchanged (method, path, headers that are not hop-by-hop, body).
 */
public final class FaultProxy implements AutoCloseable {

    private static final SafeLog LOG = SafeLog.of(FaultProxy.class);
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
            "expect", "upgrade", "keep-alive", "te", "trailer", "proxy-connection");

    /** What the proxy does to each request. */
    public enum Mode {
        /** Forwards it at once. */
        PASS,
        /** Forwards it after {@link #delay}: a slow peer. */
        SLOW,
        /** Never answers (until the caller gives up or the mode changes and {@link #delay} ran out): unreachable. */
        BLACKHOLE,
        /** Forwards it twice, one after the other; the caller gets the first answer. */
        DUPLICATE,
        /** Answers 200 at once and forwards it after {@link #delay}, as a gateway retrying its webhook later does. */
        LATE,
        /**
         * Answers 200 at once and holds it until the next request has been forwarded, then forwards it: two
         * deliveries out of order.
         */
        REORDER
    }

    private record Held(String method, String path, List<String[]> headers, byte[] body) {
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final ScheduledExecutorService later;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String target;
    private final String name;
    private volatile Mode mode = Mode.PASS;
    private volatile Duration delay = Duration.ZERO;
    private final AtomicReference<Held> held = new AtomicReference<>();
    private final AtomicInteger forwarded = new AtomicInteger();
    private final AtomicInteger faulted = new AtomicInteger();

    private FaultProxy(String name, HttpServer server) {
        this.name = name;
        this.server = server;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-proxy-" + name);
            t.setDaemon(true);
            return t;
        });
        this.later = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fault-proxy-" + name + "-later");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    /**
     * A proxy on a free loopback port; it forwards once {@link #target} is set (a peer's address may be known only
     * after the callers were told the proxy's).
     */
    public static FaultProxy start(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        FaultProxy proxy = new FaultProxy(name, server);
        server.start();
        return proxy;
    }

    /** Where requests go ({@code http://host:port}). */
    public FaultProxy target(String url) {
        this.target = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return this;
    }

    /** Where callers reach the peer through this proxy. */
    public String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** Changes what the proxy does from the next request on; {@code delay} counts for SLOW, BLACKHOLE and LATE. */
    public void set(Mode newMode, Duration newDelay) {
        this.delay = newDelay == null ? Duration.ZERO : newDelay;
        this.mode = newMode;
        LOG.warning(() -> "fault proxy " + name + ": " + newMode.name().toLowerCase(Locale.ROOT)
                + (delay.isZero() ? "" : " (" + delay.toMillis() + " ms)"));
        if (newMode != Mode.REORDER) {
            Held h = held.getAndSet(null);
            if (h != null) {
                threads.execute(() -> forwardQuietly(h));
            }
        }
    }

    public void pass() {
        set(Mode.PASS, Duration.ZERO);
    }

    /** Requests forwarded to the peer (a duplicate counts twice). */
    public int forwarded() {
        return forwarded.get();
    }

    /** Requests the proxy did something to besides passing them through. */
    public int faulted() {
        return faulted.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            List<String[]> headers = exchange.getRequestHeaders().entrySet().stream()
                    .filter(e -> !HOP_BY_HOP.contains(e.getKey().toLowerCase(Locale.ROOT)))
                    .flatMap(e -> e.getValue().stream().map(v -> new String[] {e.getKey(), v})).toList();
            String path = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? ""
                            : "?" + exchange.getRequestURI().getRawQuery());
            Held request = new Held(exchange.getRequestMethod(), path, headers, body);
            Mode m = mode;
            if (m != Mode.PASS) {
                faulted.incrementAndGet();
            }
            switch (m) {
                case PASS -> relay(exchange, forward(request));
                case SLOW -> {
                    sleep(delay);
                    relay(exchange, forward(request));
                }
                case BLACKHOLE -> {
                    long until = System.nanoTime() + delay.toNanos();
                    while (mode == Mode.BLACKHOLE && System.nanoTime() < until) {
                        sleep(Duration.ofMillis(100));
                    }
                    // the caller gave up long ago, or the peer is back: close without an answer either way
                    exchange.getResponseHeaders().set("Connection", "close");
                    exchange.sendResponseHeaders(502, -1);
                }
                case DUPLICATE -> {
                    HttpResponse<byte[]> first = forward(request);
                    forwardQuietly(request);
                    relay(exchange, first);
                }
                case LATE -> {
                    later.schedule(() -> forwardQuietly(request), delay.toMillis(), TimeUnit.MILLISECONDS);
                    accepted(exchange);
                }
                case REORDER -> {
                    Held before = held.getAndSet(request);
                    if (before != null) {
                        // the earlier one goes after this one: hold this one now, deliver the earlier one
                        held.set(null);
                        forwardQuietly(request);
                        forwardQuietly(before);
                    }
                    accepted(exchange);
                }
                default -> throw new IllegalStateException(m.name());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "fault proxy " + name + ": " + e);
            try {
                exchange.sendResponseHeaders(502, -1);
            } catch (IOException | RuntimeException ignored) {
                // the answer had started: nothing more to say
            }
        }
    }

    private HttpResponse<byte[]> forward(Held request) throws IOException {
        if (target == null) {
            throw new IOException("fault proxy " + name + " has no target yet");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + request.path()))
                .timeout(Duration.ofSeconds(60))
                .method(request.method(), request.body().length == 0 && !"POST".equals(request.method())
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        for (String[] h : request.headers()) {
            b.header(h[0], h[1]);
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            forwarded.incrementAndGet();
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void forwardQuietly(Held request) {
        try {
            forward(request);
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "fault proxy " + name + ": a delayed delivery failed: " + e);
        }
    }

    private static void relay(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
        response.headers().map().forEach((k, values) -> {
            if (!HOP_BY_HOP.contains(k.toLowerCase(Locale.ROOT)) && !k.startsWith(":")) {
                values.forEach(v -> exchange.getResponseHeaders().add(k, v));
            }
        });
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        byte[] ok = "{\"received\":true}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, ok.length);
        exchange.getResponseBody().write(ok);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        Held h = held.getAndSet(null);
        if (h != null) {
            forwardQuietly(h);
        }
        server.stop(0);
        later.shutdownNow();
        threads.shutdownNow();
    }
}
