package org.evcharging.bpp.suite.faults;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.evcharging.bpp.suite.LocalSuite;
import org.evcharging.bpp.suite.routes.RouteTable;

/**
 * What must hold after any fault, checked from the services' databases and the BAPs' own records (never from what
 * the services say about themselves): each check is one line with its count of violations and what it looked at.
 */
public final class Invariants {

    /** One invariant: how many violations, what was examined, and examples of the violations. */
    public record Check(String name, int violations, String examined, List<String> examples) {

        public boolean holds() {
            return violations == 0;
        }

        public String line() {
            return String.format(Locale.ROOT, "%-58s %6d   %s%s", name, violations, examined,
                    examples.isEmpty() ? "" : "  e.g. " + String.join("; ", examples));
        }
    }

    private final LocalSuite suite;

    public Invariants(LocalSuite suite) {
        this.suite = suite;
    }

    /** Every check, in the order a report shows them. */
    public List<Check> all(RequestLog log) throws SQLException {
        List<Check> checks = new ArrayList<>(answeredOnce(log));
        if (suite.isRunning("order")) {
            checks.add(noDoubleBooking());
            checks.add(ordersEndExplained());
            checks.add(sessionsEndExplained());
        }
        if (suite.isRunning("order") && suite.isRunning("payment")) {
            checks.addAll(money());
        }
        return checks;
    }

    /**
     * Every ACKed request got exactly one verified {@code on_*} (or is recorded FAILED after its ttl with attempts
     * made, or is still within its ttl); none got two.
     */
    public List<Check> answeredOnce(RequestLog log) throws SQLException {
        int once = 0;
        int failedRecorded = 0;
        int inFlight = 0;
        int lost = 0;
        int twice = 0;
        int inFlightAtKill = 0;
        int refusedAtDoor = 0;
        List<String> lostExamples = new ArrayList<>();
        List<String> twiceExamples = new ArrayList<>();
        long now = System.currentTimeMillis();
        int unverified = 0;
        java.util.Set<org.evcharging.bpp.suite.bap.BapClient> baps = new java.util.HashSet<>();
        for (RequestLog.Entry e : log.entries()) {
            baps.add(e.bap());
            if (!e.acked()) {
                refusedAtDoor++;
                continue;
            }
            int n = e.bap().answers(e.messageId(), "on_" + e.action());
            if (n == 1) {
                once++;
                continue;
            }
            if (n > 1) {
                if (inFlightAtKill(log, e)) {
                    inFlightAtKill++;
                    continue;
                }
                twice++;
                if (twiceExamples.size() < 3) {
                    twiceExamples.add(e.action() + " msg=" + e.messageId() + " answered " + n + " times");
                }
                continue;
            }
            Optional<String[]> outbox = outboxRow(e);
            if (outbox.isPresent() && "FAILED".equals(outbox.get()[0]) && Integer.parseInt(outbox.get()[1]) > 0) {
                failedRecorded++;
            } else if (e.answerByMillis() > now && (outbox.isEmpty() || "PENDING".equals(outbox.get()[0]))) {
                inFlight++;
            } else {
                lost++;
                if (lostExamples.size() < 3) {
                    lostExamples.add(e.action() + " msg=" + e.messageId() + " outbox="
                            + outbox.map(r -> r[0] + "/" + r[1] + " attempts").orElse("none"));
                }
            }
        }
        for (org.evcharging.bpp.suite.bap.BapClient b : baps) {
            unverified += b.unverifiedCallbacks();
        }
        return List.of(
                new Check("ACKed requests never answered (lost)", lost,
                        String.format(Locale.ROOT,
                                "%d ACKed: %d answered once, %d recorded FAILED after their ttl, %d still in their ttl;"
                                        + " %d refused at the door",
                                once + failedRecorded + inFlight + lost + twice + inFlightAtKill, once, failedRecorded,
                                inFlight,
                                refusedAtDoor),
                        lostExamples),
                new Check("requests answered twice (duplicated on_*)", twice,
                        inFlightAtKill == 0 ? ""
                                : inFlightAtKill + " more answered twice because the service was killed (-9) while"
                                        + " their callback was on its way (the BAP had it, its ACK not yet read):"
                                        + " at least once",
                        twiceExamples),
                new Check("callbacks failing the BAP's signature check", unverified, "", List.of()));
    }

    /**
     * Whether the first answer to {@code e} arrived in the 3 s before a kill -9 of the service that sent it: a callback
     * the BAP got whose ACK the killed service never read is sent again after its restart, which no sender can tell
     * from one that never arrived.
     */
    private boolean inFlightAtKill(RequestLog log, RequestLog.Entry e) {
        long first = e.bap().firstAnswerAt(e.messageId(), "on_" + e.action());
        Optional<RouteTable.Service> service = suite.routes().route("/" + e.action());
        return first > 0 && service.isPresent() && log.kills().stream().anyMatch(k -> k.service().equals(
                service.get().key()) && first <= k.atMillis() + 200 && first >= k.atMillis() - 3000);
    }

