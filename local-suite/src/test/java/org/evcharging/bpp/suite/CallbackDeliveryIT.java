package org.evcharging.bpp.suite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.evcharging.bpp.suite.bap.BapCli;
import org.evcharging.bpp.suite.bap.BapClient;
import org.junit.jupiter.api.Test;

/**
 * What happens after the ACK: repeats are not processed twice, a callback the BAP never takes is recorded as
 * failed when the TTL runs out, a callback survives a crash of the service, and requests a replica stored without
 * answering them are answered once answering resumes, and what is done is purged after its retention.
 */
class CallbackDeliveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A search whose message_id (and transaction_id) is {@code id}, valid for {@code ttl}. */
    private static ObjectNode search(BapClient bap, String id, String ttl) {
        ObjectNode request = JSON.createObjectNode();
        request.set("context", bap.context("search", id, id).put("ttl", ttl));
        request.set("message", BapCli.searchMessage("12.9716,77.5946", "5"));
        return request;
    }

    /** The first column of the first row {@code sql} finds for {@code id} in catalog-service's database, or "NONE". */
    private static String one(LocalSuite suite, String sql, String id) throws Exception {
        try (Connection c = suite.openDb("catalog"); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "NONE";
            }
        }
    }

    private static String outboxStatus(LocalSuite suite, String messageId) throws Exception {
        return one(suite, "SELECT status FROM beckn_outbox WHERE message_id = ?", messageId);
    }

    private static String inboxStatus(LocalSuite suite, String messageId) throws Exception {
        return one(suite, "SELECT status FROM beckn_inbox WHERE message_id = ?", messageId);
    }

    private static int attempts(LocalSuite suite, String messageId) throws Exception {
        return count(suite, "SELECT COUNT(*) FROM beckn_outbox_attempt a JOIN beckn_outbox o ON a.outbox_id = o.id"
                + " WHERE o.message_id = ?", messageId);
    }

    private static int count(LocalSuite suite, String sql, String id) throws Exception {
        return Integer.parseInt(one(suite, sql, id));
    }

    @Test
    void aRepeatedMessageIsAckedButAnsweredOnce() throws Exception {
        LocalSuite suite = SharedSuite.get();
        try (BapClient bap = BapClient.demo(suite, 0)) {
            String id = UUID.randomUUID().toString();
            ObjectNode request = search(bap, id, "PT30S");
            assertTrue(bap.sendRequest("search", request).acked());
            assertTrue(bap.sendRequest("search", request).acked(), "a repeat is ACKed");
            bap.awaitCallback(id, "on_search", Duration.ofSeconds(20));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> bap.callbacks().stream().filter(cb -> id.equals(cb.messageId())).count() == 1);
        }
    }

    @Test
    void aCallbackTheBapNeverTakesIsRecordedAsFailedWhenTheTtlRunsOut() throws Exception {
        LocalSuite suite = SharedSuite.get();
        try (BapClient bap = BapClient.demo(suite, 0)) {
            bap.setAvailable(false);
            String id = UUID.randomUUID().toString();
            assertTrue(bap.sendRequest("search", search(bap, id, "PT4S")).acked());
            await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(outboxStatus(suite, id)));
            assertTrue(attempts(suite, id) >= 2, "each attempt is recorded");
            assertEquals(0, bap.callbacks().size());
        }
    }

    @Test
    void aCallbackSurvivesACrashOfTheService() throws Exception {
        LocalSuite suite = SharedSuite.get();
        try (BapClient bap = BapClient.demo(suite, 0)) {
            bap.setAvailable(false);
            String id = UUID.randomUUID().toString();
            assertTrue(bap.sendRequest("search", search(bap, id, "PT3M")).acked());
            await().atMost(Duration.ofSeconds(20)).until(() -> attempts(suite, id) >= 1);

            suite.control().crashAndRestart("catalog");
            bap.setAvailable(true);

            BapClient.Callback callback = bap.awaitCallback(id, "on_search", Duration.ofSeconds(60));
            assertTrue(callback.verified());
            await().atMost(Duration.ofSeconds(10)).until(() -> "DELIVERED".equals(outboxStatus(suite, id)));
        }
    }

    @Test
    void requestsStoredByAReplicaThatDoesNotAnswerAreAckedAndAnsweredOnceAnsweringResumes() throws Exception {
        LocalSuite suite = SharedSuite.get();
        try (BapClient bap = BapClient.demo(suite, 0)) {
            List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                    UUID.randomUUID().toString());
            suite.control().restartWith("catalog", Map.of("BECKN_INBOUND_ANSWERING", "false"));
            try {
                for (String id : ids) {
                    assertTrue(bap.sendRequest("search", search(bap, id, "PT3M")).acked());
                }
                await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                        .until(() -> bap.callbacks().isEmpty());
                for (String id : ids) {
                    assertEquals("RECEIVED", inboxStatus(suite, id), "stored, waiting for a replica that answers");
                }
            } finally {
                suite.control().restartWith("catalog", Map.of());
            }
            for (String id : ids) {
                assertTrue(bap.awaitCallback(id, "on_search", Duration.ofSeconds(60)).verified());
                assertEquals("PROCESSED", inboxStatus(suite, id));
            }
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(
                    () -> bap.callbacks().stream().filter(cb -> ids.contains(cb.messageId())).count() == ids.size());
        }
    }

    @Test
    void answeredRequestsAndFinishedCallbacksArePurgedAfterTheirRetentionAndNothingElse() throws Exception {
        LocalSuite suite = SharedSuite.get();
        String p = "retention-" + UUID.randomUUID();
        java.util.Map<String, String> id = new java.util.HashMap<>();
        for (String status : List.of("PROCESSED", "RECEIVED", "DELIVERED", "PENDING")) {
            id.put(status, UUID.randomUUID().toString());
        }
        long now = System.currentTimeMillis();
        long eightDaysAgo = now - Duration.ofDays(8).toMillis();
        long tomorrow = now + Duration.ofDays(1).toMillis();
        try (Connection c = suite.openDb("catalog")) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO beckn_inbox (id, bap_id, message_id, action,"
                    + " transaction_id, body, status, received_at, processed_at, attempts, answer_deadline, lease_until)"
                    + " VALUES (?, 'retention.test', ?, 'search', ?, '{}', ?, ?, ?, 0, ?, ?)")) {
                for (String status : List.of("PROCESSED", "RECEIVED")) {
                    ps.setString(1, id.get(status));
                    ps.setString(2, id.get(status));
                    ps.setString(3, p);
                    ps.setString(4, status);
                    ps.setLong(5, eightDaysAgo);
                    ps.setLong(6, eightDaysAgo);
                    ps.setLong(7, eightDaysAgo);
                    ps.setLong(8, tomorrow); // a waiting row recovery leaves alone during the test
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c
                    .prepareStatement("INSERT INTO beckn_outbox (id, action, bap_id, transaction_id,"
                            + " message_id, target_url, body, status, attempts, created_at, next_attempt_at, expires_at) VALUES"
                            + " (?, 'on_search', 'retention.test', ?, ?, 'http://retention.test/on_search', '{}', ?, 1, ?, ?, ?)")) {
                for (String status : List.of("DELIVERED", "PENDING")) {
                    ps.setString(1, id.get(status));
                    ps.setString(2, p);
                    ps.setString(3, id.get(status));
                    ps.setString(4, status);
                    ps.setLong(5, eightDaysAgo);
                    ps.setLong(6, "PENDING".equals(status) ? tomorrow : eightDaysAgo);
                    ps.setLong(7, tomorrow);
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO beckn_outbox_attempt (outbox_id, attempt_no,"
                    + " attempted_at, http_status, duration_ms, outcome) VALUES (?, 1, ?, 200, 5, 'DELIVERED')")) {
                ps.setString(1, id.get("DELIVERED"));
                ps.setLong(2, eightDaysAgo);
                ps.executeUpdate();
            }
        }
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> count(suite, "SELECT COUNT(*) FROM beckn_inbox WHERE id = ?", id.get("PROCESSED")) == 0
                            && count(suite, "SELECT COUNT(*) FROM beckn_outbox WHERE id = ?",
                                    id.get("DELIVERED")) == 0);
            assertEquals(0,
                    count(suite, "SELECT COUNT(*) FROM beckn_outbox_attempt WHERE outbox_id = ?", id.get("DELIVERED")));
            assertEquals(1, count(suite, "SELECT COUNT(*) FROM beckn_inbox WHERE id = ?", id.get("RECEIVED")),
                    "a request still waiting for its answer is kept");
            assertEquals(1, count(suite, "SELECT COUNT(*) FROM beckn_outbox WHERE id = ?", id.get("PENDING")),
                    "a callback still being delivered is kept");
        } finally {
            try (Connection c = suite.openDb("catalog");
                    PreparedStatement ps = c.prepareStatement(
                            "DELETE FROM beckn_inbox WHERE transaction_id = ?");
                    PreparedStatement ps2 = c.prepareStatement("DELETE FROM beckn_outbox WHERE transaction_id = ?")) {
                ps.setString(1, p);
                ps.executeUpdate();
                ps2.setString(1, p);
                ps2.executeUpdate();
            }
        }
    }
}
