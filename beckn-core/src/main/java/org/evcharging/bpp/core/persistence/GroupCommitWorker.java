package org.evcharging.bpp.core.persistence;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import java.util.logging.Level;
import org.evcharging.bpp.core.logging.SafeLog;

/**
 * Group commit: one thread writes, as one batch, whatever queued up while its previous write was committing. Under
 * load one statement and one commit serve many items; idle, an item is written alone at once (there is no timer).
 * The inbox insert on the ACK path and the delivery-attempt records both go through one of these. The writer
 * handles its own failures; anything it lets escape is logged and the thread goes on.
 *
 * @param <T> what is written
 */
public final class GroupCommitWorker<T> {

    private static final SafeLog LOG = SafeLog.of(GroupCommitWorker.class);

    private final String name;
    private final int maxItems;
    private final ToIntFunction<T> weight;
    private final int maxWeight;
    private final Consumer<List<T>> writer;
    private final LinkedBlockingQueue<T> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param maxItems  items per batch at most
     * @param weight    an item's weight (e.g. its bytes), and {@code maxWeight} the most a batch may weigh (a single
     *                  heavier item still goes, alone)
     * @param writer    writes one batch
     */
    public GroupCommitWorker(String name, ManagedThreadFactory threads, int maxItems, ToIntFunction<T> weight,
            int maxWeight, Consumer<List<T>> writer) {
        this.name = name;
        this.maxItems = maxItems;
        this.weight = weight;
        this.maxWeight = maxWeight;
        this.writer = writer;
        this.thread = threads.newThread(this::loop);
        thread.setName(name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues an item; false once the worker is stopping (the caller must not count on it being written). */
    public boolean offer(T item) {
        if (!running) {
            return false;
        }
        queue.add(item);
        return true;
    }

    /** Stops the thread (waiting up to {@code waitMillis} for the batch in hand) and returns what was never taken. */
    public List<T> stop(long waitMillis) {
        running = false;
        thread.interrupt();
        try {
            thread.join(waitMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<T> left = new ArrayList<>();
        queue.drainTo(left);
        return left;
    }

    private void loop() {
        List<T> batch = new ArrayList<>();
        while (running) {
            try {
                T first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int total = weight.applyAsInt(first);
                for (T next; batch.size() < maxItems && (next = queue.peek()) != null;) {
                    int w = weight.applyAsInt(next);
                    if (total + w > maxWeight) {
                        break;
                    }
                    queue.poll();
                    batch.add(next);
                    total += w;
                }
                writer.accept(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, name + ": a batch of " + batch.size() + " could not be written", e);
            } finally {
                batch.clear();
            }
        }
    }
}
