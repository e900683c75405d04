package org.evcharging.bpp.order.application.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.evcharging.bpp.order.application.FakeJpa;
import org.evcharging.bpp.order.domain.SlotHold;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Java side of slot holds: what is done with the charger's lock and with a rival the overlap query finds (the
 * overlap itself is the query's, checked against the database by BookingIT).
 */
class SlotHoldsTest {

    private static final Instant START = Instant.now().plus(Duration.ofHours(1));
    private static final Instant END = START.plus(Duration.ofHours(1));

    private final FakeJpa jpa = new FakeJpa();
    private final SlotHolds holds = new SlotHolds();
    private final List<String> ensured = new ArrayList<>();
    private final List<String> forgotten = new ArrayList<>();

    @BeforeEach
    void wire() {
        holds.em = jpa.entityManager();
        holds.locks = new ChargerLocks() {

            @Override
            public void ensure(String fulfillmentId) {
                ensured.add(fulfillmentId);
            }

            @Override
            public void forget(String fulfillmentId) {
                forgotten.add(fulfillmentId);
            }
        };
        jpa.results.put("native", List.of("cz-1")); // the charger's lock row, found and locked
    }

    private static SlotHold rival(Instant expiresAt) {
        return new SlotHold("ord-rival", "cz-1", START.plus(Duration.ofMinutes(30)), END.plus(Duration.ofMinutes(30)),
                expiresAt, Instant.now());
    }

    /** A rival that has booked (paid and confirmed) its overlapping slot. */
    private static SlotHold reservedRival() {
        SlotHold r = rival(Instant.now().plusSeconds(300));
        r.reserve(Instant.now());
        return r;
    }

    @Test
    void a_free_slot_is_held_until_the_given_time_under_the_chargers_lock() {
        Instant until = Instant.now().plus(Duration.ofMinutes(15));
        SlotHold h = holds.hold("ord-1", "cz-1", START, END, until);
        assertEquals(List.of("cz-1"), ensured);
        assertSame(h, jpa.get(SlotHold.class, "ord-1"));
        assertEquals(SlotHold.Status.HELD, h.status());
        assertEquals(until, h.expiresAt());
    }

    @Test
    void holding_again_moves_the_same_hold() {
        SlotHold first = holds.hold("ord-1", "cz-1", START, END, Instant.now().plus(Duration.ofMinutes(5)));
        Instant later = Instant.now().plus(Duration.ofMinutes(15));
        SlotHold again = holds.hold("ord-1", "cz-1", START.plusSeconds(600), END.plusSeconds(600), later);
        assertSame(first, again);
        assertEquals(START.plusSeconds(600), again.slotStart());
        assertEquals(later, again.expiresAt());
    }

    @Test
    void a_slot_someone_else_claims_is_refused_naming_their_claim() {
        SlotHold theirs = rival(Instant.now().plus(Duration.ofMinutes(5)));
        jpa.results.put("SlotHold.overlapping", List.of(theirs));
        SlotHolds.Taken t = assertThrows(SlotHolds.Taken.class,
                () -> holds.hold("ord-1", "cz-1", START, END, Instant.now().plus(Duration.ofMinutes(15))));
        assertSame(theirs, t.by());
        assertNull(jpa.get(SlotHold.class, "ord-1"), "nothing is held");
    }

    @Test
    void a_missing_lock_row_fails_the_booking_and_is_made_again_next_time() {
        jpa.results.put("native", List.of());
        assertThrows(IllegalStateException.class,
                () -> holds.hold("ord-1", "cz-1", START, END, Instant.now().plusSeconds(60)));
        assertEquals(List.of("cz-1"), forgotten);
    }

    @Test
    void a_held_slot_in_time_and_unclaimed_becomes_a_reservation() {
        SlotHold h = jpa.put(new SlotHold("ord-1", "cz-1", START, END, Instant.now().plusSeconds(60), Instant.now()));
        assertTrue(holds.reserve("ord-1"));
        assertEquals(SlotHold.Status.RESERVED, h.status());
        assertTrue(holds.reserve("ord-1"), "reserving again is still true");
    }

    @Test
    void a_lapsed_hold_or_one_claimed_meanwhile_is_not_reserved() {
        SlotHold lapsed = jpa
                .put(new SlotHold("ord-1", "cz-1", START, END, Instant.now().minusSeconds(1), Instant.now()));
        assertFalse(holds.reserve("ord-1"));
        assertEquals(SlotHold.Status.HELD, lapsed.status());

        SlotHold mine = jpa
                .put(new SlotHold("ord-2", "cz-1", START, END, Instant.now().plusSeconds(60), Instant.now()));
        jpa.results.put("SlotHold.overlapping", List.of(reservedRival()));
        assertFalse(holds.reserve("ord-2"));
        assertEquals(SlotHold.Status.HELD, mine.status());

        SlotHold released = jpa
                .put(new SlotHold("ord-3", "cz-1", START, END, Instant.now().plusSeconds(60), Instant.now()));
        released.release(Instant.now());
        assertFalse(holds.reserve("ord-3"));
    }

    @Test
    void an_order_without_a_hold_has_nothing_to_reserve_and_nothing_to_release() {
        assertTrue(holds.reserve("ord-9"));
        holds.release("ord-9");
        assertTrue(jpa.removed.isEmpty());
        SlotHold h = jpa.put(new SlotHold("ord-1", "cz-1", START, END, Instant.now().plusSeconds(60), Instant.now()));
        holds.release("ord-1");
        assertEquals(List.of(h), jpa.removed);
    }
}
