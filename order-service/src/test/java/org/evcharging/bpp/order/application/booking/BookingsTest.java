package org.evcharging.bpp.order.application.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.order.application.FakeJpa;
import org.evcharging.bpp.order.application.Orders;
import org.evcharging.bpp.order.domain.FulfillmentState;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.domain.OrderStatus;
import org.evcharging.bpp.order.infrastructure.payments.PaymentClient;
import org.evcharging.bpp.order.infrastructure.payments.Payments;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Confirm: an order is confirmed only when payment-service says its own link was paid in full, in time. */
class BookingsTest {

    private final FakeJpa jpa = new FakeJpa();
    private final List<PaymentClient.RefundRequest> refunds = new ArrayList<>();
    private final Bookings bookings = new Bookings();
    private final org.evcharging.bpp.order.application.CountedMetrics metrics = new org.evcharging.bpp.order.application.CountedMetrics();
    private PaymentClient.Ledger ledger;
    private boolean reservable = true;
    private int ledgerCalls;

    @BeforeEach
    void wire() {
        bookings.em = jpa.entityManager();
        bookings.metrics = metrics;
        bookings.payments = new Payments() {

            @Override
            public PaymentClient.Ledger ledger(String orderRef) {
                ledgerCalls++;
                return ledger;
            }

            @Override
            public PaymentClient.Refund refund(String orderRef, PaymentClient.RefundRequest request) {
                refunds.add(request);
                return new PaymentClient.Refund(request.refundId(), orderRef, request.amount(), "INR", "REFUNDED", null,
                        null, null);
            }
        };
        bookings.holds = new SlotHolds() {

            @Override
            public boolean reserve(String orderId) {
                return reservable;
            }
        };
    }

    private static Order draft(Instant holdUntil) {
        return Orders.draft("ord-1", Instant.now().plus(Duration.ofHours(1)), holdUntil);
    }

    private static PaymentClient.Ledger paid(String paymentId, String amount, String own) {
        PaymentClient.PaymentLink link = new PaymentClient.PaymentLink(paymentId, "ord-1", amount, "INR", "PAID",
                "https://pay.example", null, null, null, null);
        return new PaymentClient.Ledger("ord-1", "INR", own, "0", own, own, "PAID", List.of(), List.of(link));
    }

    private static ErrorCode code(Runnable r) {
        return assertThrows(BecknException.class, r::run).error().code();
    }

    @Test
    void paid_in_full_on_its_own_link_the_draft_is_confirmed() {
        Order o = jpa.put(draft(Instant.now().plus(Duration.ofMinutes(10))));
        ledger = paid("pay-ord-1", "100.00", "100.00");
        assertSame(o, bookings.confirm("ord-1", Orders.BAP, "txn-ord-1", List.of()));
        assertEquals(OrderStatus.ACTIVE, o.status());
        assertEquals(FulfillmentState.PAYMENT_COMPLETED, o.state());
        assertNull(o.holdUntil());
        assertTrue(refunds.isEmpty());
        assertEquals(List.of("booked charging"), metrics.counted, "one booking counted");
    }

    @Test
    void a_repeated_confirm_answers_the_active_order_without_asking_payments_again() {
        Order o = jpa.put(draft(Instant.now().plus(Duration.ofMinutes(10))));
        o.activate(Instant.now());
        assertSame(o, bookings.confirm("ord-1", Orders.BAP, "txn-ord-1", List.of()));
        assertEquals(0, ledgerCalls);
        assertTrue(metrics.counted.isEmpty(), "a repeated confirm is no second booking");
    }

    @Test
    void unpaid_partly_paid_or_paid_on_a_replaced_link_is_refused_and_stays_a_draft() {
        Order o = jpa.put(draft(Instant.now().plus(Duration.ofMinutes(10))));
        for (PaymentClient.Ledger l : List.of(
                new PaymentClient.Ledger("ord-1", "INR", "0", "0", "0", "0", "OPEN", List.of(), List.of()),
                paid("pay-ord-1", "50.00", "50.00"),
                paid("pay-replaced", "100.00", "100.00"))) {
            ledger = l;
            assertEquals(ErrorCode.POLICY_ERROR,
                    code(() -> bookings.confirm("ord-1", Orders.BAP, "txn-ord-1", List.of())));
            assertEquals(OrderStatus.DRAFT, o.status());
        }
        assertTrue(refunds.isEmpty());
    }

