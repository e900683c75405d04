package org.evcharging.bpp.order.application.cancel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.order.application.Orders;
import org.evcharging.bpp.order.application.booking.SlotHolds;
import org.evcharging.bpp.order.application.session.Sessions;
import org.evcharging.bpp.order.application.settlement.Bill;
import org.evcharging.bpp.order.application.settlement.RefundWorker;
import org.evcharging.bpp.order.application.settlement.Settlements;
import org.evcharging.bpp.order.domain.Cancellation;
import org.evcharging.bpp.order.domain.ChargingSession;
import org.evcharging.bpp.order.domain.FulfillmentState;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.domain.OrderStatus;
import org.evcharging.bpp.order.infrastructure.charging.ChargePoints;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a cancel costs (prepaid 100.00 INR for 10 kWh, energy billed at 10.00 a kWh, the fee 30% of what was not
 * delivered): nothing before the start; after it, the energy and the fee; only the energy when the provider is at
 * fault or the charger confirms the user's "not working".
 */
class CancellationsTest {

    private final Cancellations cancellations = new Cancellations();
    private final org.evcharging.bpp.order.application.CountedMetrics metrics = new org.evcharging.bpp.order.application.CountedMetrics();
    private final List<String> released = new ArrayList<>();
    private final List<String> refundsDue = new ArrayList<>();
    private final List<Boolean> billedAsProviderFault = new ArrayList<>();
    private ChargingSession session;
    private ChargePoints.Reading stopReading;
    private Order locked;

    @BeforeEach
    void wire() {
        cancellations.afterStartPercent = new BigDecimal("30");
        cancellations.metrics = metrics;
        cancellations.settlements = new Settlements() {

            @Override
            public Bill bill(Order o, BigDecimal delivered, boolean providerFault) {
                billedAsProviderFault.add(providerFault);
                return new Bill(delivered, delivered.multiply(BigDecimal.TEN).setScale(2, RoundingMode.HALF_UP), "INR",
                        "[]");
            }
        };
        cancellations.sessions = new Sessions() {

            @Override
            public Order lock(String orderId, String bapId) {
                return locked != null && locked.id().equals(orderId) && locked.beckn().bapId().equals(bapId) ? locked
                        : null;
            }

            @Override
            public ChargingSession lockedSessionOf(String orderId) {
                return session;
            }

            @Override
            public Stopped stopAndBill(Order o, ChargingSession s, boolean providerFault) {
                BigDecimal delivered = stopReading == null ? s.deliveredKwh() : stopReading.deliveredKwh();
                return new Stopped(stopReading, cancellations.settlements.bill(o, delivered, providerFault));
            }
        };
        cancellations.holds = new SlotHolds() {

            @Override
            public void release(String orderId) {
                released.add(orderId);
            }
        };
        cancellations.refunds = new RefundWorker() {

            @Override
            public void afterCommit(String orderId) {
                refundsDue.add(orderId);
            }
        };
    }

    private static CancellationReasons.Reason reason(String id) {
        return CancellationReasons.of(id).orElseThrow();
    }

    /** A running session on the order, whose charger reads {@code kwh} in {@code state} when stopped. */
    private void charging(Order o, String kwh, ChargePoints.State state) {
        o.progress(FulfillmentState.CHARGING_STARTED, Instant.now());
        session = new ChargingSession(o.id(), "cz-1", "cs-1", 7.4, o.quantity(), Instant.now());
        stopReading = new ChargePoints.Reading("cs-1", Instant.now(), new BigDecimal(kwh), null, state,
                state == ChargePoints.State.FAULTED ? "charger error" : null);
    }

    @Test
    void a_draft_is_cancelled_for_nothing_and_its_slot_released() {
        locked = Orders.draft("ord-1", Instant.now().plusSeconds(3600), Instant.now().plusSeconds(600));
        assertSame(locked, cancellations.byUser("ord-1", Orders.BAP, reason("1")));
        assertEquals(OrderStatus.CANCELLED, locked.status());
        assertEquals(FulfillmentState.ORDER_CANCELLED, locked.state());
        assertEquals(new BigDecimal("0.00"), locked.refundAmount());
        assertEquals(List.of("ord-1"), released);
        assertTrue(refundsDue.isEmpty(), "nothing was paid for a draft");
    }

    @Test
    void before_the_start_everything_prepaid_goes_back() {
        locked = Orders.active("ord-1");
        cancellations.byUser("ord-1", Orders.BAP, reason("5"));
        assertEquals(new BigDecimal("100.00"), locked.refundAmount());
        assertEquals(new BigDecimal("0.00"), locked.cancellationFee());
        assertNull(locked.finalAmount(), "nothing was billed");
        assertEquals(List.of("ord-1"), refundsDue);
        assertEquals(List.of("ord-1"), released);
    }

