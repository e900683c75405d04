package org.evcharging.bpp.order.application.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.order.application.FakeJpa;
import org.evcharging.bpp.order.application.Orders;
import org.evcharging.bpp.order.domain.ChargingSession;
import org.evcharging.bpp.order.domain.FulfillmentState;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.domain.Progress;
import org.evcharging.bpp.core.rest.PageTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** track: the BAP's confirmed order gets one public page; others are not found, drafts have nothing to track. */
class TrackingTest {

    private final FakeJpa jpa = new FakeJpa();
    private final Tracking tracking = new Tracking();

    @BeforeEach
    void wire() {
        tracking.em = jpa.entityManager();
        tracking.publicUrl = Optional.empty();
        tracking.termsUrl = Optional.of("http://127.0.0.1:18080/orders/v1/terms");
    }

    private static ErrorCode code(Runnable r) {
        return assertThrows(BecknException.class, r::run).error().code();
    }

    @Test
    void an_active_order_gets_an_unguessable_page_on_the_public_url_kept_for_later_tracks() {
        Order o = jpa.put(Orders.active("ord-1"));
        Tracking.Tracked t = tracking.track("ord-1", Orders.BAP);
        assertTrue(t.active());
        assertTrue(PageTokens.wellFormed(o.trackingToken()), o.trackingToken());
        assertFalse(t.url().contains("ord-1"), "the order id is not the key: " + t.url());
        assertEquals("http://127.0.0.1:18080/orders/v1/track/" + o.trackingToken(), t.url());
        assertEquals(t.url(), tracking.track("ord-1", Orders.BAP).url(), "one page per order");
        tracking.publicUrl = Optional.of("https://bpp.example/");
        assertEquals("https://bpp.example/orders/v1/track/" + o.trackingToken(), tracking.url(o.trackingToken()));
    }

    @Test
    void unknown_or_another_baps_order_is_not_found_and_a_draft_has_nothing_to_track() {
        jpa.put(Orders.active("ord-1"));
        assertEquals(ErrorCode.ORDER_NOT_FOUND, code(() -> tracking.track("ord-1", "other.bap")));
        assertEquals(ErrorCode.ORDER_NOT_FOUND, code(() -> tracking.track("ord-2", Orders.BAP)));
        Order draft = jpa.put(Orders.draft("ord-3", Instant.now().plusSeconds(600), Instant.now().plusSeconds(600)));
        BecknException e = assertThrows(BecknException.class, () -> tracking.track("ord-3", Orders.BAP));
        assertEquals(ErrorCode.TRACKING_NOT_SUPPORTED, e.error().code());
        assertEquals("$.message.order_id", e.error().paths());
        assertTrue(e.getMessage().contains("order ord-3 is not active (state order-initiated): nothing to track yet"),
                e.getMessage());
        assertNull(draft.trackingToken());
        draft.expire(Instant.now());
        assertTrue(assertThrows(BecknException.class, () -> tracking.track("ord-3", Orders.BAP)).getMessage()
                .endsWith("it was never confirmed, so there is nothing to track"));
    }

    @Test
    void a_completed_order_is_tracked_inactive_with_its_page() {
        Order o = jpa.put(Orders.active("ord-1"));
        o.complete(FulfillmentState.CHARGING_ENDED, new BigDecimal("40.00"), "[]", Instant.now());
        Tracking.Tracked t = tracking.track("ord-1", Orders.BAP);
        assertFalse(t.active());
        assertTrue(t.url().endsWith(o.trackingToken()));
    }

    @Test
    void the_page_shows_the_session_and_nothing_personal() {
        Order o = Orders.active("ord-1");
        o.progress(FulfillmentState.CHARGING_STARTED, Instant.now());
        ChargingSession s = new ChargingSession("ord-1", "cz-1", "tx-1", 7.4, new BigDecimal("10"),
                Instant.now().minusSeconds(60));
        Progress p = Progress.of(new BigDecimal("1.250"), 42, new BigDecimal("10"), s.startedAt(), Instant.now(), null,
                7.4, new BigDecimal("12.50"));
        Instant now = Instant.now();
        Tracking.View v = Tracking.viewOf(o, s, p, now);
        assertEquals("charging", v.state());
        assertFalse(v.ended());
        assertEquals(new BigDecimal("1.250"), v.energyKwh());
        assertEquals(42, v.socPercent());
        assertEquals(new BigDecimal("12.50"), v.costSoFar());
        assertEquals("cz-1", v.charger());
        assertEquals("prov-1", v.provider());
        assertEquals(now, v.updatedAt());
        for (Object field : List.of(v.toString())) {
            assertFalse(field.toString().contains("bap.example"));
        }
        Tracking.View booked = Tracking.viewOf(Orders.active("ord-2"), null, null, now);
        assertEquals("booked", booked.state());
        assertEquals(0, booked.costSoFar().signum());
        o.complete(FulfillmentState.CHARGING_ENDED, new BigDecimal("14.00"), "[]", now);
        s.end(ChargingSession.End.STOPPED, new BigDecimal("1.400"), 45, now);
        Tracking.View done = Tracking.viewOf(o, s, null, now.plus(Duration.ofSeconds(5)));
        assertEquals("completed", done.state());
        assertTrue(done.ended());
        assertEquals(new BigDecimal("14.00"), done.costSoFar());
        assertEquals(new BigDecimal("1.400"), done.energyKwh());
        assertNotEquals(null, done.updatedAt());
    }
}
