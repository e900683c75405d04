package org.evcharging.bpp.order.application.events;

import org.evcharging.bpp.order.domain.Order;

/**
 * The provider cancelled an order (its charger failed or lost the session, or an operator called it off): the BAP is
 * told with an unsolicited {@code on_cancel}. Observed synchronously, in the transaction that cancels the order.
 */
public record ProviderCancelled(Order order) {
}
