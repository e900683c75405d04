package org.evcharging.bpp.payment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final Payment PAID_47_20 = payment("p1", "47.20", 0);

    @Test
    void an_order_without_payments_is_not_paid_and_cannot_be_refunded() {
        Ledger ledger = new Ledger(List.of(), List.of());
        assertEquals(Ledger.Status.NOT_PAID, ledger.status());
        assertEquals("0.00", ledger.paid().toPlainString());
        assertEquals("0.00", ledger.balance().toPlainString());
        Ledger.RefundRefused e = assertThrows(Ledger.RefundRefused.class,
                () -> ledger.refundSource(new BigDecimal("1.00")));
        assertEquals("the order is not paid: nothing to refund", e.getMessage());
    }

    @Test
    void paid_then_partly_refunded_then_fully_refunded() {
        Ledger paid = new Ledger(List.of(PAID_47_20), List.of());
        assertEquals(Ledger.Status.PAID, paid.status());
        assertEquals("47.20", paid.balance().toPlainString());

        Ledger partly = new Ledger(List.of(PAID_47_20),
                List.of(refund("r1", "p1", "10.00", Refund.Status.REFUNDED, 1)));
        assertEquals(Ledger.Status.PARTIALLY_REFUNDED, partly.status());
        assertEquals("PARTIALLY-REFUNDED", partly.status().wire());
        assertEquals("10.00", partly.refunded().toPlainString());
        assertEquals("37.20", partly.balance().toPlainString());

        Ledger full = new Ledger(List.of(PAID_47_20), List.of(refund("r1", "p1", "10.00", Refund.Status.REFUNDED, 1),
                refund("r2", "p1", "37.20", Refund.Status.REFUNDED, 2)));
        assertEquals(Ledger.Status.REFUNDED, full.status());
        assertEquals("0.00", full.balance().toPlainString());
        assertThrows(Ledger.RefundRefused.class, () -> full.refundSource(new BigDecimal("0.01")));
    }

    @Test
    void sums_are_exact_to_the_paisa() {
        List<Refund> refunds = List.of(refund("a", "p1", "0.10", Refund.Status.REFUNDED, 1),
                refund("b", "p1", "0.20", Refund.Status.REFUNDED, 2));
        Ledger ledger = new Ledger(List.of(payment("p1", "0.30", 0)), refunds);
        assertEquals("0.30", ledger.refunded().toPlainString());
        assertEquals(Ledger.Status.REFUNDED, ledger.status());
    }

    @Test
    void the_whole_balance_may_be_refunded_but_not_a_paisa_more() {
        Ledger ledger = new Ledger(List.of(PAID_47_20),
                List.of(refund("r1", "p1", "10.00", Refund.Status.REFUNDED, 1)));
        assertSame(PAID_47_20, ledger.refundSource(new BigDecimal("37.20")));
        Ledger.RefundRefused e = assertThrows(Ledger.RefundRefused.class,
                () -> ledger.refundSource(new BigDecimal("37.21")));
        assertEquals("a refund of 37.21 is more than the refundable balance of 37.20", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ledger.refundSource(new BigDecimal("0.00")));
    }

    @Test
    void a_failed_refund_is_listed_but_moves_nothing() {
        Ledger ledger = new Ledger(List.of(PAID_47_20), List.of(refund("r1", "p1", "47.20", Refund.Status.FAILED, 1)));
        assertEquals(Ledger.Status.PAID, ledger.status());
        assertEquals("47.20", ledger.balance().toPlainString());
        assertEquals(2, ledger.entries().size());
        assertEquals("FAILED", ledger.entries().get(1).status());
    }

    @Test
    void entries_are_in_time_order_payment_first() {
        Ledger ledger = new Ledger(List.of(PAID_47_20), List.of(refund("r2", "p1", "2.00", Refund.Status.REFUNDED, 5),
                refund("r1", "p1", "1.00", Refund.Status.REFUNDED, 3)));
        List<Ledger.Entry> entries = ledger.entries();
        assertEquals(List.of("p1", "r1", "r2"), entries.stream().map(Ledger.Entry::id).toList());
        assertEquals(Ledger.Entry.Type.PAYMENT, entries.get(0).type());
        assertEquals("PAID", entries.get(0).status());
        assertEquals(Ledger.Entry.Type.REFUND, entries.get(1).type());
    }

    @Test
    void with_two_payments_a_refund_goes_against_one_that_has_enough_left() {
        Payment first = payment("p1", "10.00", 0);
        Payment second = payment("p2", "30.00", 1);
        Ledger ledger = new Ledger(List.of(first, second),
                List.of(refund("r1", "p1", "8.00", Refund.Status.REFUNDED, 2)));
        assertEquals("32.00", ledger.balance().toPlainString());
        assertSame(first, ledger.refundSource(new BigDecimal("2.00")));
        assertSame(second, ledger.refundSource(new BigDecimal("5.00")));
        assertThrows(Ledger.RefundRefused.class, () -> ledger.refundSource(new BigDecimal("31.00")));
    }

    @Test
    void a_payment_owed_back_is_never_drawn_on_by_other_refunds_and_is_given_back_against_itself() {
        Payment replaced = payment("p-old", "40.00", 0);
        replaced.oweBack("its payment link had been replaced by another before it was paid");
        Payment own = payment("p-new", "30.00", 1);
        Ledger ledger = new Ledger(List.of(replaced, own), List.of());
        assertEquals("70.00", ledger.balance().toPlainString(), "all the money held");
        assertEquals("30.00", ledger.refundable().toPlainString(), "the order's own");
        assertSame(own, ledger.refundSource(new BigDecimal("30.00")));
        Ledger.RefundRefused e = assertThrows(Ledger.RefundRefused.class,
                () -> ledger.refundSource(new BigDecimal("35.00")),
                "the order's own payment has only 30.00, whatever the balance says");
        assertEquals("no single payment of the order has 35.00 left to refund; refund it in parts", e.getMessage());
        assertSame(replaced, ledger.refundSource("p-old", new BigDecimal("40.00")));
        assertThrows(Ledger.RefundRefused.class, () -> ledger.refundSource("p-old", new BigDecimal("40.01")));
        assertThrows(Ledger.RefundRefused.class, () -> ledger.refundSource("p-none", new BigDecimal("1.00")));

        Ledger returned = new Ledger(List.of(replaced, own),
                List.of(refund(replaced.returnRefundId(), "p-old", "40.00", Refund.Status.REFUNDED, 2)));
        assertEquals("30.00", returned.balance().toPlainString());
        assertEquals("30.00", returned.refundable().toPlainString());
        Ledger onlyOwedBack = new Ledger(List.of(replaced), List.of());
        assertEquals("0.00", onlyOwedBack.refundable().toPlainString());
        assertThrows(Ledger.RefundRefused.class, () -> onlyOwedBack.refundSource(new BigDecimal("1.00")));
    }

    private static Payment payment(String id, String amount, int minute) {
        return new Payment(id, "order-1", new BigDecimal(amount), "INR", "sbx_pay_" + id, "e-" + id,
                T0.plusSeconds(60L * minute));
    }

    private static Refund refund(String id, String paymentId, String amount, Refund.Status status, int minute) {
        return new Refund(id, "order-1", paymentId, new BigDecimal(amount), "INR", status, "sbx_rfnd_" + id, null,
                T0.plusSeconds(60L * minute));
    }
}
