package org.evcharging.bpp.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.evcharging.bpp.ocpp.Direction;
import org.evcharging.bpp.ocpp.Frame;
import org.evcharging.bpp.ocpp.Frames;
import org.evcharging.bpp.ocpp.OcppSchemas;
import org.evcharging.bpp.ocpp.OcppVersion;
import org.evcharging.bpp.ocpp.Parsed;
import org.evcharging.bpp.ocpp.Violation;

/**
 * An in-memory central system for the charger tests: it accepts connections, records every frame a charger sends,
 * holds each one to the OCA schema (any violation is kept in {@link #violations} for the test to assert none), and
 * answers CALLs as a simple central system would, one network hop later (a task at the current time of the
 * {@link ManualTime}). Tests change answers per action, leave some unanswered, send CALLs and drop connections.
 */
final class FakeCentralSystem implements Dialer {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ManualTime time;
    private final Map<String, Session> sessions = new HashMap<>();
    private final Map<String, List<Sent>> sentByCharger = new HashMap<>();
    private final Map<String, Function<Frame.Call, ObjectNode>> answers = new HashMap<>();
    private final Map<String, Integer> unanswered = new HashMap<>();
    final List<String> violations = new ArrayList<>();
    final AtomicInteger connectAttempts = new AtomicInteger();
    private final AtomicInteger nextTransactionId = new AtomicInteger(100);
    boolean refuseConnections;

    /** One CALL a charger sent, and when. */
    record Sent(Frame.Call call, java.time.Instant at) {

        String action() {
            return call.action();
        }

        ObjectNode payload() {
            return call.payload();
        }
    }

    FakeCentralSystem(ManualTime time) {
        this.time = time;
    }

    @Override
    public synchronized CompletableFuture<Transport> connect(ChargerSpec charger, Transport.Listener listener) {
        connectAttempts.incrementAndGet();
        if (refuseConnections) {
            return CompletableFuture.failedFuture(new java.io.IOException("connection refused (test)"));
        }
        Session session = new Session(charger, listener);
        sessions.put(charger.chargePointId(), session);
        return CompletableFuture.completedFuture(session);
    }

    /** Answers {@code action} with {@code answer} from now on. */
    synchronized void answer(String action, Function<Frame.Call, ObjectNode> answer) {
        answers.put(action, answer);
    }

    /** Leaves the next {@code n} CALLs of {@code action} unanswered. */
    synchronized void leaveUnanswered(String action, int n) {
        unanswered.put(action, n);
    }

    /** The CALLs {@code chargerId} sent, over all its connections, in order. */
    synchronized List<Sent> sent(String chargerId) {
        return new ArrayList<>(sentByCharger.getOrDefault(chargerId, List.of()));
    }

    List<Sent> sent(String chargerId, String action) {
        return sent(chargerId).stream().filter(s -> s.action().equals(action)).toList();
    }

    List<String> actions(String chargerId) {
        return sent(chargerId).stream().map(Sent::action).toList();
    }

    /** Sends a CALL to the charger; completes with its CALLRESULT or CALLERROR. */
    CompletableFuture<Frame> call(String chargerId, String action, ObjectNode payload) {
        Session session;
        synchronized (this) {
            session = sessions.get(chargerId);
        }
        String id = UUID.randomUUID().toString();
        CompletableFuture<Frame> answer = new CompletableFuture<>();
        session.pending.put(id, new PendingCall(action, answer));
        session.listener.onText(Frames.write(new Frame.Call(id, action, payload)));
        return answer;
    }

    /** Sends raw text to the charger, as a broken central system might; completes with the charger's answer. */
    CompletableFuture<Frame> sendRaw(String chargerId, String text, String expectedId) {
        Session session;
        synchronized (this) {
            session = sessions.get(chargerId);
        }
        CompletableFuture<Frame> answer = new CompletableFuture<>();
        session.pending.put(expectedId, new PendingCall(null, answer));
        session.listener.onText(text);
        return answer;
    }

    /** The network fails under the charger's connection. */
    void drop(String chargerId) {
        Session session;
        synchronized (this) {
            session = sessions.remove(chargerId);
        }
        session.open = false;
        session.listener.onClosed("dropped by the test");
    }

    synchronized boolean isOpen(String chargerId) {
        Session s = sessions.get(chargerId);
        return s != null && s.open;
    }

    private synchronized ObjectNode answerTo(Frame.Call call) {
        Function<Frame.Call, ObjectNode> custom = answers.get(call.action());
        if (custom != null) {
            return custom.apply(call);
        }
        String now = Json.time(time.instant());
        return switch (call.action()) {
            case "BootNotification" -> JSON.objectNode().put("status", "Accepted").put("currentTime", now).put(
                    "interval", 60);
            case "Heartbeat" -> JSON.objectNode().put("currentTime", now);
            case "StartTransaction" -> {
                ObjectNode a = JSON.objectNode().put("transactionId", nextTransactionId.getAndIncrement());
                a.putObject("idTagInfo").put("status", "Accepted");
                yield a;
            }
            default -> JSON.objectNode();
        };
    }

    private synchronized boolean skipAnswer(String action) {
        Integer n = unanswered.get(action);
        if (n == null || n == 0) {
            return false;
        }
        unanswered.put(action, n - 1);
        return true;
    }

    private synchronized void record(String chargerId, Frame.Call call) {
        sentByCharger.computeIfAbsent(chargerId, k -> new ArrayList<>()).add(new Sent(call, time.instant()));
    }

    private synchronized void violation(String what) {
        violations.add(what);
    }

    private record PendingCall(String action, CompletableFuture<Frame> answer) {
    }

    private final class Session implements Transport {

        final ChargerSpec charger;
        final OcppVersion version;
        final Transport.Listener listener;
        final Map<String, PendingCall> pending = new HashMap<>();
        volatile boolean open = true;

        Session(ChargerSpec charger, Transport.Listener listener) {
            this.charger = charger;
            this.version = charger.version();
            this.listener = listener;
        }

        @Override
        public void send(String text) {
            if (!open) {
                violation(charger.chargePointId() + " sent on a closed connection: " + text);
                return;
            }
            Parsed parsed = Frames.parse(text, version);
            if (!(parsed instanceof Parsed.Message message)) {
                violation(charger.chargePointId() + " sent a malformed frame: " + text);
                return;
            }
            Frame frame = message.frame();
            if (frame instanceof Frame.Call call) {
                check(call.action(), Direction.REQUEST, call.payload());
                record(charger.chargePointId(), call);
                if (skipAnswer(call.action())) {
                    return;
                }
                ObjectNode answer = answerTo(call);
                check(call.action(), Direction.RESPONSE, answer);
                time.schedule(Duration.ZERO, () -> {
                    if (open) {
                        listener.onText(Frames.write(new Frame.CallResult(call.messageId(), answer)));
                    }
                });
            } else {
                PendingCall ours = pending.remove(frame.messageId());
                if (ours == null) {
                    violation(charger.chargePointId() + " answered no CALL of ours: " + text);
                    return;
                }
                if (frame instanceof Frame.CallResult result && ours.action() != null) {
                    check(ours.action(), Direction.RESPONSE, result.payload());
                }
                ours.answer().complete(frame);
            }
        }

        private void check(String action, Direction direction, ObjectNode payload) {
            List<Violation> found = OcppSchemas.validate(version, action, direction, payload);
            if (!found.isEmpty()) {
                violation(version.subprotocol() + " " + action + " " + direction + " " + payload + ": " + found);
            }
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
