package org.evcharging.bpp.order.application;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.evcharging.bpp.core.persistence.BecknReferences;
import org.evcharging.bpp.order.domain.Order;

/** Orders as the use cases find them, for unit tests: 10 kWh for 100.00 INR on connector cz-1. */
public final class Orders {

    public static final String BAP = "bap.example";

    private Orders() {
    }

    /** A draft booked on cz-1 for a slot from {@code slotStart} (an hour long), holding it until {@code holdUntil}. */
    public static Order draft(String id, Instant slotStart, Instant holdUntil) {
        return draft(id, "CHARGING", slotStart, holdUntil);
    }

    public static Order draft(String id, String fulfillmentType, Instant slotStart, Instant holdUntil) {
        Instant now = Instant.now();
        Order o = new Order(id, BecknReferences.of(BAP, "txn-" + id, "msg-" + id), now);
        o.book(new Order.Booked("prov-1", "item-1", "cz-1", fulfillmentType, "quote-" + id, new BigDecimal("10"),
                new BigDecimal("100.00"), "INR", slotStart,
                slotStart == null ? null : slotStart.plus(Duration.ofHours(1)),
                "{}", holdUntil), now);
        o.payment("pay-" + id, "https://pay.example/" + id, holdUntil.minus(Duration.ofMinutes(1)));
        return o;
    }

    /** A paid, confirmed order whose slot started a minute ago. */
    public static Order active(String id) {
        Order o = draft(id, Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plus(Duration.ofMinutes(10)));
        o.activate(Instant.now());
        return o;
    }

    public static Order activeSwap(String id) {
        Order o = draft(id, "BATTERY-SWAP", Instant.now().minus(Duration.ofMinutes(1)),
                Instant.now().plus(Duration.ofMinutes(10)));
        o.activate(Instant.now());
        return o;
    }
}
