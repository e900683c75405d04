package org.evcharging.bpp.order.beckn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.evcharging.bpp.order.domain.Order;

/**
 * The money of a settled or cancelled order as Beckn quotes (docs/charging-session.md); every breakup adds up to its
 * {@code price}:
 * <ul>
 * <li>settled ({@code charging-ended}, {@code swap-completed}): {@code price} is the final amount and the breakup is
 * the final bill, line by line;</li>
 * <li>cancelled: {@code price} is minus the refund, as the document's {@code on_cancel} examples show, and the breakup
 * is its one line {@code payment refund}: minus the money returned (0.00 when nothing is), its quantity what was not
 * delivered.</li>
 * </ul>
 * What the user paid in advance, what stays paid (the bill of what was delivered, and a cancellation fee) and what
 * goes back, with the refund's state, are the {@code settlement} tag group of the PRE-ORDER payment:
 * {@code prepaid = final-amount + cancellation-fee + refund}.
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
        return quote;
    }

    static ObjectNode cancelled(ObjectNode quoted, String unit, Order o, BigDecimal delivered) {
        BigDecimal refund = o.refundAmount() == null ? BigDecimal.ZERO : o.refundAmount();
        ObjectNode quote = NODES.objectNode();
        if (quoted.has("id")) {
            quote.set("id", quoted.get("id"));
        }
        quote.putObject("price").put("value", money(refund.negate())).put("currency", o.currency());
        BigDecimal undelivered = o.quantity().subtract(delivered == null ? BigDecimal.ZERO : delivered)
                .max(BigDecimal.ZERO);
        quote.putArray("breakup")
                .add(line("payment refund", "refund", refund.negate(), o.currency(), undelivered, unit));
        return quote;
    }

    static ObjectNode settlementTag(Order o) {
        ObjectNode group = NODES.objectNode();
        group.putObject("descriptor").put("code", "settlement").put("name", "Settlement");
        ArrayNode list = group.putArray("list");
        OrderMessages.item(list, "prepaid", "Paid in advance", o.total().toPlainString());
        OrderMessages.item(list, "final-amount", "Bill of what was delivered",
                money(o.finalAmount() == null ? BigDecimal.ZERO : o.finalAmount()));
        OrderMessages.item(list, "cancellation-fee", "Cancellation fee",
                money(o.cancellationFee() == null ? BigDecimal.ZERO : o.cancellationFee()));
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
