package org.evcharging.bpp.payment.infrastructure.gateway.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.evcharging.bpp.payment.infrastructure.gateway.GatewayRefund;
import org.evcharging.bpp.payment.infrastructure.gateway.GatewayUnavailableException;
import org.evcharging.bpp.payment.infrastructure.gateway.RefundKeyConflictException;
import org.evcharging.bpp.payment.infrastructure.gateway.RefundOrder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SandboxGatewayTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00.123456Z");

    private final SandboxFaults faults = new SandboxFaults();
    private final Books books = new Books();
    private final SandboxGateway gateway = new SandboxGateway();

    @BeforeEach
    void wire() {
        gateway.faults = faults;
        gateway.refunds = books;
        gateway.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Test
    void a_refund_is_recorded_in_the_sandbox_books() {
        GatewayRefund answer = gateway.refund(order("settle-o1", "10.00"));
        assertTrue(answer.succeeded());
        assertTrue(answer.gatewayRef().matches("sbx_rfnd_[0-9a-f]{16}"), answer.gatewayRef());
        SandboxRefund made = books.rows.get("settle-o1");
        assertEquals(answer.gatewayRef(), made.gatewayRef());
        assertEquals("o1", made.orderRef());
        assertEquals("pay-1", made.paymentId());
        assertEquals("10.00", made.amount().toPlainString());
        assertEquals(Instant.parse("2026-11-29T10:00:00.123Z"), made.refundedAt());
    }

    @Test
    void the_same_refund_id_again_answers_the_same_refund_and_moves_nothing() {
        GatewayRefund first = gateway.refund(order("settle-o1", "10.00"));
        GatewayRefund again = gateway.refund(order("settle-o1", "10.0"));
        assertEquals(first, again);
        assertEquals(1, books.rows.size());
        assertEquals(1, books.inserts);
    }

    @Test
    void another_refund_id_is_another_refund() {
        GatewayRefund settle = gateway.refund(order("settle-o1", "10.00"));
        GatewayRefund cancel = gateway.refund(order("cancel-o1", "10.00"));
        assertNotEquals(settle.gatewayRef(), cancel.gatewayRef());
        assertEquals(2, books.rows.size());
    }

    @Test
    void the_same_refund_id_with_another_amount_is_refused_and_moves_nothing() {
        GatewayRefund first = gateway.refund(order("settle-o1", "10.00"));
        RefundKeyConflictException e = assertThrows(RefundKeyConflictException.class,
                () -> gateway.refund(order("settle-o1", "12.00")));
        assertTrue(e.getMessage().contains("10.00 INR") && e.getMessage().contains(first.gatewayRef()), e.getMessage());
        assertEquals(1, books.rows.size());
        assertEquals("10.00", books.rows.get("settle-o1").amount().toPlainString());
    }

    @Test
    void an_armed_failure_refunds_nothing_and_the_retry_refunds_once() {
        faults.failNextRefunds(1);
        assertThrows(GatewayUnavailableException.class, () -> gateway.refund(order("settle-o1", "10.00")));
        assertTrue(books.rows.isEmpty());
        assertEquals(0, faults.failNextRefunds());

        GatewayRefund retry = gateway.refund(order("settle-o1", "10.00"));
        assertTrue(retry.succeeded());
        assertEquals(1, books.rows.size());
    }

    @Test
    void a_lost_answer_refunds_once_and_the_retry_gets_that_refund() {
        faults.loseNextRefundAnswers(1);
        GatewayUnavailableException lost = assertThrows(GatewayUnavailableException.class,
                () -> gateway.refund(order("settle-o1", "10.00")));
        assertTrue(lost.getMessage().contains("lost"), lost.getMessage());
        // made at the "provider" although the caller got no answer, and kept if the caller rolls back
        assertEquals(1, books.rows.size());
        String madeRef = books.rows.get("settle-o1").gatewayRef();
        assertEquals(0, faults.loseNextRefundAnswers());

        GatewayRefund retry = gateway.refund(order("settle-o1", "10.00"));
        assertEquals(GatewayRefund.done(madeRef), retry);
        assertEquals(1, books.rows.size());
        assertEquals(1, books.inserts);
    }

    @Test
    void lost_answers_count_down_across_retries() {
        faults.loseNextRefundAnswers(2);
        assertThrows(GatewayUnavailableException.class, () -> gateway.refund(order("settle-o1", "10.00")));
        assertThrows(GatewayUnavailableException.class, () -> gateway.refund(order("settle-o1", "10.00")));
        GatewayRefund third = gateway.refund(order("settle-o1", "10.00"));
        assertEquals(books.rows.get("settle-o1").gatewayRef(), third.gatewayRef());
        assertEquals(1, books.inserts);
    }

    @Test
    void a_failure_comes_before_a_lost_answer() {
        faults.failNextRefunds(1);
        faults.loseNextRefundAnswers(1);
        assertThrows(GatewayUnavailableException.class, () -> gateway.refund(order("settle-o1", "10.00")));
        assertTrue(books.rows.isEmpty());
        assertEquals(1, faults.loseNextRefundAnswers());
        assertThrows(GatewayUnavailableException.class, () -> gateway.refund(order("settle-o1", "10.00")));
        assertEquals(1, books.rows.size());
        assertTrue(gateway.refund(order("settle-o1", "10.00")).succeeded());
        assertEquals(1, books.rows.size());
    }

    @Test
    void a_concurrent_call_that_recorded_the_id_first_is_the_answer() {
        SandboxRefund winner = new SandboxRefund(order("settle-o1", "10.00"), "sbx_rfnd_winner", NOW);
        books.beforeNextInsert = () -> books.rows.put(winner.refundId(), winner);
        books.failNextInsert = true;
        assertEquals(GatewayRefund.done("sbx_rfnd_winner"), gateway.refund(order("settle-o1", "10.00")));
        assertSame(winner, books.rows.get("settle-o1"));
    }

    @Test
    void books_that_cannot_be_written_are_an_unavailable_gateway() {
        books.failNextInsert = true;
        GatewayUnavailableException e = assertThrows(GatewayUnavailableException.class,
                () -> gateway.refund(order("settle-o1", "10.00")));
        assertTrue(e.getMessage().contains("could not be recorded"), e.getMessage());
        assertTrue(books.rows.isEmpty());
    }

    @Test
    void faults_are_used_up_one_by_one_and_never_go_below_zero() {
        faults.failNextRefunds(-3);
        assertEquals(0, faults.failNextRefunds());
        assertFalse(faults.takeRefundFault());
        faults.loseNextRefundAnswers(2);
        assertTrue(faults.takeLostAnswer());
        assertTrue(faults.takeLostAnswer());
        assertFalse(faults.takeLostAnswer());
        assertEquals(0, faults.loseNextRefundAnswers());
    }

    private static RefundOrder order(String refundId, String amount) {
        return new RefundOrder(refundId, "o1", "pay-1", "sbx_pay_1", new BigDecimal(amount), "INR", "test");
    }

    /**
     * The sandbox books in memory, each call "committed" at once as the REQUIRES_NEW methods are: what is in
     * {@code rows} stays whatever the caller does next.
     */
    private static final class Books extends SandboxRefunds {

        final Map<String, SandboxRefund> rows = new LinkedHashMap<>();
        int inserts;
        boolean failNextInsert;
        Runnable beforeNextInsert = () -> {
        };

        @Override
        public SandboxRefund recordOnce(SandboxRefund candidate) {
            SandboxRefund stored = rows.get(candidate.refundId());
            if (stored != null) {
                return stored;
            }
            beforeNextInsert.run();
            beforeNextInsert = () -> {
            };
            if (failNextInsert) {
                failNextInsert = false;
                throw new IllegalStateException("insert refused (duplicate key or database down)");
            }
            rows.put(candidate.refundId(), candidate);
            inserts++;
            return candidate;
        }

        @Override
        public Optional<SandboxRefund> find(String refundId) {
            return Optional.ofNullable(rows.get(refundId));
        }

        @Override
        public List<SandboxRefund> ofOrder(String orderRef) {
            return rows.values().stream().filter(r -> r.orderRef().equals(orderRef)).toList();
        }
    }
}
