package org.evcharging.bpp.order.application.settlement;

import java.math.BigDecimal;

/**
 * What delivered energy (or swaps) costs, as quote-service priced it from the order's quote: {@code total} and the
 * Beckn {@code breakup} (JSON array text) whose lines add up to it.
 */
public record Bill(BigDecimal delivered, BigDecimal total, String currency, String breakup) {
}