    @Test
    void paid_after_the_hold_lapsed_is_refused_and_the_payment_given_back() {
        jpa.put(draft(Instant.now().minusSeconds(1)));
        ledger = paid("pay-ord-1", "100.00", "100.00");
        assertEquals(ErrorCode.QUOTE_UNAVAILABLE,
                code(() -> bookings.confirm("ord-1", Orders.BAP, "txn-ord-1", List.of())));
        assertEquals(1, refunds.size());
        assertEquals("lapsed-ord-1", refunds.get(0).refundId());
        assertEquals("100.00", refunds.get(0).amount());
    }

    @Test
    void paid_in_time_but_the_slot_could_not_be_reserved_is_refunded_too() {
        Order o = jpa.put(draft(Instant.now().plus(Duration.ofMinutes(10))));
        ledger = paid("pay-ord-1", "100.00", "100.00");
        reservable = false;
        assertEquals(ErrorCode.QUOTE_UNAVAILABLE,
                code(() -> bookings.confirm("ord-1", Orders.BAP, "txn-ord-1", List.of())));
        assertEquals(OrderStatus.DRAFT, o.status());
        assertEquals(List.of("lapsed-ord-1"), refunds.stream().map(PaymentClient.RefundRequest::refundId).toList());
    }

    @Test
    void unpaid_and_lapsed_is_refused_with_nothing_to_give_back() {
        jpa.put(draft(Instant.now().minusSeconds(1)));
        ledger = null;
        assertEquals(ErrorCode.QUOTE_UNAVAILABLE,
                code(() -> bookings.confirm("ord-1", Orders.BAP, "txn-ord-1", List.of())));
        assertTrue(refunds.isEmpty());
    }

    @Test
    void another_baps_order_or_an_unknown_one_is_not_found() {
        jpa.put(draft(Instant.now().plus(Duration.ofMinutes(10))));
        assertEquals(ErrorCode.ORDER_NOT_FOUND,
                code(() -> bookings.confirm("ord-1", "other.bap", "txn-ord-1", List.of())));
        assertEquals(ErrorCode.ORDER_NOT_FOUND,
                code(() -> bookings.confirm("ord-2", Orders.BAP, "txn-ord-1", List.of())));
        assertEquals(0, ledgerCalls);
    }
    @Test
    void a_price_the_bap_showed_that_is_not_the_quote_is_refused_with_the_current_quote_and_nothing_changes() {
        Order o = jpa.put(draft(Instant.now().plus(Duration.ofMinutes(10))));
        ledger = paid("pay-ord-1", "100.00", "100.00");
        BecknException e = assertThrows(BecknException.class, () -> bookings.confirm("ord-1", Orders.BAP, "txn-ord-1",
                List.of(new PriceClaim("$.message.order.quote.price.value", new BigDecimal("40"), "INR"))));
        assertEquals(ErrorCode.QUOTE_UNAVAILABLE, e.error().code());
        assertEquals("$.message.order.quote.price.value", e.error().paths());
        assertTrue(e.getMessage().contains("100.00 INR"), e.getMessage());
        assertEquals(OrderStatus.DRAFT, o.status());
        assertEquals(0, ledgerCalls);
        BecknException amount = assertThrows(BecknException.class,
                () -> bookings.confirm("ord-1", Orders.BAP, "txn-ord-1",
                        List.of(new PriceClaim("$.message.order.quote.price.value", new BigDecimal("100"), null),
                                new PriceClaim("$.message.order.payments[0].params.amount", new BigDecimal("100"),
                                        "USD"))));
        assertEquals("$.message.order.payments[0].params.amount", amount.error().paths());
        assertEquals(OrderStatus.DRAFT, o.status());
        assertTrue(refunds.isEmpty());
    }

    @Test
    void the_right_price_in_any_decimal_form_confirms() {
        Order o = jpa.put(draft(Instant.now().plus(Duration.ofMinutes(10))));
        ledger = paid("pay-ord-1", "100.00", "100.00");
        assertSame(o, bookings.confirm("ord-1", Orders.BAP, "txn-ord-1",
                List.of(new PriceClaim("$.message.order.quote.price.value", new BigDecimal("100"), "INR"),
                        new PriceClaim("$.message.order.payments[0].params.amount", new BigDecimal("100.000"),
                                null))));
        assertEquals(OrderStatus.ACTIVE, o.status());
    }
}
