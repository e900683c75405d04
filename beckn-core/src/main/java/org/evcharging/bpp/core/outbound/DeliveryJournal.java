package org.evcharging.bpp.core.outbound;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;

/**
 * A local, append-only note of the callbacks this server delivered, written the moment the BAP's ACK is read, before
 * the attempt reaches the database. If the service is killed (or its database goes down) between the delivery and its
 * record, the restarted service reads the note back and records those deliveries instead of sending them a second
 * time: the fault run's kill -9 under a burst otherwise doubled the callbacks in flight.
 * <p>
 * Written without fsync: what the kernel holds survives the process (kill -9, an OOM kill, a container restarted in
 * the same pod, whose output dir is an emptyDir), not the machine; a pod moved elsewhere starts without it, and then a
 * callback delivered in that instant may go twice (the BAP de-duplicates by message_id). Two files of about a minute
 * each: older deliveries are long recorded.
 */
@ApplicationScoped
public class DeliveryJournal {

    private static final SafeLog LOG = SafeLog.of(DeliveryJournal.class);
    private static final long GENERATION_NANOS = 60_000_000_000L;
    private static final String[] NAMES = {"delivered-a.journal", "delivered-b.journal"};

    @Inject
    @ConfigProperty(name = "beckn.outbox.journal-dir", defaultValue = "-")
    String configuredDir;

    private final Set<String> recovered = ConcurrentHashMap.newKeySet();
    private Path dir;
    private FileChannel current;
    private int currentName;
    private long openedAt;

    @PostConstruct
    void open() {
        String d = "-".equals(configuredDir) ? System.getProperty("server.output.dir") : configuredDir;
        if (d == null || d.isBlank()) {
            LOG.info("no delivery journal (beckn.outbox.journal-dir unset): a crash right after a delivery may send it"
                    + " again");
            return;
        }
        try {
            dir = Path.of(d).resolve("outbox");
            Files.createDirectories(dir);
            for (String name : NAMES) {
                Path f = dir.resolve(name);
                if (Files.exists(f)) {
                    for (String line : Files.readAllLines(f, StandardCharsets.US_ASCII)) {
                        if (!line.isBlank()) {
                            recovered.add(line.trim());
                        }
                    }
                    Files.delete(f);
                }
            }
            openGeneration(0);
            if (!recovered.isEmpty()) {
                LOG.log(Level.WARNING, "{0} callback(s) delivered before the last stop may be unrecorded: recorded when"
                        + " claimed again, not sent twice", String.valueOf(recovered.size()));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "delivery journal unavailable in {0}: {1}", new Object[] {d, e.toString()});
            current = null;
        }
    }

    private void openGeneration(int name) throws IOException {
        currentName = name;
        current = FileChannel.open(dir.resolve(NAMES[name]), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        openedAt = System.nanoTime();
    }

    /** Notes that callback {@code outboxId} reached its BAP (its ACK was read). */
    public synchronized void delivered(String outboxId) {
        if (current == null) {
            return;
        }
        try {
            if (System.nanoTime() - openedAt > GENERATION_NANOS) {
                // the other file holds the minute before last: recorded long since; it becomes the new one
                current.close();
                openGeneration(1 - currentName);
            }
            current.write(ByteBuffer.wrap((outboxId + "\n").getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "delivery journal stopped: {0}", e.toString());
            closeQuietly();
        }
    }

    /** Whether {@code outboxId} was delivered before the last stop (and is taken off the list). */
    public boolean deliveredBeforeRestart(String outboxId) {
        return !recovered.isEmpty() && recovered.remove(outboxId);
    }

    @PreDestroy
    synchronized void closeQuietly() {
        try {
            if (current != null) {
                current.close();
            }
        } catch (IOException ignored) {
            // nothing more to write
        }
        current = null;
    }
}