    private Optional<String[]> outboxRow(RequestLog.Entry e) throws SQLException {
        Optional<RouteTable.Service> service = suite.routes().route("/" + e.action());
        if (service.isEmpty() || !suite.isRunning(service.get().key())) {
            return Optional.empty();
        }
        try (Connection c = suite.openDb(service.get().key());
                PreparedStatement ps = c
                        .prepareStatement("SELECT o.status, (SELECT COUNT(*) FROM beckn_outbox_attempt a"
                                + " WHERE a.outbox_id = o.id) FROM beckn_outbox o WHERE o.message_id = ? AND o.action = ?")) {
            ps.setString(1, e.messageId());
            ps.setString(2, "on_" + e.action());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        }
    }

    /** No charger slot held (live) or reserved by two orders whose times overlap. */
    public Check noDoubleBooking() throws SQLException {
        String live = "(%1$s.status = 'RESERVED' OR (%1$s.status = 'HELD' AND %1$s.expires_at > UTC_TIMESTAMP(3)))";
        List<String> examples = new ArrayList<>();
        int pairs = 0;
        int holds;
        try (Connection c = suite.openDb("order")) {
            try (PreparedStatement ps = c
                    .prepareStatement("SELECT a.fulfillment_id, a.slot_start, a.order_id, b.order_id"
                            + " FROM slot_hold a JOIN slot_hold b ON a.fulfillment_id = b.fulfillment_id"
                            + " AND a.order_id < b.order_id AND a.slot_start < b.slot_end AND b.slot_start < a.slot_end WHERE "
                            + String.format(live, "a") + " AND " + String.format(live, "b"));
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    pairs++;
                    if (examples.size() < 3) {
                        examples.add(rs.getString(1) + " at " + rs.getString(2) + ": orders " + rs.getString(3)
                                + " and " + rs.getString(4));
                    }
                }
            }
            holds = count(c, "SELECT COUNT(*) FROM slot_hold WHERE status IN ('HELD', 'RESERVED')");
        }
        return new Check("charger slots held or reserved by two orders at once", pairs,
                holds + " holds and reservations", examples);
    }

    /** No order left in a draft past its hold (plus the sweep's margin), no order without a state its history gives. */
    public Check ordersEndExplained() throws SQLException {
        List<String> examples = new ArrayList<>();
        int stuck = 0;
        Map<String, Integer> byStatus = new HashMap<>();
        try (Connection c = suite.openDb("order")) {
            try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM orders GROUP BY status");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byStatus.put(rs.getString(1), rs.getInt(2));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, hold_until FROM orders WHERE status = 'DRAFT'"
                    + " AND hold_until < UTC_TIMESTAMP(3) - INTERVAL 2 MINUTE");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stuck++;
                    if (examples.size() < 3) {
                        examples.add(rs.getString(1) + " held until " + rs.getString(2));
                    }
                }
            }
        }
        return new Check("orders stuck in a draft past their hold", stuck, "orders by status " + byStatus, examples);
    }

    /** No charging session running for an order that is not active (a session charging for ever). */
    public Check sessionsEndExplained() throws SQLException {
        List<String> examples = new ArrayList<>();
        int bad = 0;
        int sessions;
        try (Connection c = suite.openDb("order")) {
            sessions = count(c, "SELECT COUNT(*) FROM charging_session");
            try (PreparedStatement ps = c.prepareStatement("SELECT s.order_id, o.status FROM charging_session s"
                    + " JOIN orders o ON o.id = s.order_id WHERE s.state = 'RUNNING' AND o.status <> 'ACTIVE'");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bad++;
                    if (examples.size() < 3) {
                        examples.add("order " + rs.getString(1) + " is " + rs.getString(2) + ", its session runs");
                    }
                }
            }
        }
        return new Check("sessions running for an order that is not active", bad, sessions + " sessions", examples);
    }

    /**
     * Money: for each order, what came in = what the BPP keeps (final bill, cancellation charge, or the whole price
     * while active) + what went back; no refund beyond what was paid; the ledger and the gateway agree.
     */
    public List<Check> money() throws SQLException {
        record OrderMoney(String status, BigDecimal total, BigDecimal finalAmount, BigDecimal refundAmount,
                String refundStatus) {
        }
        Map<String, OrderMoney> orders = new HashMap<>();
        try (Connection c = suite.openDb("order");
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id, status, total, final_amount, refund_amount, refund_status FROM orders");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                orders.put(rs.getString(1), new OrderMoney(rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getString(6)));
            }
        }
        Map<String, BigDecimal> paid = new HashMap<>();
        Map<String, BigDecimal> refunded = new HashMap<>();
        Map<String, BigDecimal> gatewayRefunded = new HashMap<>();
        int ledgerGateway = 0;
        List<String> ledgerExamples = new ArrayList<>();
        int payments;
        try (Connection c = suite.openDb("payment")) {
            sum(c, "SELECT order_ref, amount FROM ledger_payment", paid);
            sum(c, "SELECT order_ref, amount FROM ledger_refund WHERE status = 'REFUNDED'", refunded);
            sum(c, "SELECT order_ref, amount FROM sandbox_refund", gatewayRefunded);
            payments = count(c, "SELECT COUNT(*) FROM ledger_payment");
            // every capture the gateway took is a payment in the ledger, and every payment a capture
            try (PreparedStatement ps = c.prepareStatement("SELECT s.payment_id, l.order_ref FROM sandbox_capture s"
                    + " LEFT JOIN ledger_payment p ON p.payment_id = s.payment_id"
                    + " LEFT JOIN payment_link l ON l.id = s.payment_id WHERE p.payment_id IS NULL"
                    + " UNION ALL SELECT p.payment_id, p.order_ref FROM ledger_payment p"
                    + " LEFT JOIN sandbox_capture s ON s.payment_id = p.payment_id WHERE s.payment_id IS NULL");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ledgerGateway++;
                    if (ledgerExamples.size() < 3) {
                        ledgerExamples.add("payment " + rs.getString(1) + " of order " + rs.getString(2)
                                + ": captured at the gateway or booked in the ledger, not both");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT r.refund_id, r.order_ref FROM ledger_refund r"
                    + " LEFT JOIN sandbox_refund s ON s.gateway_ref = r.gateway_ref"
                    + " WHERE r.status = 'REFUNDED' AND s.gateway_ref IS NULL");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ledgerGateway++;
                    if (ledgerExamples.size() < 3) {
                        ledgerExamples.add("refund " + rs.getString(1) + " of order " + rs.getString(2)
                                + " is in the ledger, not at the gateway");
                    }
                }
            }
        }
        int mismatches = 0;
        int pending = 0;
        int drafts = 0;
        int beyond = 0;
        List<String> examples = new ArrayList<>();
        List<String> beyondExamples = new ArrayList<>();
        java.util.Set<String> refs = new java.util.TreeSet<>(paid.keySet());
        refs.addAll(gatewayRefunded.keySet());
        for (String ref : refs) {
            BigDecimal in = paid.getOrDefault(ref, BigDecimal.ZERO);
            BigDecimal back = refunded.getOrDefault(ref, BigDecimal.ZERO);
            BigDecimal atGateway = gatewayRefunded.getOrDefault(ref, BigDecimal.ZERO);
            if (atGateway.compareTo(in) > 0 || back.compareTo(in) > 0) {
                beyond++;
                if (beyondExamples.size() < 3) {
                    beyondExamples.add(ref + ": paid " + in + ", refunded " + atGateway);
                }
            }
            if (atGateway.compareTo(back) != 0) {
                ledgerGateway++;
                if (ledgerExamples.size() < 3) {
                    ledgerExamples.add(ref + ": ledger refunded " + back + ", gateway " + atGateway);
                }
            }
            OrderMoney o = orders.get(ref);
            if (o == null) {
                continue; // a payment made by an operator's tool or a test, not by an order
            }
            if ("DRAFT".equals(o.status())) {
                drafts++; // paid, and may still be confirmed within its hold; once it lapses the money goes back
                continue;
            }
            BigDecimal kept = switch (o.status()) {
                case "COMPLETE" -> o.finalAmount();
                case "CANCELLED" ->
                    o.refundAmount() == null ? in : o.total().subtract(o.refundAmount()).max(BigDecimal.ZERO);
                case "ACTIVE" -> o.total();
                default -> BigDecimal.ZERO; // a draft or an expired order keeps nothing of money that reached it
            };
            if (kept == null) {
                kept = in;
            }
            if (in.compareTo(kept.add(back)) != 0) {
                if ("PENDING".equals(o.refundStatus())) {
                    pending++;
                } else {
                    mismatches++;
                    if (examples.size() < 3) {
                        examples.add(ref + " (" + o.status() + "): paid " + in + ", keeps " + kept + ", refunded "
                                + back);
                    }
                }
            }
        }
        return List.of(
                new Check("orders where paid != kept + refunded", mismatches,
                        refs.size() + " orders with money, " + payments + " payments, " + pending
                                + " refunds still pending, " + drafts + " paid drafts still within their hold",
                        examples),
                new Check("refunds beyond what was paid (paid back twice)", beyond, "", beyondExamples),
                new Check("ledger and gateway disagreements", ledgerGateway, "captures and refunds, both ways",
                        ledgerExamples));
    }

    private static void sum(Connection c, String sql, Map<String, BigDecimal> into) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.merge(rs.getString(1), rs.getBigDecimal(2), BigDecimal::add);
            }
        }
    }

    private static int count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
