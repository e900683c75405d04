package org.evcharging.bpp.order.application.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.order.application.FakeJpa;
import org.evcharging.bpp.order.application.Orders;
import org.evcharging.bpp.order.application.booking.SlotHolds;
import org.evcharging.bpp.order.application.settlement.Bill;
import org.evcharging.bpp.order.application.settlement.RefundWorker;
import org.evcharging.bpp.order.application.settlement.Settlements;
import org.evcharging.bpp.order.domain.ChargingSession;
import org.evcharging.bpp.order.domain.FulfillmentState;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.domain.OrderStatus;
import org.evcharging.bpp.order.infrastructure.catalog.Catalog;
import org.evcharging.bpp.order.infrastructure.catalog.CatalogClient;
import org.evcharging.bpp.order.infrastructure.charging.ChargePoints;
import org.evcharging.bpp.order.infrastructure.charging.InMemoryChargePoints;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Starting and stopping a session on simulated chargers (in memory, their clock moved by the test). */
class SessionsTest {

    /** A clock the test moves: the simulated charger's meter follows it. */
    static final class MovingClock extends Clock {

        Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final FakeJpa jpa = new FakeJpa();
    private final MovingClock clock = new MovingClock();
    private final InMemoryChargePoints chargers = new InMemoryChargePoints(clock, 1);
    private final List<Synchronization> afterTransaction = new ArrayList<>();
    private final List<String> released = new ArrayList<>();
    private final List<String> refundsDue = new ArrayList<>();
    private final Sessions sessions = new Sessions();
    private final org.evcharging.bpp.order.application.CountedMetrics metrics = new org.evcharging.bpp.order.application.CountedMetrics();

