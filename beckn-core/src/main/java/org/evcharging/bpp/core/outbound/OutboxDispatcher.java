package org.evcharging.bpp.core.outbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import org.evcharging.bpp.core.config.BppConfig;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.model.Acks;

/**
 * Delivers outbox messages: signs each one with our key, POSTs it to the BAP, records the attempt, and retries
 * with exponential backoff until the request's TTL runs out. Messages are sent the moment their transaction
 * commits; a poller picks up retries and anything left over from before a restart.
 *
 * <p>Attempts run on the dispatcher's own bounded pool ({@code beckn.callback.senders} threads), never on the
 * threads that ACK requests or run handlers, so a slow or dead BAP can only slow down callbacks. Each attempt is a
 * blocking {@code HttpClient.send}: the JDK's {@code sendAsync} hands every completion to CompletableFuture's
 * default executor, which on machines with fewer than three cores (small containers included) starts a new
 * thread per call; measured here, that thread churn cost more than all of the protocol work together.
 */
@ApplicationScoped
public class OutboxDispatcher {

    private static final SafeLog LOG = SafeLog.of(OutboxDispatcher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * How long a sender owns a message. A new message is born owned by the dispatcher that sends it after commit;
     * if that never happens (a crash between commit and send), the poller takes it over when the lease runs out,
     * so the lease is only a little longer than one attempt may take ({@link #ATTEMPT_TIMEOUT_SECONDS}).
     */
    static final long LEASE_MILLIS = 12_000;
    static final long ATTEMPT_TIMEOUT_SECONDS = 8;
    /** Attempts waiting for a sender; beyond this, messages stay in the table until the poller finds them. */
    static final int SENDER_QUEUE = 10_000;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    OutboxStore store;

    @Inject
    BppConfig config;

    @Inject
    AttemptRecorder recorder;

    @Inject
    DeliveryJournal journal;

    @Inject
    Instance<AnswerRebuilder> rebuilder;

    private final RetryPolicy retry = new RetryPolicy(500, 30_000);
    private HttpClient http;
    private ThreadPoolExecutor senders;
    private ScheduledFuture<?> poller;

    @PostConstruct
    void init() {
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        int n = config.callbackSenders();
        senders = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(SENDER_QUEUE),
                threadFactory);
        senders.allowCoreThreadTimeOut(true);
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        poller = scheduler.scheduleWithFixedDelay(this::pollDue, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (poller != null) {
            poller.cancel(false);
        }
        // Queued attempts are still PENDING in the table (their leases run out), so nothing is lost.
        senders.shutdownNow();
    }

    public boolean running() {
        return poller != null && !poller.isDone();
    }

    /** Called after the enqueuing transaction committed; the message is already leased to this dispatcher. */
    void dispatchSoon(OutboxMessage message) {
        try {
            senders.execute(() -> send(message));
        } catch (RejectedExecutionException rejected) {
            releaseQuietly(message.id());
        }
    }

    void pollDue() {
        try {
            if (senders.getQueue().size() > SENDER_QUEUE / 2) {
                return; // the senders are behind; what is due stays due
            }
            for (String id : store.due(System.currentTimeMillis(), 100)) {
                senders.execute(() -> deliver(id));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "outbox poll failed: {0}", e.toString());
        }
    }

    /** A due message found by the poller: claim it, then send it. */
    void deliver(String id) {
        OutboxMessage m;
        try {
            m = store.claim(id, System.currentTimeMillis(), LEASE_MILLIS);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "outbox claim of {0} failed: {1}", new Object[] {id, e.toString()});
            return;
        }
        if (m != null) {
            send(m);
        }
    }

    /**
     * One attempt, on a sender thread: sign, POST, record the outcome. The caller holds the message's lease; if
     * anything here fails, the lease runs out and the poller retries.
     */
    void send(OutboxMessage m) {
        if (recorder.recordDeliveredAgain(m)) {
            LOG.log(Level.INFO, "callback {0} txn={1} msg={2} was delivered before the database or this service"
                    + " failed: recorded now, not sent again",
                    new Object[] {m.action(), m.beckn().transactionId(), m.beckn().messageId()});
            return;
        }
        long now = System.currentTimeMillis();
        if (now >= m.expiresAt()) {
            LOG.log(Level.WARNING, "callback {0} txn={1} msg={2} to {3}: its TTL ran out before it could be sent",
                    new Object[] {m.action(), m.beckn().transactionId(), m.beckn().messageId(), m.targetUrl()});
            finish(m, now, null, 0, "TTL ran out before delivery", OutboxMessage.Status.FAILED, now);
            return;
        }
        if (m.mustBeRebuilt()) {
            m = rebuilt(m, now);
            if (m == null) {
                return;
            }
        }
        URI target;
        try {
            target = URI.create(m.targetUrl());
        } catch (IllegalArgumentException badUri) {
            finish(m, now, null, 0, "bad callback URL", OutboxMessage.Status.FAILED, now);
            return;
        }
        if (!config.callbackAllowPrivateAddresses()) {
            String refused = nonPublic(target.getHost());
            if (refused != null) {
                LOG.log(Level.WARNING, "callback {0} txn={1} msg={2} to {3} refused: {4}",
                        new Object[] {m.action(), m.beckn().transactionId(), m.beckn().messageId(), m.targetUrl(),
                                refused});
                finish(m, now, null, 0, refused, OutboxMessage.Status.FAILED, now);
                return;
            }
        }
        byte[] body = m.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(target)
                    .timeout(Duration.ofSeconds(ATTEMPT_TIMEOUT_SECONDS - 3))
                    .header("Content-Type", "application/json")
                    .header("Authorization",
                            config.signer().authorization(body, config.callbackSignatureValiditySeconds()))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException badUri) {
            finish(m, now, null, 0, "bad callback URL", OutboxMessage.Status.FAILED, now);
            return;
        }
        long t0 = System.nanoTime();
        Integer status = null;
        Answer answer = null;
        Throwable error = null;
        try {
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            answer = Answer.read(response.body());
        } catch (IOException | RuntimeException e) {
            error = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // shutting down: the lease runs out and the poller retries after restart
        }
        recordOutcome(m, now, (System.nanoTime() - t0) / 1_000_000, status, answer, error);
    }

    /**
     * A message read back without its body (a fresh-read answer such as {@code on_search}) with its body built again
     * from the stored request; null when that failed, the attempt then recorded (retried later, or failed for good
     * when the request is gone or the TTL leaves no time for another try).
     */
    private OutboxMessage rebuilt(OutboxMessage m, long now) {
        Optional<String> body;
        try {
            body = rebuilder.isResolvable() ? rebuilder.get().rebuild(m) : Optional.empty();
        } catch (RuntimeException e) {
            long next = now + retry.delayMillis(m.attempts() + 1);
            boolean last = next >= m.expiresAt();
            LOG.log(Level.WARNING, "callback {0} txn={1} msg={2}: its answer could not be built again ({3}); {4}",
                    new Object[] {m.action(), m.beckn().transactionId(), m.beckn().messageId(), e.toString(),
                            last ? "failed for good, its TTL runs out" : "retried"});
            finish(m, now, null, 0, "answer could not be rebuilt: " + e.getClass().getSimpleName(),
                    last ? OutboxMessage.Status.FAILED : OutboxMessage.Status.PENDING, last ? now : next);
            return null;
        }
        if (body.isEmpty()) {
            LOG.log(Level.WARNING, "callback {0} txn={1} msg={2}: the request it answers is no longer stored; failed",
                    new Object[] {m.action(), m.beckn().transactionId(), m.beckn().messageId()});
            finish(m, now, null, 0, "the request it answers is no longer stored", OutboxMessage.Status.FAILED, now);
            return null;
        }
        return m.rebuilt(body.get());
    }

    private void recordOutcome(OutboxMessage m, long now, long tookMs, Integer status, Answer answer, Throwable error) {
        String outcome;
        boolean delivered = false;
        boolean permanent = false;
        if (answer != null) {
            delivered = status / 100 == 2 && answer.isAck();
            permanent = !delivered && (status / 100 == 2 || (status / 100 == 4 && status != 408 && status != 429));
            // What the other side said is not ours to keep: its status and size only.
            outcome = delivered ? "ACK" : "HTTP " + status + ", " + answer.describeLength();
        } else {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            outcome = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        long after = System.currentTimeMillis();
        if (delivered) {
            journal.delivered(m.id());
            finish(m, now, status, tookMs, outcome, OutboxMessage.Status.DELIVERED, after);
            return;
        }
        long next = after + retry.delayMillis(m.attempts() + 1);
        if (permanent || next >= m.expiresAt()) {
            LOG.log(Level.WARNING, "callback {0} txn={1} msg={2} to {3} failed for good after {4} attempt(s): {5}",
                    new Object[] {m.action(), m.beckn().transactionId(), m.beckn().messageId(), m.targetUrl(),
                            m.attempts() + 1, outcome});
            finish(m, now, status, tookMs, outcome, OutboxMessage.Status.FAILED, after);
        } else {
            LOG.log(Level.INFO, "callback {0} txn={1} msg={2} attempt {3} failed ({4}); retrying in {5} ms",
                    new Object[] {m.action(), m.beckn().transactionId(), m.beckn().messageId(), m.attempts() + 1,
                            outcome, next - after});
            finish(m, now, status, tookMs, outcome, OutboxMessage.Status.PENDING, next);
        }
    }

    private void releaseQuietly(String id) {
        try {
            store.release(id);
        } catch (RuntimeException e) {
            // The lease runs out by itself.
        }
    }

    private void finish(OutboxMessage m, long at, Integer status, long tookMs, String outcome, OutboxMessage.Status s,
            long next) {
        recorder.record(
                new OutboxStore.Attempt(m.id(), m.action(), m.leaseUntil(), m.attempts() + 1, at, status, tookMs,
                        outcome, s, next));
    }

    /**
     * Why a callback may not connect to {@code host}, or null when every address it resolves to is public. The JDK
     * caches what it resolved ({@code networkaddress.cache.ttl}), so the connection that follows uses these addresses.
     */
    static String nonPublic(String host) {
        if (host == null) {
            return "the callback URL has no host";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (java.net.UnknownHostException e) {
            return null; // nothing to connect to: the attempt fails as an unknown host and is retried
        }
        for (InetAddress a : addresses) {
            if (!CallbackTargets.isPublic(a)) {
                return "the callback host resolves to a non-public address (" + a.getHostAddress() + ")";
            }
        }
        return null;
    }

    /**
     * A BAP's answer to a callback, read only as far as an ACK can be ({@link #MAX_ANSWER_BYTES}) and counted beyond;
     * only whether it ACKed and how long it was are kept.
     */
    record Answer(boolean isAck, long length, boolean complete) {

        static final int MAX_ANSWER_BYTES = 16 * 1024;

        /** Reads (on the sender's thread) and closes the answer; counts at most a MiB past the head. */
        static Answer read(java.io.InputStream in) throws IOException {
            try (in) {
                byte[] head = in.readNBytes(MAX_ANSWER_BYTES);
                long rest = 0;
                boolean complete = true;
                byte[] skip = new byte[8192];
                int n;
                while ((n = in.read(skip)) > 0) {
                    rest += n;
                    if (rest > 1024 * 1024) {
                        complete = false;
                        break;
                    }
                }
                return new Answer(rest == 0 && parsesAsAck(head), head.length + rest, complete);
            }
        }

        String describeLength() {
            return complete ? length + " bytes" : "more than " + length + " bytes";
        }

        private static boolean parsesAsAck(byte[] body) {
            try {
                return Acks.isAck(JSON.readTree(body));
            } catch (Exception e) {
                return false;
            }
        }
    }
}
