package org.evcharging.bpp.core.inbound;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import org.evcharging.bpp.core.config.BppConfig;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.model.BecknError;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.core.ops.BecknMetrics;

/**
 * Runs ACKed requests through the service's handlers, off the request thread. A business error becomes the
 * callback's {@code error}; an unexpected failure is retried (the inbox row stays RECEIVED) and after three
 * tries is answered with a generic business error, so the BAP always hears back.
 */
@ApplicationScoped
public class InboundProcessor {

    private static final SafeLog LOG = SafeLog.of(InboundProcessor.class);
    private static final int MAX_ATTEMPTS = 3;
    /** Requests per transaction at most, for handlers that answer in batches. */
    static final int BATCH = 16;
    /** Stragglers claimed per recovery step. */
    private static final int RECOVERY_PAGE = 128;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    InboxStore inbox;

    @Inject
    InboundTransactions transactions;

    @Inject
    BecknMetrics metrics;

    @Inject
    BppConfig config;

    @Inject
    @Any
    Instance<BecknActionHandler> handlerBeans;

    private final Map<String, BecknActionHandler> handlers = new HashMap<>();
    private ScheduledFuture<?> recovery;
    private volatile boolean stopping;

    @PostConstruct
    void init() {
        for (BecknActionHandler h : handlerBeans) {
            handlers.put(h.action(), h);
        }
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!config.answering()) {
            LOG.warning("beckn.inbound.answering is false: this replica stores and ACKs requests but does not answer"
                    + " them; the replicas that answer take them over within seconds");
            return;
        }
        recovery = scheduler.scheduleWithFixedDelay(this::recover, 5, 5, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        stopping = true;
        if (recovery != null) {
            recovery.cancel(false);
        }
    }

    /** The Beckn actions this service answers. */
    public java.util.Set<String> actions() {
        return java.util.Collections.unmodifiableSet(handlers.keySet());
    }

    public Optional<BecknActionHandler> handler(String action) {
        return Optional.ofNullable(handlers.get(action));
    }

    /**
     * Hands requests stored by one inbox commit to workers (unless this replica does not answer: then they wait,
     * stored, for a replica that does).
     */
    public void submitAll(List<InboxWriter.Accepted> stored) {
        if (config.answering()) {
            dispatch(stored, new ArrayList<>());
        }
    }

    /**
     * Those whose handler answers in batches go in chunks of up to {@link #BATCH} per task (several tasks, so
     * several cores can work), the others one by one; the tasks taken are added to {@code tasks}. False when a
     * worker refused some: those rows are left to recovery.
     */
    private boolean dispatch(List<InboxWriter.Accepted> rows, List<Future<?>> tasks) {
        boolean allTaken = true;
        Map<String, List<InboxWriter.Accepted>> batches = new LinkedHashMap<>();
        for (InboxWriter.Accepted a : rows) {
            BecknActionHandler h = handlers.get(a.request().action());
            if (h != null && h.answersInBatches()) {
                List<InboxWriter.Accepted> chunk = batches.computeIfAbsent(a.request().action(),
                        k -> new ArrayList<>());
                chunk.add(a);
                if (chunk.size() == BATCH) {
                    allTaken &= run(batches.remove(a.request().action()), tasks);
                }
            } else {
                allTaken &= run(List.of(a), tasks);
            }
        }
        for (List<InboxWriter.Accepted> batch : batches.values()) {
            allTaken &= run(batch, tasks);
        }
        return allTaken;
    }

    private boolean run(List<InboxWriter.Accepted> batch, List<Future<?>> tasks) {
        try {
            if (batch.size() == 1) {
                InboxWriter.Accepted a = batch.get(0);
                tasks.add(executor.submit(() -> process(a.inboxId(), a.request(), a.answerDeadline())));
            } else {
                tasks.add(executor.submit(() -> processBatch(batch)));
            }
            return true;
        } catch (RuntimeException rejected) {
            LOG.log(Level.WARNING, "executor busy, {0} inbox rows left to recovery", batch.size());
            return false;
        }
    }

