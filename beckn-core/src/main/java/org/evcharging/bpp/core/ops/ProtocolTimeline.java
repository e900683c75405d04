package org.evcharging.bpp.core.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One transaction's protocol history in this service, from its own tables, for the operator's console: every request
 * the door ACKed (the inbox: NACKed requests are refused before anything is stored, so they are not here) and every
 * {@code on_*} callback with its delivery (the outbox and its attempts: HTTP status, time taken, error). The callback's
 * target is shown by host only.
 */
@ApplicationScoped
public class ProtocolTimeline {

    /** How many rows of each kind one timeline shows at most (a status poller makes many). */
    public static final int MAX_ROWS = 500;

    /** One delivery attempt of a callback. */
    public record Attempt(int number, Instant at, Integer httpStatus, long durationMs, String outcome) {
    }

    /**
     * One protocol message: {@code direction} "in" (a request the BAP sent us, ACKed) or "out" (a callback);
     * {@code status} RECEIVED, PROCESSED, FAILED (in) or PENDING, DELIVERED, FAILED (out).
     */
    public record Entry(Instant at, String direction, String action, String messageId, String status, String ack,
            int attempts, Instant deliveredAt, String target, String lastError, List<Attempt> deliveries) {
    }

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    /** The messages of the BAP's transaction, oldest first. */
    public List<Entry> of(String bapId, String transactionId) {
        List<Entry> entries = new ArrayList<>();
        List<Object[]> in = em.createQuery("SELECT m.receivedAt, m.action, m.beckn.messageId, m.status, m.attempts"
                + " FROM InboxMessage m WHERE m.beckn.bapId = :bap AND m.beckn.transactionId = :txn"
                + " ORDER BY m.receivedAt", Object[].class)
                .setParameter("bap", bapId).setParameter("txn", transactionId)
                .setMaxResults(MAX_ROWS).getResultList();
        for (Object[] r : in) {
            entries.add(new Entry(Instant.ofEpochMilli((Long) r[0]), "in", (String) r[1], (String) r[2],
                    (String) r[3], "ACK", ((Number) r[4]).intValue(), null, null, null, List.of()));
        }
        List<Object[]> out = em.createQuery("SELECT m.id, m.createdAt, m.action, m.beckn.messageId, m.status,"
                + " m.attempts, m.deliveredAt, m.targetUrl, m.lastError FROM OutboxMessage m"
                + " WHERE m.beckn.transactionId = :txn AND m.beckn.bapId = :bap ORDER BY m.createdAt", Object[].class)
                .setParameter("bap", bapId).setParameter("txn", transactionId)
                .setMaxResults(MAX_ROWS).getResultList();
        Map<String, List<Attempt>> attempts = new LinkedHashMap<>();
        if (!out.isEmpty()) {
            List<String> ids = out.stream().map(r -> (String) r[0]).toList();
            for (Object[] a : em.createQuery("SELECT a.outboxId, a.attemptNo, a.attemptedAt, a.httpStatus,"
                    + " a.durationMs, a.outcome FROM OutboxAttempt a WHERE a.outboxId IN :ids"
                    + " ORDER BY a.attemptedAt", Object[].class).setParameter("ids", ids).getResultList()) {
                attempts.computeIfAbsent((String) a[0], k -> new ArrayList<>()).add(new Attempt(
                        ((Number) a[1]).intValue(), Instant.ofEpochMilli((Long) a[2]), (Integer) a[3],
                        ((Number) a[4]).longValue(), (String) a[5]));
            }
        }
        for (Object[] r : out) {
            Long delivered = (Long) r[6];
            entries.add(new Entry(Instant.ofEpochMilli((Long) r[1]), "out", (String) r[2], (String) r[3],
                    (String) r[4], null, ((Number) r[5]).intValue(),
                    delivered == null ? null : Instant.ofEpochMilli(delivered), hostOf((String) r[7]),
                    (String) r[8], attempts.getOrDefault((String) r[0], List.of())));
        }
        entries.sort(Comparator.comparing(Entry::at));
        return entries;
    }

    private static String hostOf(String url) {
        try {
            URI u = URI.create(url);
            return u.getHost() == null ? "?" : u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }
}
