package org.evcharging.bpp.suite.faults;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.evcharging.bpp.suite.bap.BapClient;

/**
 * What the BAPs of a fault run sent and what the BPP answered at the door, kept small (no bodies): the record the
 * invariants are checked against ("every ACKed request got exactly one on_*").
 */
public final class RequestLog {

    /** One request: who sent it, its action and message id, the HTTP status, and until when it may be answered. */
    public record Entry(BapClient bap, String action, String transactionId, String messageId, int status,
            long sentAtMillis, long answerByMillis) {

        public boolean acked() {
            return status == 200;
        }
    }

    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
    private final AtomicInteger acked = new AtomicInteger();

    /** Notes a request the door answered; {@code ttl} is the one in its context. */
    public Entry add(BapClient bap, BapClient.Sent sent, Duration ttl) {
        long now = System.currentTimeMillis();
        // a request posted by path ({@code /search}) is logged by its action, as the callback names it
        String action = sent.action().startsWith("/") ? sent.action().substring(1) : sent.action();
        Entry e = new Entry(bap, action, sent.transactionId(), sent.messageId(), sent.status(), now,
                now + ttl.toMillis());
        entries.add(e);
        if (e.acked()) {
            acked.incrementAndGet();
        }
        return e;
    }

    /** A kill -9 of a service (its route table key) at an instant: callbacks in flight then may come twice. */
    public record Kill(String service, long atMillis) {
    }

    private final ConcurrentLinkedQueue<Kill> kills = new ConcurrentLinkedQueue<>();

    /** Notes that {@code service} is being killed now. */
    public void killed(String service) {
        kills.add(new Kill(service, System.currentTimeMillis()));
    }

    public List<Kill> kills() {
        return List.copyOf(kills);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public int acked() {
        return acked.get();
    }

    /** How many requests got each HTTP status at the door. */
    public java.util.Map<Integer, Long> statuses() {
        return new java.util.TreeMap<>(entries.stream()
                .collect(
                        java.util.stream.Collectors.groupingBy(Entry::status, java.util.stream.Collectors.counting())));
    }

    public int size() {
        return entries.size();
    }

    /** The latest moment an ACKed request may still be answered: a run waits until then before checking. */
    public long lastAnswerBy() {
        return entries.stream().filter(Entry::acked).mapToLong(Entry::answerByMillis).max().orElse(0);
    }
}
