package org.evcharging.bpp.order.beckn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.evcharging.bpp.order.domain.ChargingSession;
import org.evcharging.bpp.order.domain.Order;

/**
 * The money of a settled or cancelled order as Beckn quotes (docs/charging-session.md):
 * <ul>
 * <li>settled ({@code charging-ended}): the final bill, its lines adding up to {@code price}, then the line
 * {@code payment refund} (negative): the settlement of the advance payment, outside the sum;</li>
 * <li>cancelled: {@code price} is minus the refund, as the document's {@code on_cancel} examples show; the lines
 * {@code payment refund} (what was prepaid and not delivered) and {@code cancellation fee} add up to it.</li>
 * </ul>
 * The PRE-ORDER payment carries a {@code settlement} tag group with the figures and the refund's state.
 */
final class Bills {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Bills() {
    }

    static ObjectNode settled(ObjectNode quoted, Order o) {
        ObjectNode quote = NODES.objectNode();
        if (quoted.has("id")) {
            quote.set("id", quoted.get("id"));
        }
        quote.putObject("price").put("value", o.finalAmount().toPlainString()).put("currency", o.currency());
        ArrayNode breakup = quote.putArray("breakup");
        for (JsonNode line : OrderMessages.parse(o.finalBill())) {
            breakup.add(line);
        }
        if (o.refundAmount().signum() > 0) {
            breakup.add(line("payment refund", "refund", o.refundAmount().negate(), o.currency(), null, null));
        }
        return quote;
    }

    static ObjectNode cancelled(ObjectNode quoted, String unit, Order o, ChargingSession session) {
        BigDecimal used = o.finalAmount() == null ? BigDecimal.ZERO : o.finalAmount();
        BigDecimal notDelivered = o.confirmedAt() == null ? BigDecimal.ZERO : o.total().subtract(used);
        BigDecimal fee = o.cancellationFee() == null ? BigDecimal.ZERO : o.cancellationFee();
        ObjectNode quote = NODES.objectNode();
        if (quoted.has("id")) {
            quote.set("id", quoted.get("id"));
        }
        quote.putObject("price").put("value", money(notDelivered.subtract(fee).negate())).put("currency", o.currency());
        ArrayNode breakup = quote.putArray("breakup");
        BigDecimal delivered = session == null ? BigDecimal.ZERO : session.deliveredKwh();
        BigDecimal undelivered = o.quantity().subtract(delivered).max(BigDecimal.ZERO);
        breakup.add(line("payment refund", "refund", notDelivered.negate(), o.currency(), undelivered, unit));
        if (fee.signum() > 0) {
            breakup.add(line("cancellation fee", "cancellation-fee", fee, o.currency(), null, null));
        }
        return quote;
    }

    static ObjectNode settlementTag(Order o) {
        ObjectNode group = NODES.objectNode();
        group.putObject("descriptor").put("code", "settlement").put("name", "Settlement");
        ArrayNode list = group.putArray("list");
        OrderMessages.item(list, "prepaid", "Paid in advance", o.total().toPlainString());
        if (o.finalAmount() != null) {
            OrderMessages.item(list, "final-amount", "Final amount", o.finalAmount().toPlainString());
        }
        if (o.cancellationFee() != null && o.cancellationFee().signum() > 0) {
            OrderMessages.item(list, "cancellation-fee", "Cancellation fee", o.cancellationFee().toPlainString());
        }
        OrderMessages.item(list, "refund", "Refund", o.refundAmount().toPlainString());
        OrderMessages.item(list, "refund-status", "Refund status",
                o.refundStatus() == null ? "NONE" : o.refundStatus().name());
        group.put("display", true);
        return group;
    }

    private static ObjectNode line(String title, String code, BigDecimal amount, String currency, BigDecimal quantity,
                                   String unit) {
        ObjectNode line = NODES.objectNode();
        line.put("title", title);
        ObjectNode item = line.putObject("item");
        item.putObject("descriptor").put("name", title).put("code", code);
        if (quantity != null && unit != null) {
            item.putObject("quantity").putObject("selected").putObject("measure")
                    .put("value", quantity.stripTrailingZeros().toPlainString()).put("unit", unit);
        }
        line.putObject("price").put("value", money(amount)).put("currency", currency);
        return line;
    }

    private static String money(BigDecimal v) {
        return v.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
