package org.evcharging.bpp.suite.registry;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.evcharging.bpp.core.logging.SafeLog;

/**
 * The network registry of the local suite: the Subscriptions of the BPP, the demo BAP and whatever a
 * test adds, kept in {@code <work>/registry.json} so a developer can edit them by hand. The file is
 * re-read when it changes; changes through this API are written back to it.
 */
public final class LocalRegistry {

    private static final SafeLog LOG = SafeLog.of(LocalRegistry.class);
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final TypeReference<List<RegistryEntry>> ENTRIES = new TypeReference<>() {
    };

    private final Path file;
    private List<RegistryEntry> entries = List.of();
    private FileTime loadedModified;
    private long loadedSize = -1;
    private volatile RegistrySubscriptions subscriptions;

    public LocalRegistry(Path file) {
        this.file = file;
    }

    /** From now on, {@code /subscribe} is answered (the registry's own keys are known). */
    public void acceptSubscriptions(RegistrySubscriptions handler) {
        this.subscriptions = handler;
    }

    /** The subscribe handler, or null while subscriptions are not taken. */
    public RegistrySubscriptions subscriptions() {
        return subscriptions;
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** Every entry, as the file holds it now. */
    public synchronized List<RegistryEntry> entries() {
        reloadIfChanged();
        return entries;
    }

    /** registry.yaml {@code /lookup}: entries matching every criterion given (subscriber_id, key_id or ukId, type, domain). */
    public synchronized List<RegistryEntry> lookup(JsonNode criteria) {
        String subscriberId = text(criteria, "subscriber_id");
        String keyId = text(criteria, "key_id") != null ? text(criteria, "key_id") : text(criteria, "ukId");
        String type = text(criteria, "type");
        String domain = text(criteria, "domain");
        List<RegistryEntry> out = new ArrayList<>();
        for (RegistryEntry e : entries()) {
            if ((subscriberId == null || subscriberId.equals(e.subscriberId()))
                    && (keyId == null || keyId.equals(e.keyId()))
                    && (type == null || type.equalsIgnoreCase(e.type()))
                    && (domain == null || e.domain() == null || domain.equals(e.domain()))) {
                out.add(e);
            }
        }
        return out;
    }

    /** Adds {@code entry}, replacing any entry with the same subscriber_id, key_id and domain. */
    public synchronized void put(RegistryEntry entry) {
        List<RegistryEntry> next = new ArrayList<>();
        for (RegistryEntry e : entries()) {
            if (!e.sameSubscription(entry)) {
                next.add(e);
            }
        }
        next.add(entry);
        write(next);
    }

    /** Removes the entry of {@code subscriberId|keyId} (every key of the subscriber when keyId is null). */
    public synchronized boolean remove(String subscriberId, String keyId) {
        List<RegistryEntry> next = new ArrayList<>();
        for (RegistryEntry e : entries()) {
            if (!(e.subscriberId().equals(subscriberId) && (keyId == null || e.keyId().equals(keyId)))) {
                next.add(e);
            }
        }
        boolean removed = next.size() != entries.size();
        if (removed) {
            write(next);
        }
        return removed;
    }

    public synchronized void write(List<RegistryEntry> next) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), next);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            entries = List.copyOf(next);
            loadedModified = Files.getLastModifiedTime(file);
            loadedSize = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private void reloadIfChanged() {
        try {
            if (!Files.isRegularFile(file)) {
                entries = List.of();
                loadedModified = null;
                return;
            }
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (modified.equals(loadedModified) && size == loadedSize) {
                return;
            }
            entries = List.copyOf(JSON.readValue(file.toFile(), ENTRIES));
            loadedModified = modified;
            loadedSize = size;
            LOG.fine(() -> "registry: loaded " + entries.size() + " entries from " + file);
        } catch (IOException e) {
            // A half-edited file keeps the last good entries rather than emptying the network.
            LOG.warning("registry: cannot read " + file + ", keeping the previous entries: " + e.getMessage());
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }
}
