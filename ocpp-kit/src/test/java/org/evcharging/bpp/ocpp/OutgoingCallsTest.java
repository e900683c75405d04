package org.evcharging.bpp.ocpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.evcharging.bpp.ocpp.Frame.Call;
import org.evcharging.bpp.ocpp.Frame.CallError;
import org.evcharging.bpp.ocpp.Frame.CallResult;
import org.junit.jupiter.api.Test;

class OutgoingCallsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final TestClock clock = new TestClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final List<Call> sent = new CopyOnWriteArrayList<>();
    private final OutgoingCalls calls = new OutgoingCalls(OcppVersion.OCPP_1_6, sent::add, clock, 3);

    /** A clock the test moves by hand. */
    private static final class TestClock extends Clock {

        private volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private ObjectNode object(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private CompletableFuture<ObjectNode> remoteStart(String idTag) {
        return calls.call("RemoteStartTransaction", object("{\"idTag\": \"" + idTag + "\"}"));
    }

    private CallResult accepted(Call call) {
        return new CallResult(call.messageId(), object("{\"status\": \"Accepted\"}"));
    }

    private static CallFailure failure(CompletableFuture<ObjectNode> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(0, TimeUnit.SECONDS));
        return assertInstanceOf(CallFailure.class, e.getCause());
    }

    private static String idTag(Call call) {
        return call.payload().get("idTag").textValue();
    }

    @Test
    void sendsOneCallAtATimeInTheOrderTheyWereMade() {
        CompletableFuture<ObjectNode> a = remoteStart("a");
        CompletableFuture<ObjectNode> b = remoteStart("b");
        CompletableFuture<ObjectNode> c = remoteStart("c");
        assertEquals(1, sent.size(), "only the first call goes out");
        assertEquals("a", idTag(sent.get(0)));
        assertEquals("RemoteStartTransaction", sent.get(0).action());
        assertEquals(2, calls.queued());

        assertTrue(calls.onResult(accepted(sent.get(0))));
        assertEquals("Accepted", a.join().get("status").textValue());
        assertEquals(2, sent.size());
        assertEquals("b", idTag(sent.get(1)));
        assertFalse(b.isDone());

        assertTrue(calls.onResult(accepted(sent.get(1))));
        assertEquals("c", idTag(sent.get(2)));
        assertTrue(calls.onResult(accepted(sent.get(2))));
        assertTrue(b.isDone() && c.isDone());
        assertEquals(0, calls.queued());
        assertEquals(Optional.empty(), calls.deadline());
    }

    @Test
    void anAnswerIsMatchedByMessageIdAndAnyOtherIsUnmatched() {
        CompletableFuture<ObjectNode> a = remoteStart("a");
        remoteStart("b");
        assertFalse(calls.onResult(new CallResult("not-ours", object("{\"status\": \"Accepted\"}"))));
        assertFalse(calls.onError(new CallError("not-ours", ErrorCode.V16.GenericError, "x")));
        assertFalse(a.isDone(), "an unmatched answer completes nothing");
        assertEquals(1, sent.size(), "and sends nothing");

        assertTrue(calls.onResult(accepted(sent.get(0))));
        assertFalse(calls.onResult(accepted(sent.get(0))), "a second answer to the same call is unmatched");
        assertEquals(2, sent.size());
    }

    @Test
    void aCallErrorFailsTheCallWithItsCodeAndTheNextGoesOut() {
        CompletableFuture<ObjectNode> a = remoteStart("a");
        remoteStart("b");
        ObjectNode details = object("{\"hint\": \"busy\"}");
        assertTrue(calls.onError(
                new CallError(sent.get(0).messageId(), "NotSupported", "no remote start here", details)));
        CallFailure f = failure(a);
        assertEquals(CallFailure.Kind.CALL_ERROR, f.kind());
        assertEquals("NotSupported", f.errorCode());
        assertEquals(details, f.errorDetails());
        assertTrue(f.getMessage().contains("no remote start here"), f.getMessage());
        assertEquals("RemoteStartTransaction", f.action());
        assertEquals("b", idTag(sent.get(1)));
    }

    @Test
    void aTimeoutFreesTheSlotForTheNextCallAndALateAnswerIsUnmatched() {
        CompletableFuture<ObjectNode> a = calls.call("RemoteStartTransaction", object("{\"idTag\": \"a\"}"),
                Duration.ofSeconds(10));
        CompletableFuture<ObjectNode> b = remoteStart("b");
        assertEquals(Optional.of(Instant.parse("2026-12-05T10:00:10Z")), calls.deadline());

        clock.advance(Duration.ofSeconds(9));
        calls.tick();
        assertFalse(a.isDone(), "not yet");
        assertEquals(1, sent.size());

        clock.advance(Duration.ofSeconds(1));
        calls.tick();
        assertEquals(CallFailure.Kind.TIMEOUT, failure(a).kind());
        assertEquals(2, sent.size(), "the next call goes out");
        assertEquals(Optional.of(Instant.parse("2026-12-05T10:00:40Z")), calls.deadline(),
                "its default 30 s count from when it is sent");

        assertFalse(calls.onResult(accepted(sent.get(0))), "the late answer to the timed-out call matches nothing");
        assertFalse(b.isDone());
        assertTrue(calls.onResult(accepted(sent.get(1))));
        assertTrue(b.isDone());
    }

    @Test
    void closingFailsTheOutstandingTheQueuedAndEveryLaterCall() {
        CompletableFuture<ObjectNode> a = remoteStart("a");
        CompletableFuture<ObjectNode> b = remoteStart("b");
        calls.close("socket closed 1006");
        for (CompletableFuture<ObjectNode> f : List.of(a, b)) {
            CallFailure failure = failure(f);
            assertEquals(CallFailure.Kind.CLOSED, failure.kind());
            assertTrue(failure.getMessage().contains("socket closed 1006"), failure.getMessage());
        }
        assertEquals(0, calls.queued());
        assertEquals(CallFailure.Kind.CLOSED, failure(remoteStart("c")).kind());
        assertEquals(1, sent.size(), "nothing sent after closing");
        assertFalse(calls.onResult(accepted(sent.get(0))));
    }

    @Test
    void aFullQueueRefusesTheCall() {
        remoteStart("outstanding");
        remoteStart("q1");
        remoteStart("q2");
        remoteStart("q3");
        RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> remoteStart("q4"));
        assertTrue(e.getMessage().contains("is full"), e.getMessage());
        assertEquals(3, calls.queued());
        calls.onResult(accepted(sent.get(0)));
        remoteStart("q4");
        assertEquals(3, calls.queued(), "room again once one went out");
    }

    @Test
    void aPayloadThatBreaksTheSchemaIsRefusedBeforeItIsQueued() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> calls.call("RemoteStartTransaction", object("{\"idTag\": 42, \"extra\": true}")));
        assertTrue(e.getMessage().contains("$.idTag TypeConstraintViolation"), e.getMessage());
        assertTrue(e.getMessage().contains("$.extra FormationViolation"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> calls.call("NoSuchAction", object("{}")));
        assertEquals(List.of(), sent);
        assertEquals(0, calls.queued());
    }

    @Test
    void aResponseThatBreaksTheSchemaFailsTheCallWithTheViolationAndFreesTheSlot() {
        CompletableFuture<ObjectNode> a = remoteStart("a");
        remoteStart("b");
        assertTrue(calls.onResult(new CallResult(sent.get(0).messageId(), object("{\"status\": \"Maybe\"}"))));
        CallFailure f = failure(a);
        assertEquals(CallFailure.Kind.INVALID_RESPONSE, f.kind());
        assertEquals(1, f.violations().size());
        assertEquals("$.status", f.violations().get(0).path());
        assertEquals(ErrorCode.V16.PropertyConstraintViolation, f.violations().get(0).code());
        assertEquals(2, sent.size());
    }

    @Test
    void aSenderThatThrowsFailsThatCallOnly() {
        AtomicInteger attempts = new AtomicInteger();
        List<Call> out = new ArrayList<>();
        OutgoingCalls flaky = new OutgoingCalls(OcppVersion.OCPP_1_6, call -> {
            if (attempts.incrementAndGet() == 2) {
                throw new IllegalStateException("socket gone");
            }
            out.add(call);
        }, clock, 5);
        flaky.call("Heartbeat", object("{}"));
        CompletableFuture<ObjectNode> second = flaky.call("Heartbeat", object("{}"));
        CompletableFuture<ObjectNode> third = flaky.call("Heartbeat", object("{}"));
        flaky.onResult(new CallResult(out.get(0).messageId(), object("{\"currentTime\": \"2026-12-05T10:00:00Z\"}")));
        CallFailure f = failure(second);
        assertEquals(CallFailure.Kind.NOT_SENT, f.kind());
        assertInstanceOf(IllegalStateException.class, f.getCause());
        assertEquals(2, out.size(), "the third went out after the second failed to");
        assertFalse(third.isDone());
    }

    @Test
    void messageIdsAreFreshUuidsOfAtMost36Characters() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            remoteStart("t" + i);
            Call last = sent.get(sent.size() - 1);
            assertTrue(last.messageId().length() <= Frame.MAX_MESSAGE_ID, last.messageId());
            assertTrue(ids.add(last.messageId()), "repeated id " + last.messageId());
            calls.onResult(accepted(last));
        }
        assertEquals(200, ids.size());
    }

    /**
     * Eight threads call at once while another answers each CALL as it leaves; the sender counts CALLs in flight. No
     * sleeps: the answerer blocks on the frames sent, and the run ends when every call is answered.
     */
    @Test
    void callsFromSeveralThreadsStillGoOutOneAtATime() throws Exception {
        int threads = 8;
        int perThread = 100;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        LinkedBlockingQueue<Call> wire = new LinkedBlockingQueue<>();
        OutgoingCalls shared = new OutgoingCalls(OcppVersion.OCPP_1_6, call -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            wire.add(call);
        }, clock, threads * perThread);

        Set<String> ids = new HashSet<>();
        Thread answerer = new Thread(() -> {
            try {
                for (int i = 0; i < threads * perThread; i++) {
                    Call call = wire.take();
                    ids.add(call.messageId());
                    inFlight.decrementAndGet();
                    if (!shared.onResult(accepted(call))) {
                        throw new AssertionError("unmatched " + call.messageId());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        answerer.start();

        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<ObjectNode>> futures = new CopyOnWriteArrayList<>();
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread caller = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    futures.add(remoteStartOn(shared, "t" + thread + "-" + i));
                }
            });
            caller.start();
            callers.add(caller);
        }
        start.countDown();
        for (Thread caller : callers) {
            caller.join(10_000);
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        answerer.join(10_000);

        assertEquals(threads * perThread, futures.size());
        assertEquals(threads * perThread, ids.size(), "every call sent once, with its own id");
        assertEquals(1, maxInFlight.get(), "never two CALLs in flight");
        assertTrue(wire.isEmpty());
        assertEquals(0, shared.queued());
    }

    private CompletableFuture<ObjectNode> remoteStartOn(OutgoingCalls on, String idTag) {
        return on.call("RemoteStartTransaction", object("{\"idTag\": \"" + idTag + "\"}"));
    }
}
