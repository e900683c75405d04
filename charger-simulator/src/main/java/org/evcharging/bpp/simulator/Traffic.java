package org.evcharging.bpp.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.evcharging.bpp.ocpp.Frame;

/**
 * What one charger's CALLs were, by action and direction, and who waits for the next one: the observers a test uses
 * instead of polling ("the next StopTransaction this charger sends").
 */
final class Traffic {

    private final ConcurrentHashMap<String, LongAdder> sent = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> received = new ConcurrentHashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();

    private record Waiter(boolean sent, String action, CompletableFuture<Frame.Call> future) {
    }

    void sent(Frame.Call call) {
        sent.computeIfAbsent(call.action(), a -> new LongAdder()).increment();
        complete(true, call);
    }

    void received(Frame.Call call) {
        received.computeIfAbsent(call.action(), a -> new LongAdder()).increment();
        complete(false, call);
    }

    long sentCount(String action) {
        LongAdder n = sent.get(action);
        return n == null ? 0 : n.sum();
    }

    long receivedCount(String action) {
        LongAdder n = received.get(action);
        return n == null ? 0 : n.sum();
    }

    CompletableFuture<Frame.Call> next(boolean isSent, String action) {
        CompletableFuture<Frame.Call> future = new CompletableFuture<>();
        synchronized (waiters) {
            waiters.add(new Waiter(isSent, action, future));
        }
        return future;
    }

    /** Completes outside the lock, so that whatever is chained on a future may wait again. */
    private void complete(boolean isSent, Frame.Call call) {
        List<CompletableFuture<Frame.Call>> due = new ArrayList<>();
        synchronized (waiters) {
            for (Iterator<Waiter> i = waiters.iterator(); i.hasNext();) {
                Waiter w = i.next();
                if (w.sent == isSent && w.action.equals(call.action())) {
                    due.add(w.future);
                    i.remove();
                } else if (w.future.isDone()) {
                    i.remove();
                }
            }
        }
        due.forEach(f -> f.complete(call));
    }
}
