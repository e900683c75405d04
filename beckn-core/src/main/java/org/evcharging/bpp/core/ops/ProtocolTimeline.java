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
 * target is shown by host only. The newest {@link #MAX_ROWS} of each kind, {@code truncated} when there were more.
 * <p>
 * One transaction may hold more than one order (a BAP that inits at one provider, then at another): then only the
 * messages that name one of {@code mentions} (the order's id, its provider's id) are kept, and a callback sent without
 * a stored body goes with the request it answers.
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

    /** The messages, oldest first; {@code truncated}: older ones were left out. */
    public record Timeline(List<Entry> entries, boolean truncated) {
    }

    @PersistenceContext(unitName = "bpp")
    EntityManager em;

    /**
     * The transaction's messages here as {@code caller} may see them: all for the operator; for a partner, those that
     * name its provider (a select, a rating or a ticket of its own); none for anyone else.
     */
    public Timeline forCaller(org.evcharging.bpp.core.rest.Caller caller, String bapId, String transactionId) {
        if (caller.isOperator()) {
            return of(bapId, transactionId, List.of());
        }
        if (!caller.roles().contains(org.evcharging.bpp.core.rest.Caller.PARTNER) || caller.providerId() == null) {
            return new Timeline(List.of(), false);
        }
        return of(bapId, transactionId, List.of(caller.providerId()));
    }

    /** The messages of the BAP's transaction, oldest first; all of them when {@code mentions} is empty. */
    public Timeline of(String bapId, String transactionId, List<String> mentions) {
        List<Entry> entries = new ArrayList<>();
        // bodies are read only when they must be looked into; the newest rows are kept
        String body = mentions.isEmpty() ? "" : ", m.body";
        List<Object[]> in = em.createQuery("SELECT m.receivedAt, m.action, m.beckn.messageId, m.status, m.attempts"
                + body + " FROM InboxMessage m WHERE m.beckn.bapId = :bap AND m.beckn.transactionId = :txn"
                + " ORDER BY m.receivedAt DESC", Object[].class)
                .setParameter("bap", bapId).setParameter("txn", transactionId)
                .setMaxResults(MAX_ROWS + 1).getResultList();
        boolean truncated = in.size() > MAX_ROWS;
        java.util.Set<String> keptRequests = new java.util.HashSet<>();
        for (Object[] r : in.subList(0, Math.min(in.size(), MAX_ROWS))) {
            if (!mentions.isEmpty() && !mentionsAny((String) r[5], mentions)) {
                continue;
            }
            keptRequests.add("on_" + r[1] + "/" + r[2]);
            entries.add(new Entry(Instant.ofEpochMilli((Long) r[0]), "in", (String) r[1], (String) r[2],
                    (String) r[3], "ACK", ((Number) r[4]).intValue(), null, null, null, List.of()));
        }
        List<Object[]> out = em.createQuery("SELECT m.id, m.createdAt, m.action, m.beckn.messageId,"
                + " m.status, m.attempts, m.deliveredAt, m.targetUrl, m.lastError" + body + " FROM OutboxMessage m"
                + " WHERE m.beckn.transactionId = :txn AND m.beckn.bapId = :bap ORDER BY m.createdAt DESC",
                Object[].class)
                .setParameter("bap", bapId).setParameter("txn", transactionId)
                .setMaxResults(MAX_ROWS + 1).getResultList();
        truncated |= out.size() > MAX_ROWS;
        out = out.subList(0, Math.min(out.size(), MAX_ROWS)).stream()
                .filter(r -> mentions.isEmpty() || mentionsAny((String) r[9], mentions)
                        || isBlank((String) r[9]) && keptRequests.contains(r[2] + "/" + r[3]))
                .toList();
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
        return new Timeline(entries, truncated);
    }

    private static boolean mentionsAny(String body, List<String> mentions) {
        if (body == null) {
            return false;
        }
        for (String m : mentions) {
            if (body.contains("\"" + m + "\"")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
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
