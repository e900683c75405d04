package org.evcharging.bpp.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The CALLs a charger sends in order, one at a time, besides BootNotification and Heartbeat: status notifications
 * and transaction messages. Transaction messages outlive a lost connection, as on a real charger, and go out after
 * the next accepted boot in the order they happened, with their original timestamps; a status notification is only
 * worth sending live (the charger reports every connector's current status after each boot), so it is dropped when
 * the connection is. A payload is built when first sent, so a 1.6 message queued before its StartTransaction was
 * answered carries the transaction id the answer gave. Not thread-safe: the charger's lock guards it.
 */
final class Outbox {

    /** One CALL to send. */
    static final class Entry {

        final String action;
        final boolean transactional;
        private final Supplier<Optional<ObjectNode>> build;
        final Consumer<ObjectNode> onAnswer;
        final Runnable onFailure;
        private Optional<ObjectNode> payload;

        Entry(String action, boolean transactional, Supplier<Optional<ObjectNode>> build,
                Consumer<ObjectNode> onAnswer, Runnable onFailure) {
            this.action = action;
            this.transactional = transactional;
            this.build = build;
            this.onAnswer = onAnswer;
            this.onFailure = onFailure;
        }

        /** The payload, built on the first call and the same on a retry; empty when it cannot be sent any more. */
        Optional<ObjectNode> payload() {
            if (payload == null) {
                payload = build.get();
            }
            return payload;
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private Entry inFlight;

    void add(Entry entry) {
        entries.addLast(entry);
    }

    /** The entry to send next, or null when one is in flight or none waits. */
    Entry next() {
        return inFlight == null ? entries.peekFirst() : null;
    }

    void sending(Entry entry) {
        inFlight = entry;
    }

    /** The in-flight entry is done with (answered or given up): it leaves the queue. */
    void done(Entry entry) {
        entries.remove(entry);
        if (inFlight == entry) {
            inFlight = null;
        }
    }

    /** The in-flight entry is to be sent again later: it stays at the head. */
    void retry(Entry entry) {
        if (inFlight == entry) {
            inFlight = null;
        }
    }

    /** The connection is gone: what only matters live is dropped, transaction messages wait. */
    void disconnected() {
        inFlight = null;
        entries.removeIf(e -> !e.transactional);
    }

    int size() {
        return entries.size();
    }
}