    /**
     * Answers what was stored but is not being answered: left over from a crash, a failed attempt due again, or
     * rows stored by a replica that does not answer. Page after page, each page answered (in batches where the
     * handler allows) before the next is claimed, until the backlog is gone. A pass ends early when the workers
     * are too busy to take or finish a page within its lease; what they did not start goes back to waiting.
     */
    void recover() {
        try {
            int found;
            do {
                long now = System.currentTimeMillis();
                List<InboxMessage> claimed = inbox.claimStragglers(now - 5_000, now, RECOVERY_PAGE);
                found = claimed.size();
                List<InboxWriter.Accepted> rows = new ArrayList<>(found);
                for (InboxMessage m : claimed) {
                    try {
                        rows.add(m.accepted());
                    } catch (RuntimeException unreadable) {
                        LOG.log(Level.SEVERE, "inbox " + m.id() + " cannot be read back; closed as FAILED", unreadable);
                        inbox.abandon(m.id());
                    }
                }
                List<Future<?>> tasks = new ArrayList<>();
                boolean allTaken = dispatch(rows, tasks);
                if (!awaitAll(tasks) || !allTaken) {
                    return;
                }
            } while (found == RECOVERY_PAGE && !stopping);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "inbox recovery failed: {0}", e.toString());
        }
    }

    /**
     * Waits for a page of recovery work, a little less than the lease it was claimed for; on time out, the tasks not
     * started yet are withdrawn (their rows are claimed again once the lease runs out). False to end this pass.
     */
    private static boolean awaitAll(List<Future<?>> tasks) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(InboxStore.PROCESSING_LEASE_MILLIS * 2 / 3);
        try {
            for (Future<?> task : tasks) {
                task.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // a task's own failure is handled inside it; a time out means the workers are saturated
        }
        tasks.forEach(t -> t.cancel(false));
        return false;
    }

    void process(String inboxId, InboundRequest request, long answerDeadline) {
        try {
            long t0 = System.nanoTime();
            transactions.handle(inboxId, request, answerDeadline, handlers.get(request.action()));
            metrics.handled(request.action(), System.nanoTime() - t0);
        } catch (RuntimeException e) {
            BecknException business = causeOf(e);
            if (business != null) {
                LOG.log(Level.INFO, "inbox {0} answered with error {1}: {2}",
                        new Object[] {inboxId, business.error().code().code(), business.getMessage()});
                answerOrAbandon(inboxId, business.error(), InboxMessage.Status.PROCESSED);
                return;
            }
            int attempts = inbox.failedAttempt(inboxId, System.currentTimeMillis() + 2_000L);
            String unavailable = peerUnavailable(e);
            if (unavailable != null) {
                // A peer down or slow is expected in operation and retried: one line, no stack trace.
                LOG.log(Level.WARNING, "inbox {0} {1} txn={2} msg={3} failed on attempt {4}, a service it needs is"
                        + " unavailable ({5}); retried",
                        new Object[] {inboxId, request.action(),
                                request.transactionId(), request.messageId(), attempts, unavailable});
            } else {
                LOG.log(Level.WARNING, "inbox " + inboxId + " " + request.action() + " txn=" + request.transactionId()
                        + " msg=" + request.messageId() + " failed on attempt " + attempts, e);
            }
            if (attempts >= MAX_ATTEMPTS) {
                answerOrAbandon(inboxId, new BecknError(ErrorCode.BUSINESS_ERROR, null,
                        "the request could not be processed"), InboxMessage.Status.FAILED);
            }
        }
    }

    /**
     * What a failure says when it is a peer service refusing connections, timing out or behind an open circuit (a
     * fault tolerance exception), else null: a bug or anything unexpected keeps its stack trace in the log.
     */
    static String peerUnavailable(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) { // a cycle of causes ends too
            String name = t.getClass().getName();
            if (t instanceof java.net.ConnectException || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.http.HttpTimeoutException
                    || name.startsWith("org.eclipse.microprofile.faulttolerance.exceptions.")
                    || name.equals("org.apache.http.NoHttpResponseException")) {
                return t.toString();
            }
        }
        return null;
    }

    /**
     * Handles a batch in one transaction; if that fails as a whole (one handler hit a database error, a row was
     * taken by another worker...), every request is handled on its own, so one cannot hold up the others.
     */
    void processBatch(List<InboxWriter.Accepted> batch) {
        String action = batch.get(0).request().action();
        long t0 = System.nanoTime();
        try {
            transactions.handleBatch(batch, handlers.get(action));
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "batch of {0} {1} requests failed as a whole ({2}); handling each on its own",
                    new Object[] {batch.size(), action, e.toString()});
            batch.forEach(a -> process(a.inboxId(), a.request(), a.answerDeadline()));
            return;
        }
        long took = System.nanoTime() - t0;
        batch.forEach(a -> metrics.handled(action, took));
    }

    /** Answers with an error; if even that fails, the message is closed as FAILED rather than retried forever. */
    private void answerOrAbandon(String inboxId, BecknError error, InboxMessage.Status status) {
        try {
            transactions.answerWithError(inboxId, error, status);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "inbox " + inboxId + " could not be answered at all; closed as FAILED", e);
            try {
                inbox.abandon(inboxId);
            } catch (RuntimeException again) {
                LOG.log(Level.SEVERE, "inbox {0} could not be closed: {1}", new Object[] {inboxId, again.toString()});
            }
        }
    }

    private static BecknException causeOf(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) { // a cycle of causes ends too
            if (t instanceof BecknException b) {
                return b;
            }
        }
        return null;
    }
}
