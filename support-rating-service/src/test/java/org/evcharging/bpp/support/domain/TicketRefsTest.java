package org.evcharging.bpp.support.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.evcharging.bpp.core.persistence.BecknReferences;
import org.junit.jupiter.api.Test;

class TicketRefsTest {

    @Test
    void references_are_readable_and_random() {
        TicketRefs refs = TicketRefs.secure();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String ref = refs.next();
            assertTrue(TicketRefs.FORMAT.matcher(ref).matches(), ref);
            assertFalse(ref.substring(4).matches(".*[01ILOU].*"), "no look-alikes: " + ref);
            seen.add(ref);
        }
        assertTrue(seen.size() > 1990, "practically no repeats in 2000");
    }

    @Test
    void the_same_seed_gives_the_same_references() {
        assertEquals(new TicketRefs(new Random(7)).next(), new TicketRefs(new Random(7)).next());
    }

    @Test
    void people_may_type_them_in_lower_case() {
        assertTrue(TicketRefs.looksLikeRef(" sup-7k3mzq "));
        assertEquals("SUP-7K3MZQ", TicketRefs.normalize(" sup-7k3mzq "));
        assertFalse(TicketRefs.looksLikeRef("SUP-7K3MZ"));
        assertFalse(TicketRefs.looksLikeRef("SUP-7K3MZ0"));
        assertFalse(TicketRefs.looksLikeRef("6743e9e2-4fb5-487c-92b7"));
    }

    @Test
    void a_ticket_is_answered_then_closed_and_takes_no_answer_once_closed() {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        Ticket t = new Ticket("SUP-7K3MZQ", BecknReferences.of("bap", "txn", "msg"), Ticket.Subject.ORDER, "o-1", "o-1",
                "chargezone.in", now);
        t.requested("msg", "+919876543210", null, null, now);
        t.requested("msg-2", null, "a@b.in", null, now.plusSeconds(60));
        assertEquals(TicketStatus.OPEN, t.status());
        assertEquals(2, t.requests());
        assertEquals("+919876543210", t.phone());
        assertEquals("a@b.in", t.email());
        t.answer("Reset the charger; try again.", "partner-cz", now.plusSeconds(120));
        assertEquals(TicketStatus.ANSWERED, t.status());
        assertThrows(IllegalArgumentException.class, () -> t.answer(" ", "x", now));
        t.close(now.plusSeconds(180));
        assertEquals(TicketStatus.CLOSED, t.status());
        assertThrows(IllegalStateException.class, () -> t.answer("late", "x", now));
        assertThrows(IllegalArgumentException.class,
                () -> new Ticket("T-1", BecknReferences.of("bap", "txn", "msg"), Ticket.Subject.ORDER, "o", "o", null,
                        now));
    }
}
