package org.evcharging.bpp.order.application.events;

import org.evcharging.bpp.order.domain.Order;

/**
 * A charging session or swap ended and the order is settled: the "ended" {@code on_status}. When the BAP did not end
 * it itself ({@code endedByBap} false: the charger finished, the slot ran out, a swap nobody ended was completed) the
 * BAP also gets the final bill as an unsolicited {@code on_update}, first. Observed synchronously, in the transaction
 * that settles the order.
 */
public record FulfillmentEnded(Order order, boolean endedByBap) {
}