    @BeforeEach
    void wire() {
        sessions.em = jpa.entityManager();
        sessions.chargers = chargers;
        sessions.transactions = (TransactionSynchronizationRegistry) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TransactionSynchronizationRegistry.class}, (proxy, m, args) -> {
                    if (!m.getName().equals("registerInterposedSynchronization")) {
                        throw new UnsupportedOperationException(m.getName());
                    }
                    afterTransaction.add((Synchronization) args[0]);
                    return null;
                });
        sessions.catalog = new Catalog() {

            @Override
            public CatalogClient.Fulfillment of(String providerId, String itemId, String fulfillmentId) {
                return new CatalogClient.Fulfillment(fulfillmentId, "CHARGING", "loc-1", "12.9,77.6", "DC", "CCS2",
                        10.0);
            }
        };
        sessions.metrics = metrics;
        sessions.settlements = new Settlements() {

            @Override
            public Bill bill(Order o, BigDecimal delivered, boolean providerFault) {
                BigDecimal d = delivered.min(o.quantity());
                return new Bill(d, d.multiply(BigDecimal.TEN).setScale(2, RoundingMode.HALF_UP), "INR", "[]");
            }
        };
        sessions.holds = new SlotHolds() {

            @Override
            public void release(String orderId) {
                released.add(orderId);
            }
        };
        sessions.refunds = new RefundWorker() {

            @Override
            public void afterCommit(String orderId) {
                refundsDue.add(orderId);
            }
        };
        sessions.slotGrace = "PT10M";
        sessions.providerOffset = "+05:30";
        sessions.batteryKwh = "2W:3,3W:8,4W:40";
        sessions.startSoc = 20;
        sessions.defaultPowerKw = 7.4;
    }

    private Order order(Instant slotStart) {
        Order o = Orders.draft("ord-1", slotStart, Instant.now().plus(Duration.ofMinutes(10)));
        o.activate(Instant.now());
        return jpa.put(o);
    }

    private ErrorCode refused(Runnable r) {
        return assertThrows(BecknException.class, r::run).error().code();
    }

    @Test
    void an_active_order_starts_charging_at_its_connector_at_the_catalogs_power() {
        Order o = order(Instant.now().minus(Duration.ofMinutes(1)));
        ChargingSession s = sessions.start(o, "cz-1", false);
        assertSame(s, jpa.get(ChargingSession.class, "ord-1"));
        assertEquals(FulfillmentState.CHARGING_STARTED, o.state());
        assertEquals(10.0, s.powerKw());
        assertEquals(ChargePoints.State.CHARGING, chargers.read(s.chargerSessionId()).orElseThrow().state());
    }

    @Test
    void a_repeated_start_answers_the_running_session() {
        Order o = order(Instant.now().minus(Duration.ofMinutes(1)));
        ChargingSession first = sessions.start(o, "cz-1", false);
        assertSame(first, sessions.start(o, "cz-1", false));
    }

    @Test
    void starting_is_possible_from_the_grace_before_the_slot_until_its_end() {
        Order early = order(Instant.now().plus(Duration.ofMinutes(11)));
        assertEquals(ErrorCode.UPDATION_NOT_POSSIBLE, refused(() -> sessions.start(early, null, false)));
        assertNull(jpa.get(ChargingSession.class, "ord-1"));

        Order inGrace = order(Instant.now().plus(Duration.ofMinutes(9)));
        assertNotNull(sessions.start(inGrace, null, false));

        FakeJpa other = new FakeJpa();
        sessions.em = other.entityManager();
        Order over = Orders.draft("ord-2", Instant.now().minus(Duration.ofMinutes(61)), Instant.now().plusSeconds(60));
        over.activate(Instant.now());
        other.put(over);
        assertEquals(ErrorCode.UPDATION_NOT_POSSIBLE, refused(() -> sessions.start(over, null, false)));
    }

    @Test
    void only_a_confirmed_order_at_its_own_connector_with_the_right_code_starts() {
        Order draft = jpa.put(Orders.draft("ord-1", Instant.now(), Instant.now().plusSeconds(600)));
        assertEquals(ErrorCode.UPDATION_NOT_POSSIBLE, refused(() -> sessions.start(draft, null, false)));
        assertEquals(OrderStatus.DRAFT, draft.status());

        Order o = order(Instant.now());
        assertEquals(ErrorCode.UPDATE_INCONSISTENCY, refused(() -> sessions.start(o, "cz-2", false)));
        assertEquals(ErrorCode.UPDATE_INCONSISTENCY, refused(() -> sessions.start(o, "cz-1", true)));
        assertNull(jpa.get(ChargingSession.class, "ord-1"));
    }

    @Test
    void a_start_rolled_back_stops_the_charger_it_started() {
        Order o = order(Instant.now());
        ChargingSession s = sessions.start(o, "cz-1", false);
        assertEquals(1, afterTransaction.size());
        afterTransaction.get(0).afterCompletion(Status.STATUS_ROLLEDBACK);
        assertEquals(ChargePoints.State.STOPPED, chargers.read(s.chargerSessionId()).orElseThrow().state());
    }

    @Test
    void a_start_committed_leaves_the_charger_charging() {
        Order o = order(Instant.now());
        ChargingSession s = sessions.start(o, "cz-1", false);
        afterTransaction.get(0).afterCompletion(Status.STATUS_COMMITTED);
        assertEquals(ChargePoints.State.CHARGING, chargers.read(s.chargerSessionId()).orElseThrow().state());
    }

    @Test
    void stopping_bills_what_was_delivered_completes_the_order_and_owes_the_rest_back() {
        Order o = order(Instant.now());
        ChargingSession s = sessions.start(o, "cz-1", false);
        clock.now = clock.now.plus(Duration.ofMinutes(24)); // 10 kW for 24 minutes: 4 kWh
        assertSame(s, sessions.stop(o, false));
        assertEquals(OrderStatus.COMPLETE, o.status());
        assertEquals(FulfillmentState.CHARGING_ENDED, o.state());
        assertEquals(new BigDecimal("40.00"), o.finalAmount());
        assertEquals(new BigDecimal("60.00"), o.refundAmount());
        assertEquals(ChargingSession.End.STOPPED, s.endReason());
        assertEquals(List.of("ord-1"), released);
        assertEquals(List.of("ord-1"), refundsDue);
        assertSame(s, sessions.stop(o, false), "a repeated stop answers the settled order");
        assertEquals(List.of("ord-1"), refundsDue);
        assertEquals(List.of("started charging", "ended stopped"), metrics.counted, "counted once each");
    }

    @Test
    void a_charger_found_failed_at_the_stop_is_left_to_the_caller_to_cancel() {
        Order o = order(Instant.now());
        ChargingSession s = sessions.start(o, "cz-1", false);
        clock.now = clock.now.plus(Duration.ofMinutes(6));
        chargers.fail("cz-1");
        sessions.stop(o, false);
        assertEquals(ChargingSession.End.FAULTED, s.endReason());
        assertEquals(OrderStatus.ACTIVE, o.status(), "not settled: the provider cancels it");
        assertEquals(List.of("started charging", "ended faulted"), metrics.counted);
        assertTrue(refundsDue.isEmpty());
    }

    @Test
    void stopping_what_never_started_is_refused() {
        Order o = order(Instant.now());
        assertEquals(ErrorCode.UPDATION_NOT_POSSIBLE, refused(() -> sessions.stop(o, false)));
        assertEquals(OrderStatus.ACTIVE, o.status());
    }

    @Test
    void progress_shows_the_meter_and_the_amount_so_far() {
        Order o = order(Instant.now());
        ChargingSession s = sessions.start(o, "cz-1", false);
        clock.now = clock.now.plus(Duration.ofMinutes(12)); // 2 kWh
        var p = sessions.progress(o, s);
        assertEquals(0, new BigDecimal("2").compareTo(p.deliveredKwh()));
        assertEquals(20, p.percent());
        assertEquals(new BigDecimal("20.00"), p.amountSoFar());
    }
}
