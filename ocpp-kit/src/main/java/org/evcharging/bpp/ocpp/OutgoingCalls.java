package org.evcharging.bpp.ocpp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The CALLs one end sends over one connection, and their answers. OCPP-J forbids a second CALL before the first is
 * answered or timed out (OCPP-J 1.6 section 4.1.1, OCPP 2.0.1 Part 4 on synchronicity), so calls made meanwhile wait
 * here, in order, in a bounded queue: a charger that stops answering must not make its connection hold unbounded work.
 * Each call gets a fresh UUID as its message id, so a late answer to a timed-out call can never be taken for the
 * answer to the next one; it is reported unmatched instead.
 *
 * <p>
 * Nothing we send may break the schema, so a payload is checked before it is queued and a bad one is our bug
 * ({@link IllegalArgumentException}). A peer's CALLRESULT is checked against the response schema, and a bad one fails
 * the call with {@link CallFailure.Kind#INVALID_RESPONSE}: the caller decides whether to use it anyway. Every failure
 * of a call is a {@link CallFailure}.
 *
 * <p>
 * No threads and no timers: the owner calls {@link #tick()} (when {@link #deadline()} passes, or every second) and
 * time is read from the {@link Clock} it gives, so the central system, the simulator and the tests each drive time
 * their own way. Safe to use from several threads. The sender runs under this object's lock, so that frames leave in
 * the order the calls were made; it should hand the frame to the WebSocket's asynchronous send, not block. Futures are
 * completed outside the lock, so code chained on them may make new calls.
 */
public final class OutgoingCalls {

    /** The timeout of a call made without one: OCPP-J leaves the value to the implementation; 30 s is ours. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final OcppVersion version;
    private final Consumer<Frame.Call> sender;
    private final Clock clock;
    private final int maxQueued;

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private Pending outstanding;
    private Instant deadline;
    private String closedReason;

    /**
     * @param version the version whose schemas the payloads are held to
     * @param sender writes a CALL to the connection
     * @param clock the time that timeouts are measured by
     * @param maxQueued how many calls may wait behind the outstanding one before {@link #call} refuses more
     */
    public OutgoingCalls(OcppVersion version, Consumer<Frame.Call> sender, Clock clock, int maxQueued) {
        this.version = Objects.requireNonNull(version, "version");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxQueued < 0) {
            throw new IllegalArgumentException("the queue bound must not be negative");
        }
        this.maxQueued = maxQueued;
    }

    /** {@link #call(String, ObjectNode, Duration)} with the {@linkplain #DEFAULT_TIMEOUT default timeout}. */
    public CompletableFuture<ObjectNode> call(String action, ObjectNode payload) {
        return call(action, payload, DEFAULT_TIMEOUT);
    }

    /**
     * Sends {@code action} with {@code payload} now if no call is outstanding, else queues it. The future completes
     * with the CALLRESULT's payload, or exceptionally with a {@link CallFailure}; on a closed connection it is failed
     * at once.
     *
     * @param timeout how long the peer has to answer, counted from when the CALL is sent, not queued
     * @throws IllegalArgumentException the payload breaks the action's request schema (or the version has no such
     *         action), naming the violations
     * @throws RejectedExecutionException {@code maxQueued} calls are already waiting
     */
    public CompletableFuture<ObjectNode> call(String action, ObjectNode payload, Duration timeout) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(payload, "payload");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a call's timeout must be positive");
        }
        List<Violation> violations = OcppSchemas.validate(version, action, Direction.REQUEST, payload);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(version.subprotocol() + " " + action + " request breaks the schema: "
                    + violations.stream()
                            .map(v -> v.path() + " " + v.code().name() + " " + v.description())
                            .collect(Collectors.joining("; ")));
        }
        Pending call = new Pending(new Frame.Call(UUID.randomUUID().toString(), action, payload), timeout);
        List<Runnable> completions = new ArrayList<>();
        synchronized (this) {
            if (closedReason != null) {
                completions.add(() -> call.future.completeExceptionally(CallFailure.closed(action, closedReason)));
            } else if (outstanding == null) {
                send(call, completions);
            } else if (queue.size() >= maxQueued) {
                throw new RejectedExecutionException("the queue of " + maxQueued + " calls waiting behind "
                        + outstanding.frame.action() + " is full; " + action + " refused");
            } else {
                queue.addLast(call);
            }
        }
        completions.forEach(Runnable::run);
        return call.future;
    }

    /**
     * Takes the peer's CALLRESULT. When it answers the outstanding call, completes that call (with the payload, or
     * failed if it breaks the response schema), sends the next queued call and returns true. Returns false, changing
     * nothing, when it answers no outstanding call: a late answer to a timed-out call, or a peer's mistake for the
     * owner to log.
     */
    public boolean onResult(Frame.CallResult result) {
        return answer(result.messageId(), call -> {
            List<Violation> violations = OcppSchemas.validate(version, call.frame.action(), Direction.RESPONSE,
                    result.payload());
            if (violations.isEmpty()) {
                call.future.complete(result.payload());
            } else {
                call.future.completeExceptionally(CallFailure.invalidResponse(call.frame.action(), violations));
            }
        });
    }

    /**
     * Takes the peer's CALLERROR: fails the outstanding call it answers with {@link CallFailure.Kind#CALL_ERROR},
     * sends the next queued call and returns true; false, changing nothing, when it answers no outstanding call.
     */
    public boolean onError(Frame.CallError error) {
        return answer(error.messageId(),
                call -> call.future.completeExceptionally(CallFailure.callError(call.frame.action(), error)));
    }

    /**
     * Fails the outstanding call with {@link CallFailure.Kind#TIMEOUT} if its deadline has passed on the clock, and
     * sends the next queued call.
     */
    public void tick() {
        List<Runnable> completions = new ArrayList<>();
        synchronized (this) {
            if (outstanding != null && !clock.instant().isBefore(deadline)) {
                Pending late = outstanding;
                completions.add(() -> late.future
                        .completeExceptionally(CallFailure.timeout(late.frame.action(), late.timeout)));
                outstanding = null;
                sendNext(completions);
            }
        }
        completions.forEach(Runnable::run);
    }

    /** When the outstanding call times out, for the owner to schedule its {@link #tick()}; empty when none is. */
    public synchronized Optional<Instant> deadline() {
        return Optional.ofNullable(outstanding == null ? null : deadline);
    }

    /** How many calls wait behind the outstanding one. */
    public synchronized int queued() {
        return queue.size();
    }

    /**
     * The connection is gone: fails the outstanding and every queued call with {@link CallFailure.Kind#CLOSED}, and
     * every later call at once. Closing twice keeps the first reason.
     */
    public void close(String reason) {
        Objects.requireNonNull(reason, "reason");
        List<Pending> failed = new ArrayList<>();
        synchronized (this) {
            if (closedReason == null) {
                closedReason = reason;
            }
            if (outstanding != null) {
                failed.add(outstanding);
                outstanding = null;
            }
            failed.addAll(queue);
            queue.clear();
        }
        for (Pending call : failed) {
            call.future.completeExceptionally(CallFailure.closed(call.frame.action(), reason));
        }
    }

    private boolean answer(String messageId, Consumer<Pending> complete) {
        Pending answered;
        List<Runnable> completions = new ArrayList<>();
        synchronized (this) {
            if (outstanding == null || !outstanding.frame.messageId().equals(messageId)) {
                return false;
            }
            answered = outstanding;
            outstanding = null;
            sendNext(completions);
        }
        complete.accept(answered);
        completions.forEach(Runnable::run);
        return true;
    }

    /** Sends queued calls until one is outstanding; must hold the lock. */
    private void sendNext(List<Runnable> completions) {
        while (outstanding == null && !queue.isEmpty()) {
            send(queue.removeFirst(), completions);
        }
    }

    /** Makes {@code call} the outstanding one and sends it; a sender that throws fails it. Must hold the lock. */
    private void send(Pending call, List<Runnable> completions) {
        outstanding = call;
        deadline = clock.instant().plus(call.timeout);
        try {
            sender.accept(call.frame);
        } catch (RuntimeException e) {
            outstanding = null;
            completions.add(() -> call.future.completeExceptionally(CallFailure.notSent(call.frame.action(), e)));
        }
    }

    private static final class Pending {

        final Frame.Call frame;
        final Duration timeout;
        final CompletableFuture<ObjectNode> future = new CompletableFuture<>();

        Pending(Frame.Call frame, Duration timeout) {
            this.frame = frame;
            this.timeout = timeout;
        }
    }
}
