package org.evcharging.bpp.suite.bap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.registry.RegistryLookup;
import org.evcharging.bpp.core.registry.SubscriberKeyCache;
import org.evcharging.bpp.core.signing.HttpSigner;
import org.evcharging.bpp.core.signing.InboundSignatureVerifier;
import org.evcharging.bpp.core.signing.SignatureHeader;

/**
 * A real BAP for tests, benchmarks and the {@code bap} command: it signs every request it sends with its own
 * Ed25519 key (BECKN-006 {@code Authorization}) and receives the BPP's callbacks at its {@code bap_uri},
 * verifying each callback's signature against the registry before it ACKs. A callback answers a request when its
 * {@code message_id} is one this client sent; the BPP's unsolicited callbacks (charging milestones, a charger that
 * stopped by itself, a cancellation by the provider) come with a fresh {@code message_id} in the same transaction.
 *
 * <p>Why it is long (about 550 lines): it is the one object a test, a benchmark or the CLI holds as "the BAP", and its
 * three parts (sending signed requests, receiving and verifying callbacks, waiting for one) share the ids of the
 * messages sent and the list of callbacks received, on whose lock the waiters wait. Its printing and command parsing live in {@code Printer} and the commands.
 */
public final class BapClient implements AutoCloseable {

    private static final SafeLog LOG = SafeLog.of(BapClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    public static final String DOMAIN = "dent:0.1.0";
    public static final String VERSION = "1.1.0";
    public static final long SIGNATURE_VALIDITY_SECONDS = 30;
    private static final String ACK = "{\"message\":{\"ack\":{\"status\":\"ACK\"}}}";

    /** A request as sent and the BPP's synchronous answer. */
    public record Sent(String action, String transactionId, String messageId, int status, String body,
            JsonNode request) {

        /** The synchronous answer as JSON (a NullNode when it is not JSON). */
        public JsonNode response() {
            try {
                JsonNode n = JSON.readTree(body == null ? "" : body);
                return n == null ? JSON.nullNode() : n;
            } catch (IOException e) {
                return JSON.nullNode();
            }
        }

        public boolean acked() {
            return status == 200 && "ACK".equals(response().path("message").path("ack").path("status").asText());
        }

        /**
         * Why it was not ACKed, for a person: "NACK 30000 at $.message.support.phone: ..." from the answer's
         * {@code error}, or the HTTP status and body when there is none. Null when it was ACKed.
         */
        public String refusal() {
            if (acked()) {
                return null;
            }
            JsonNode error = response().path("error");
            if (error.isObject()) {
                String paths = error.path("paths").asText("");
                return "NACK " + error.path("code").asText("?") + (paths.isEmpty() ? "" : " at " + paths) + ": "
                        + error.path("message").asText("(no message)") + " (HTTP " + status + ")";
            }
            String text = body == null ? "" : body.strip();
            return "HTTP " + status + (text.isEmpty() ? ", no answer"
                    : ": " + (text.length() > 300 ? text.substring(0, 300) + "..." : text));
        }
    }

    /** One callback the BPP made, as received; {@code signerKeyId} is the key id that verified it (null if none did). */
    public record Callback(String path, byte[] rawBody, JsonNode body, boolean verified, String signer,
            String verificationError, Instant receivedAt, String signerKeyId) {

        public String action() {
            return body.path("context").path("action").asText(null);
        }

        public String messageId() {
            return body.path("context").path("message_id").asText(null);
        }

        public String transactionId() {
            return body.path("context").path("transaction_id").asText(null);
        }
    }

    private final String subscriberId;
    private final HttpSigner signer;
    private final String ingressUrl;
    private final InboundSignatureVerifier verifier;
    private final HttpServer receiver;
    private final ExecutorService receiverThreads;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Callback> callbacks = new ArrayList<>();
    private final Set<String> sentMessageIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refusedWhileUnavailable = new AtomicInteger();
    /** How many verified callbacks arrived per (message_id, action): kept when bodies are cleared, for fault runs. */
    private final Map<String, AtomicInteger> answerCounts = new ConcurrentHashMap<>();
    /** When the first verified answer per (message_id, action) arrived, epoch millis. */
    private final Map<String, Long> firstAnswerAt = new ConcurrentHashMap<>();
    private final AtomicInteger unverifiedCallbacks = new AtomicInteger();
    private volatile boolean available = true;
    private volatile String domain = DOMAIN;

    private BapClient(String subscriberId, String keyId, PrivateKey key, String ingressUrl, String registryUrl,
            HttpServer receiver, ExecutorService receiverThreads) {
        this.subscriberId = subscriberId;
        this.signer = new HttpSigner(subscriberId, keyId, key, Clock.systemUTC());
        this.ingressUrl = stripSlash(ingressUrl);
        RegistryLookup lookup = new RegistryLookup(registryUrl, Duration.ofSeconds(3));
        SubscriberKeyCache keys = new SubscriberKeyCache(lookup::lookup, Clock.systemUTC(), Duration.ofMinutes(5),
                Duration.ofSeconds(5));
        this.verifier = new InboundSignatureVerifier(keys::signingKey, Clock.systemUTC(), 5);
        this.receiver = receiver;
        this.receiverThreads = receiverThreads;
    }

    /**
     * Starts the callback receiver on loopback at {@code callbackPort} (0 = a free port); the BAP's
     * {@code bap_uri} is then {@code http://localhost:<port>/bap}.
     */
    public static BapClient start(String subscriberId, String keyId, PrivateKey key, int callbackPort,
            String ingressUrl, String registryUrl) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), callbackPort),
                64);
        ExecutorService threads = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "bap-callbacks");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        BapClient client = new BapClient(subscriberId, keyId, key, ingressUrl, registryUrl, server, threads);
        server.createContext("/bap/", client::receive);
        server.start();
        LOG.info(() -> "BAP " + subscriberId + " receiving callbacks at " + client.bapUri());
        return client;
    }

    /**
     * The suite's demo BAP, talking to its ingress and registry. The BPP sends callbacks only to the url the registry
     * has for the key that signed a request; the demo BAP's own key is registered with port
     * {@link org.evcharging.bpp.suite.DemoNetwork#DEMO_BAP_PORT}. On any other port (0: a free one, as tests use, several
     * at once) the client gets a key of its own, registered in the suite's registry with its address for as long as it
     * runs, as a BAP with several endpoints registers a key for each.
     */
    public static BapClient demo(org.evcharging.bpp.suite.LocalSuite suite, int callbackPort) throws IOException {
        return demo(suite.demoBap(), callbackPort, suite.ingressUrl(), suite.registryUrl(), suite.registry());
    }

    /** What closing this client also undoes (its registry entry). */
    private volatile Runnable onClose = () -> {
    };

    /**
     * The demo BAP of a suite running elsewhere, from {@code <workDir>/keys.json}; on another port than the registered
     * one, with a key of its own in {@code <workDir>/registry.json} (which the suite re-reads).
     */
    public static BapClient demo(java.nio.file.Path workDir, int callbackPort, String ingressUrl) throws IOException {
        org.evcharging.bpp.suite.DemoNetwork.Party bap = org.evcharging.bpp.suite.DemoNetwork
                .readKeys(org.evcharging.bpp.suite.DemoNetwork.keysFile(workDir)).demoBap();
        String ingress = stripSlash(ingressUrl);
        return demo(bap, callbackPort, ingress, ingress + "/registry",
                new org.evcharging.bpp.suite.registry.LocalRegistry(workDir.resolve("registry.json")));
    }

    private static BapClient demo(org.evcharging.bpp.suite.DemoNetwork.Party bap, int callbackPort, String ingressUrl,
            String registryUrl, org.evcharging.bpp.suite.registry.LocalRegistry registry)
            throws IOException {
        if (callbackPort == org.evcharging.bpp.suite.DemoNetwork.DEMO_BAP_PORT) {
            return start(bap.subscriberId(), bap.keyId(), bap.privateKey(), callbackPort, ingressUrl, registryUrl);
        }
        java.security.KeyPair own = org.evcharging.bpp.core.signing.Ed25519Keys.generate();
        String keyId = bap.keyId() + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        BapClient client = start(bap.subscriberId(), keyId, own.getPrivate(), callbackPort, ingressUrl, registryUrl);
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        try {
            registry.put(org.evcharging.bpp.suite.registry.RegistryEntry.subscribed(bap.subscriberId(), keyId, "BAP",
                    client.bapUri(), org.evcharging.bpp.core.signing.Ed25519Keys.rawPublicBase64(own.getPublic()),
                    now.minusMinutes(1), now.plusDays(1)));
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        client.onClose = () -> registry.remove(bap.subscriberId(), keyId);
        return client;
    }

    public String subscriberId() {
        return subscriberId;
    }

    /**
     * Sends from now on in {@code newDomain} (the BPP serves {@code dent:0.1.0} and {@code dent:ev-charging:0.1.0}, the
     * published DENT example files' domain). Returns this client.
     */
    public BapClient domain(String newDomain) {
        this.domain = newDomain;
        return this;
    }

    public String bapUri() {
        return "http://localhost:" + receiver.getAddress().getPort() + "/bap";
    }

    public int callbackPort() {
        return receiver.getAddress().getPort();
    }

    /** When false the receiver answers 503, as a BAP that is down would (to test the BPP's retries). */
    public void setAvailable(boolean available) {
        this.available = available;
    }

    public int refusedWhileUnavailable() {
        return refusedWhileUnavailable.get();
    }

    /** Sends {@code action} with a new transaction. */
    public Sent send(String action, ObjectNode message) throws IOException {
        return send(action, UUID.randomUUID().toString(), message);
    }

    /** Sends {@code action} within {@code transactionId}, with a fresh message id. */
    public Sent send(String action, String transactionId, ObjectNode message) throws IOException {
        ObjectNode request = JSON.createObjectNode();
        request.set("context", context(action, transactionId, UUID.randomUUID().toString()));
        request.set("message", message);
        return sendRequest(action, request);
    }

    /** Sends a request whose context the caller built; it is signed as is. */
    public Sent sendRequest(String action, ObjectNode request) throws IOException {
        remember(request);
        byte[] body = JSON.writeValueAsBytes(request);
        HttpResponse<String> response = post("/" + action, body,
                Map.of("Content-Type", "application/json", "Authorization", authorizationFor(body)));
        JsonNode ctx = request.path("context");
        return new Sent(action, ctx.path("transaction_id").asText(null), ctx.path("message_id").asText(null),
                response.statusCode(), response.body(), request);
    }

    /** The context this BAP puts on a request, for callers that want to change it before {@link #sendRequest}. */
    public ObjectNode context(String action, String transactionId, String messageId) {
        ObjectNode ctx = JSON.createObjectNode();
        ctx.put("domain", domain);
        ctx.put("action", action);
        ObjectNode location = ctx.putObject("location");
        location.putObject("country").put("code", "IND");
        location.putObject("city").put("code", "std:080");
        ctx.put("version", VERSION);
        ctx.put("bap_id", subscriberId);
        ctx.put("bap_uri", bapUri());
        ctx.put("transaction_id", transactionId);
        ctx.put("message_id", messageId);
        ctx.put("timestamp", TIMESTAMP.format(Instant.now()));
        ctx.put("ttl", "PT30S");
        return ctx;
    }

    /** POSTs {@code body} to the ingress as given: no signature unless the headers carry one. */
    public Sent postRaw(String path, byte[] body, Map<String, String> headers) throws IOException {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException notJson) {
            request = JSON.nullNode();
        }
        remember(request);
        HttpResponse<String> response = post(path, body, headers);
        JsonNode ctx = request == null ? JSON.nullNode() : request.path("context");
        return new Sent(path, ctx.path("transaction_id").asText(null), ctx.path("message_id").asText(null),
                response.statusCode(), response.body(), request);
    }

    /** Like {@link #postRaw} but signed by this BAP. */
    public Sent postSigned(String path, byte[] body, Map<String, String> headers) throws IOException {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("Authorization", authorizationFor(body));
        return postRaw(path, body, all);
    }

    /** This BAP's {@code Authorization} header for {@code body}, valid for 30 s. */
    public String authorizationFor(byte[] body) {
        return signer.authorization(body, SIGNATURE_VALIDITY_SECONDS);
    }

    /** The signature header for {@code body} with explicit created/expires (for expired-signature tests). */
    public SignatureHeader sign(byte[] body, long created, long expires) {
        return signer.sign(body, created, expires);
    }

    /** Notes the request's message id before it leaves, so that its answer can never look unsolicited. */
    private void remember(JsonNode request) {
        String messageId = request == null ? null : request.path("context").path("message_id").asText(null);
        if (messageId != null) {
            sentMessageIds.add(messageId);
        }
    }

    private HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) throws IOException {
        HttpRequest.Builder b = HttpRequest
                .newBuilder(URI.create(ingressUrl + (path.startsWith("/") ? path : "/" + path)))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        HttpRequest request = b.build();
        try {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                if (!staleConnection(e)) {
                    throw e;
                }
                // A kept-alive connection the ingress closed as idle just as this request went out: send it once
                // more on a new one. Safe for every Beckn request: the BPP de-duplicates on (bap_id, message_id), so a
                // copy that did arrive is ACKed again and not processed twice.
                LOG.fine(() -> "resending " + path + " after a closed connection: " + e.getMessage());
                return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The pooled connection was closed before any answer came (not a timeout, not a refused connection). */
    static boolean staleConnection(IOException e) {
        if (e instanceof java.net.http.HttpTimeoutException || e instanceof java.net.ConnectException) {
            return false;
        }
        String message = String.valueOf(e.getMessage());
        return message.contains("received no bytes") || message.contains("closed") || message.contains("reset")
                || e instanceof java.io.EOFException;
    }

    /**
     * How many verified {@code onAction} callbacks answered {@code messageId} since this client started, whether or
     * not their bodies were cleared since: a fault run checks that every ACKed request got exactly one.
     */
    public int answers(String messageId, String onAction) {
        AtomicInteger n = answerCounts.get(messageId + " " + onAction);
        return n == null ? 0 : n.get();
    }

    /** When the first verified {@code onAction} answering {@code messageId} arrived (epoch millis), or -1. */
    public long firstAnswerAt(String messageId, String onAction) {
        Long at = firstAnswerAt.get(messageId + " " + onAction);
        return at == null ? -1 : at;
    }

    /** Callbacks that failed the signature check (each was refused with a 401). */
    public int unverifiedCallbacks() {
        return unverifiedCallbacks.get();
    }

    /** Every callback received so far, oldest first. */
    public List<Callback> callbacks() {
        synchronized (callbacks) {
            return List.copyOf(callbacks);
        }
    }

    /**
     * Forgets the callbacks received so far (a long-running driver would otherwise keep every body). The message ids
     * of sent requests are kept, so that a late answer is still recognised as one.
     */
    public void clearCallbacks() {
        synchronized (callbacks) {
            callbacks.clear();
        }
    }

    /**
     * Forgets the callbacks of one finished transaction, so that a driver running for long keeps (and every waiter
     * scans) only those of the transactions in flight. Counts of answers are kept.
     */
    public void forgetTransaction(String transactionId) {
        synchronized (callbacks) {
            callbacks.removeIf(c -> transactionId.equals(c.transactionId()));
        }
    }

    /** The callbacks received so far, forgotten here as they are handed over (a driver that counts answers). */
    public List<Callback> takeCallbacks() {
        synchronized (callbacks) {
            List<Callback> taken = List.copyOf(callbacks);
            callbacks.clear();
            return taken;
        }
    }

    /** Every callback of this transaction received so far, oldest first: answers and unsolicited ones. */
    public List<Callback> callbacksOf(String transactionId) {
        synchronized (callbacks) {
            return callbacks.stream().filter(c -> transactionId.equals(c.transactionId())).toList();
        }
    }

    /** Whether the callback answers a request this client sent (its {@code message_id} is one of ours). */
    public boolean solicited(Callback callback) {
        String messageId = callback.messageId();
        return messageId != null && sentMessageIds.contains(messageId);
    }

    /** The callbacks of this transaction that answer no request of ours, oldest first. */
    public List<Callback> unsolicited(String transactionId) {
        return callbacksOf(transactionId).stream().filter(c -> !solicited(c)).toList();
    }

    /**
     * Waits (bounded) for the callback {@code onAction} answering {@code messageId}.
     *
     * @throws AssertionError when none arrives in time, listing what did arrive
     */
    public Callback awaitCallback(String messageId, String onAction, Duration timeout) {
        return await(c -> messageId.equals(c.messageId()) && onAction.equals(c.action()), timeout,
                onAction + " for message " + messageId);
    }

    /**
     * Waits (bounded) for the oldest unsolicited callback {@code onAction} of the transaction that {@code predicate}
     * accepts (already received ones count). To wait for the next of several, exclude the ones seen, e.g.
     * {@code c -> !seen.contains(c.messageId())}.
     *
     * @throws AssertionError when none arrives in time, listing what did arrive
     */
    public Callback awaitUnsolicited(String transactionId, String onAction, Predicate<Callback> predicate,
            Duration timeout) {
        return await(c -> transactionId.equals(c.transactionId()) && onAction.equals(c.action()) && !solicited(c)
                && predicate.test(c), timeout, "unsolicited " + onAction + " in transaction " + transactionId);
    }

    /** The oldest unsolicited callback {@code onAction} of the transaction; see the overload with a predicate. */
    public Callback awaitUnsolicited(String transactionId, String onAction, Duration timeout) {
        return awaitUnsolicited(transactionId, onAction, c -> true, timeout);
    }

    /**
     * Waits (bounded) for the oldest callback that {@code matches}; {@code what} names it in the failure.
     *
     * @throws AssertionError when none arrives in time, listing what did arrive
     */
    public Callback await(Predicate<Callback> matches, Duration timeout, String what) {
        Optional<Callback> found;
        try {
            found = poll(matches, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
        if (found.isPresent()) {
            return found.get();
        }
        synchronized (callbacks) {
            throw new AssertionError("no " + what + " within " + timeout.toSeconds() + " s; received: "
                    + callbacks.stream().map(c -> c.action() + "/" + c.messageId()
                            + (solicited(c) ? "" : " (unsolicited, transaction " + c.transactionId() + ")"))
                            .toList());
        }
    }

    /**
     * Waits up to {@code timeout} for the oldest callback that {@code matches}: empty when none came, for a caller
     * that has something else to do meanwhile (a zero timeout only looks).
     */
    public Optional<Callback> poll(Predicate<Callback> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (callbacks) {
            while (true) {
                Optional<Callback> found = callbacks.stream().filter(matches).findFirst();
                if (found.isPresent()) {
                    return found;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                callbacks.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, nack("method not allowed"));
                return;
            }
            byte[] raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = in.readAllBytes();
            }
            if (!available) {
                refusedWhileUnavailable.incrementAndGet();
                respond(exchange, 503, nack("BAP unavailable"));
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(raw);
            } catch (IOException e) {
                body = null;
            }
            if (body == null || !body.isObject()) {
                respond(exchange, 400, nack("body is not a JSON object"));
                return;
            }
            String expected = body.path("context").path("bpp_id").asText(null);
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            boolean verified = false;
            String signer = null;
            String signerKeyId = null;
            String error = null;
            if (authorization == null) {
                error = "no Authorization header";
            } else if (expected == null) {
                error = "no context.bpp_id";
            } else {
                try {
                    SignatureHeader header = verifier.verify(authorization, raw, expected);
                    signer = header.subscriberId();
                    signerKeyId = header.keyId();
                    verified = true;
                } catch (RuntimeException e) {
                    error = e.getMessage();
                }
            }
            Callback callback = new Callback(exchange.getRequestURI().getPath(), raw, body, verified, signer, error,
                    Instant.now(), signerKeyId);
            if (verified) {
                answerCounts.computeIfAbsent(callback.messageId() + " " + callback.action(),
                        k -> new AtomicInteger()).incrementAndGet();
                firstAnswerAt.putIfAbsent(callback.messageId() + " " + callback.action(), System.currentTimeMillis());
            } else {
                unverifiedCallbacks.incrementAndGet();
            }
            synchronized (callbacks) {
                callbacks.add(callback);
                callbacks.notifyAll();
            }
            if (verified) {
                respond(exchange, 200, ACK);
            } else {
                LOG.warning(() -> "BAP: rejected " + callback.path() + " message_id=" + callback.messageId() + ": "
                        + callback.verificationError());
                exchange.getResponseHeaders().add("WWW-Authenticate",
                        "Signature realm=\"" + subscriberId + "\",headers=\"" + SignatureHeader.HEADERS + "\"");
                respond(exchange, 401, nack("signature not verified"));
            }
        }
    }

    private static String nack(String message) {
        ObjectNode n = JSON.createObjectNode();
        n.putObject("message").putObject("ack").put("status", "NACK");
        n.putObject("error").put("code", "30000").put("message", message);
        return n.toString();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public void close() {
        receiver.stop(0);
        receiverThreads.shutdownNow();
        onClose.run();
    }
}
