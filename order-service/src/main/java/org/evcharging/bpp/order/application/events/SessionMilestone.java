package org.evcharging.bpp.order.application.events;

import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.domain.Progress;

/**
 * A charging session started or crossed 25, 50 or 75 percent: the BAP is told with an unsolicited {@code on_status}
 * carrying the progress. Fired inside the transaction that records it; observed synchronously, so the callback is
 * written to the outbox in that same transaction.
 */
public record SessionMilestone(Order order, Progress progress) {
}