    @Test
    void after_the_start_the_user_pays_the_energy_and_thirty_percent_of_the_rest() {
        locked = Orders.active("ord-1");
        charging(locked, "4.000", ChargePoints.State.STOPPED);
        cancellations.byUser("ord-1", Orders.BAP, reason("1"));
        assertEquals(new BigDecimal("40.00"), locked.finalAmount());
        assertEquals(new BigDecimal("18.00"), locked.cancellationFee());
        assertEquals(new BigDecimal("42.00"), locked.refundAmount());
        assertEquals(ChargingSession.End.CANCELLED, session.endReason());
        assertEquals(List.of(false), billedAsProviderFault);
        assertEquals(List.of("ended cancelled"), metrics.counted);
    }

    @Test
    void a_charger_that_reads_failed_costs_the_user_no_fee() {
        locked = Orders.active("ord-1");
        charging(locked, "4.000", ChargePoints.State.FAULTED);
        cancellations.byUser("ord-1", Orders.BAP, reason("1"));
        assertEquals(new BigDecimal("0.00"), locked.cancellationFee());
        assertEquals(new BigDecimal("60.00"), locked.refundAmount());
        assertEquals(FulfillmentState.ORDER_CANCELLED, locked.state(), "the user cancelled; the state says so");
    }

    @Test
    void the_users_charger_not_working_reason_costs_no_fee() {
        locked = Orders.active("ord-1");
        charging(locked, "4.000", ChargePoints.State.STOPPED);
        cancellations.byUser("ord-1", Orders.BAP, reason("4"));
        assertEquals(new BigDecimal("0.00"), locked.cancellationFee());
        assertEquals(new BigDecimal("60.00"), locked.refundAmount());
    }

    @Test
    void the_provider_pays_back_all_but_the_energy_delivered() {
        locked = Orders.active("ord-1");
        charging(locked, "2.500", ChargePoints.State.STOPPED);
        cancellations.byProvider(locked, "site closed");
        assertEquals(FulfillmentState.CANCELLED_BY_PROVIDER, locked.state());
        assertEquals(Cancellation.BY_PROVIDER, locked.cancelledBy());
        assertEquals("site closed", locked.cancelNote());
        assertEquals(new BigDecimal("25.00"), locked.finalAmount());
        assertEquals(new BigDecimal("75.00"), locked.refundAmount());
        assertEquals(List.of(true), billedAsProviderFault, "billed the energy only");
    }

    @Test
    void a_charger_error_cancels_with_the_charger_error_state_and_a_faulted_session() {
        locked = Orders.active("ord-1");
        charging(locked, "1.000", ChargePoints.State.FAULTED);
        cancellations.chargerError(locked, "ground fault");
        assertEquals(FulfillmentState.CHARGER_ERROR, locked.state());
        assertEquals("the charger failed: ground fault", locked.cancelNote());
        assertEquals(ChargingSession.End.FAULTED, session.endReason());
        assertEquals(new BigDecimal("90.00"), locked.refundAmount());
        assertEquals(List.of("ended faulted"), metrics.counted);
    }

    @Test
    void an_ended_or_cancelled_order_cannot_be_cancelled() {
        locked = Orders.active("ord-1");
        locked.complete(FulfillmentState.CHARGING_ENDED, new BigDecimal("74.00"), "[]", Instant.now());
        BecknException e = assertThrows(BecknException.class,
                () -> cancellations.byUser("ord-1", Orders.BAP, reason("1")));
        assertEquals(ErrorCode.CANCELLATION_NOT_POSSIBLE, e.error().code());
        assertEquals(OrderStatus.COMPLETE, locked.status());
        assertTrue(released.isEmpty());
    }

    @Test
    void an_unknown_or_another_baps_order_is_not_found() {
        locked = Orders.active("ord-1");
        BecknException e = assertThrows(BecknException.class,
                () -> cancellations.byUser("ord-1", "other.bap", reason("1")));
        assertEquals(ErrorCode.ORDER_NOT_FOUND, e.error().code());
        assertEquals(OrderStatus.ACTIVE, locked.status());
    }

    @Test
    void a_swap_in_progress_is_the_users_to_finish_but_the_provider_may_call_it_off_unbilled() {
        locked = Orders.activeSwap("ord-1");
        session = new ChargingSession("ord-1", "cz-1", null, null, locked.quantity(), Instant.now());
        BecknException e = assertThrows(BecknException.class,
                () -> cancellations.byUser("ord-1", Orders.BAP, reason("1")));
        assertEquals(ErrorCode.CANCELLATION_NOT_POSSIBLE, e.error().code());
        cancellations.byProvider(locked, null);
        assertEquals("cancelled by the provider", locked.cancelNote());
        assertEquals(new BigDecimal("100.00"), locked.refundAmount());
        assertEquals(ChargingSession.End.CANCELLED, session.endReason());
        assertTrue(billedAsProviderFault.isEmpty(), "a swap called off is not billed");
    }
}
