package org.evcharging.bpp.order.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.evcharging.bpp.core.persistence.BecknReferences;
import org.junit.jupiter.api.Test;

class OrderTest {

    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
    private static final Instant HOLD = NOW.plus(Duration.ofMinutes(15));

    private static Order draft(String type) {
        Order o = new Order("ord-1", BecknReferences.of("bap.example", "txn-1", "msg-1"), NOW);
        o.book(new Order.Booked("prov-1", "item-1", "cz-1", type, "quote-1", new BigDecimal("10"),
                new BigDecimal("100.00"), "INR", NOW.plus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(2)), "{}",
                HOLD), NOW);
        return o;
    }

    private static Order active() {
        Order o = draft("CHARGING");
        o.activate(NOW);
        return o;
    }

    private static Cancellation byBap() {
        return new Cancellation(Cancellation.BY_BAP, "1", "Plans changed");
    }

    @Test
    void a_new_order_is_a_draft_that_keeps_where_it_came_from() {
        Order o = draft("CHARGING");
        assertEquals(OrderStatus.DRAFT, o.status());
        assertEquals(FulfillmentState.ORDER_INITIATED, o.state());
        assertEquals("bap.example", o.beckn().bapId());
        assertEquals("txn-1", o.beckn().transactionId());
        assertEquals("msg-1", o.beckn().messageId());
        assertNull(o.cancellation());
        assertNull(o.refundStatus());
    }

    @Test
    void a_paid_confirm_activates_the_draft_and_lets_go_of_its_hold_time() {
        Order o = draft("CHARGING");
        o.activate(NOW);
        assertEquals(OrderStatus.ACTIVE, o.status());
        assertEquals(FulfillmentState.PAYMENT_COMPLETED, o.state());
        assertNull(o.holdUntil());
        assertEquals(NOW, o.confirmedAt());
        assertFalse(o.holdExpiredAt(HOLD.plusSeconds(1)), "an active order's slot is its own for good");
    }

    @Test
    void a_swap_is_scheduled_when_confirmed() {
        Order o = draft("BATTERY-SWAP");
        assertTrue(o.isSwap());
        o.activate(NOW);
        assertEquals(FulfillmentState.SWAP_SCHEDULED, o.state());
    }

    @Test
    void a_draft_hold_expires_at_its_time_not_before() {
        Order o = draft("CHARGING");
        assertFalse(o.holdExpiredAt(HOLD.minusMillis(1)));
        assertTrue(o.holdExpiredAt(HOLD));
        o.expire(HOLD);
        assertEquals(OrderStatus.EXPIRED, o.status());
        assertEquals(FulfillmentState.ORDER_EXPIRED, o.state());
    }

    @Test
    void only_a_draft_is_booked_again() {
        Order o = active();
        Order.Booked again = new Order.Booked("prov-1", "item-1", "cz-1", "CHARGING", "quote-2", BigDecimal.ONE,
                new BigDecimal("10.00"), "INR", null, null, "{}", HOLD);
        assertThrows(IllegalStateException.class, () -> o.book(again, NOW));
        assertEquals("quote-1", o.quoteId());
    }

    @Test
    void the_fulfillment_moves_on_only_while_active() {
        Order draft = draft("CHARGING");
        assertThrows(IllegalStateException.class, () -> draft.progress(FulfillmentState.CHARGING_STARTED, NOW));
        Order o = active();
        o.progress(FulfillmentState.CHARGING_STARTED, NOW);
        assertEquals(FulfillmentState.CHARGING_STARTED, o.state());
        assertEquals(OrderStatus.ACTIVE, o.status());
    }

    @Test
    void completing_owes_back_what_was_prepaid_above_the_bill() {
        Order o = active();
        o.complete(FulfillmentState.CHARGING_ENDED, new BigDecimal("74.00"), "[]", NOW);
        assertEquals(OrderStatus.COMPLETE, o.status());
        assertEquals(new BigDecimal("74.00"), o.finalAmount());
        assertEquals(new BigDecimal("26.00"), o.refundAmount());
        assertEquals(Order.RefundStatus.PENDING, o.refundStatus());
        assertEquals("settle-ord-1", o.refundId());
    }

    @Test
    void a_bill_of_the_whole_prepaid_amount_owes_nothing_back() {
        Order o = active();
        o.complete(FulfillmentState.CHARGING_ENDED, new BigDecimal("100.00"), "[]", NOW);
        assertEquals(new BigDecimal("0.00"), o.refundAmount());
        assertNull(o.refundStatus(), "no refund to ask for");
        assertNull(o.refundId());
    }

    @Test
    void completing_is_refused_unless_active() {
        Order draft = draft("CHARGING");
        assertThrows(IllegalStateException.class,
                () -> draft.complete(FulfillmentState.CHARGING_ENDED, BigDecimal.ONE, "[]", NOW));
        Order done = active();
        done.complete(FulfillmentState.CHARGING_ENDED, new BigDecimal("74.00"), "[]", NOW);
        assertThrows(IllegalStateException.class,
                () -> done.complete(FulfillmentState.CHARGING_ENDED, new BigDecimal("1.00"), "[]", NOW));
        assertEquals(new BigDecimal("74.00"), done.finalAmount(), "a second completion changes nothing");
    }

    @Test
    void cancelling_records_who_why_when_the_fee_and_the_refund() {
        Order o = active();
        o.cancel(FulfillmentState.ORDER_CANCELLED, byBap(), new BigDecimal("42.00"), new BigDecimal("18.00"),
                new BigDecimal("40.00"), "[]", NOW);
        assertEquals(OrderStatus.CANCELLED, o.status());
        assertEquals(Cancellation.BY_BAP, o.cancelledBy());
        assertEquals("1", o.cancelReasonId());
        assertEquals("Plans changed", o.cancelNote());
        assertEquals(NOW, o.cancelledAt());
        assertEquals(new BigDecimal("18.00"), o.cancellationFee());
        assertEquals(new BigDecimal("40.00"), o.finalAmount());
        assertEquals(new BigDecimal("42.00"), o.refundAmount());
        assertEquals("cancel-ord-1", o.refundId());
        assertEquals(Order.RefundStatus.PENDING, o.refundStatus());
    }

    @Test
    void a_cancelled_draft_keeps_its_hold_time_for_the_lapse_sweep() {
        Order o = draft("CHARGING");
        o.cancel(FulfillmentState.ORDER_CANCELLED, byBap(), BigDecimal.ZERO, BigDecimal.ZERO, null, null, NOW);
        assertEquals(HOLD, o.holdUntil());
        assertEquals(new BigDecimal("0.00"), o.refundAmount());
    }

    @Test
    void an_ended_cancelled_or_expired_order_cannot_be_cancelled() {
        Order done = active();
        done.complete(FulfillmentState.CHARGING_ENDED, new BigDecimal("74.00"), "[]", NOW);
        Order cancelled = active();
        cancelled.cancel(FulfillmentState.ORDER_CANCELLED, byBap(), BigDecimal.ZERO, BigDecimal.ZERO, null, null, NOW);
        Order expired = draft("CHARGING");
        expired.expire(HOLD);
        for (Order o : new Order[] {done, cancelled, expired}) {
            OrderStatus before = o.status();
            assertThrows(IllegalStateException.class, () -> o.cancel(FulfillmentState.ORDER_CANCELLED, byBap(),
                    BigDecimal.ONE, BigDecimal.ZERO, null, null, NOW), before.name());
            assertEquals(before, o.status());
        }
    }

    @Test
    void the_refund_is_answered_once_and_attempts_are_counted() {
        Order o = active();
        o.complete(FulfillmentState.CHARGING_ENDED, new BigDecimal("74.00"), "[]", NOW);
        o.refundAttempted(NOW);
        o.refundAttempted(NOW);
        assertEquals(2, o.refundAttempts());
        o.refunded(true, NOW);
        assertEquals(Order.RefundStatus.REFUNDED, o.refundStatus());
        Order refused = active();
        refused.complete(FulfillmentState.CHARGING_ENDED, new BigDecimal("74.00"), "[]", NOW);
        refused.refunded(false, NOW);
        assertEquals(Order.RefundStatus.REFUSED, refused.refundStatus());
    }

    @Test
    void a_cancellation_note_loses_control_characters_and_keeps_at_most_200_characters() {
        Cancellation c = new Cancellation(Cancellation.BY_PROVIDER, null, " site closed\nfor\u202Erepairs\u0000 ");
        assertEquals("site closed for repairs", c.note().replaceAll(" +", " "));
        String emoji = "\uD83D\uDD0C"; // one character, two UTF-16 units
        Cancellation longNote = new Cancellation(Cancellation.BY_PROVIDER, null, emoji.repeat(250));
        assertEquals(200, longNote.note().codePointCount(0, longNote.note().length()));
        assertNull(new Cancellation(Cancellation.BY_BAP, "7", " \n ").note());
        assertThrows(NullPointerException.class, () -> new Cancellation(null, "1", "x"));
    }
}
