package org.evcharging.bpp.order.beckn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.evcharging.bpp.order.domain.Cancellation;
import org.evcharging.bpp.order.domain.FulfillmentState;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.domain.OrderStatus;
import org.evcharging.bpp.order.domain.Progress;
import static org.evcharging.bpp.core.model.BecknValues.RFC3339;

/**
 * Writes an order as the workflow document's {@code on_init} and {@code on_confirm} show it (valid against core
 * 1.1.0): the provider, item and quote as quoted, the fulfillment with its customer, state and stops (the slot; once
 * confirmed, where the charger is and how to start), billing, the payment (link, amount, PAID/NOT-PAID) and the
 * cancellation terms.
 */
public final class OrderMessages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The cancellation terms every order carries: free until charging starts, then a share of the price. */
    public record Terms(BigDecimal afterStartPercent, String termsUrl) {
    }

    private final ZoneOffset zone;
    private final Duration grace;
    private final Terms terms;

    public OrderMessages(ZoneOffset zone, Duration grace, Terms terms) {
        this.zone = zone;
        this.grace = grace;
        this.terms = terms;
    }

    /** The {@code message} of an on_init or on_confirm: the order as it stands. */
    public ObjectNode message(Order o, boolean paid) {
        return message(o, paid, null);
    }

    /**
     * The order as it stands: live progress while charging ({@code progress}, the state's name and a
     * {@code charging-progress} tag group), the final bill and what was delivered once settled, the refund, who and why
     * once cancelled.
     */
    public ObjectNode message(Order o, boolean paid, Progress progress) {
        JsonNode quoted = parse(o.quotedOrder());
        ObjectNode message = NODES.objectNode();
        ObjectNode order = message.putObject("order");
        if (o.status() != OrderStatus.DRAFT) {
            order.put("id", o.id());
            order.put("status", o.status().beckn());
        }
        order.set("provider", quoted.path("provider").deepCopy());
        ArrayNode items = quoted.path("items").deepCopy();
        BigDecimal delivered = delivered(o);
        if (delivered != null && items.path(0) instanceof ObjectNode item) {
            // What the session delivered, beside what was booked (quantity.selected), as the document's provider on_cancel
            // shows it: the bill's energy (or swaps) line has the same.
            ObjectNode allocated = item.with("quantity").putObject("allocated");
            String unit = unitOf(quoted);
            if ("swap".equalsIgnoreCase(unit)) {
                allocated.put("count", delivered.intValue());
            } else {
                allocated.putObject("measure").put("value", delivered.stripTrailingZeros().toPlainString())
                        .put("unit", unit == null ? "kWh" : unit);
            }
        }
        order.set("items", items);
        order.set("fulfillments", NODES.arrayNode().add(fulfillment(o, quoted.path("fulfillments").path(0), progress)));
        ObjectNode billing = order.putObject("billing").put("name", o.billingName());
        if (o.billingEmail() != null) {
            billing.put("email", o.billingEmail());
        }
        if (o.billingPhone() != null) {
            billing.put("phone", o.billingPhone());
        }
        ObjectNode quote = (ObjectNode) quoted.path("quote").deepCopy();
        if (o.status() == OrderStatus.COMPLETE && o.finalBill() != null) {
            quote = Bills.settled(quote, o);
        } else if (o.status() == OrderStatus.CANCELLED && o.cancelledBy() != null) {
            quote = Bills.cancelled(quote, unitOf(quoted), o, delivered);
            order.set("cancellation", cancellation(o));
        }
        order.set("quote", quote);
        ObjectNode payment = order.putArray("payments").addObject();
        if (o.paymentId() != null) {
            payment.put("id", o.paymentId());
        }
        if (o.paymentUrl() != null && !paid && o.status() == OrderStatus.DRAFT) {
            payment.put("url", o.paymentUrl());
        }
        payment.put("type", "PRE-ORDER").put("status", paid ? "PAID" : "NOT-PAID").put("collected_by", "BPP");
        payment.putObject("params").put("amount", o.total().toPlainString()).put("currency", o.currency());
        if (o.paymentExpiresAt() != null) {
            payment.putObject("time").putObject("range").put("start", time(o.createdAt()))
                    .put("end", time(o.paymentExpiresAt()));
        }
        if (o.refundAmount() != null && o.confirmedAt() != null) {
            payment.putArray("tags").add(Bills.settlementTag(o));
        }
        order.set("cancellation_terms", cancellationTerms());
        return message;
    }

    private ObjectNode fulfillment(Order o, JsonNode quoted, Progress progress) {
        ObjectNode f = NODES.objectNode();
        if (o.fulfillmentId() != null) {
            f.put("id", o.fulfillmentId());
        }
        f.put("type", o.fulfillmentType());
        ObjectNode customer = f.putObject("customer");
        if (o.customerName() != null) {
            customer.putObject("person").put("name", o.customerName());
        }
        if (o.customerPhone() != null) {
            customer.putObject("contact").put("phone", o.customerPhone());
        }
        if (o.vehicleCategory() != null) {
            f.putObject("vehicle").put("category", o.vehicleCategory());
        }
        ObjectNode state = f.putObject("state").putObject("descriptor").put("code", o.state());
        if (progress != null) {
            state.put("name", progress.label());
        }
        ArrayNode stops = f.putArray("stops");
        ObjectNode start = stops.addObject().put("type", "start");
        if (o.stationGps() != null) {
            ObjectNode location = start.putObject("location").put("gps", o.stationGps());
            if (o.stationId() != null) {
                location.put("id", o.stationId());
            }
        }
        if (o.slotStart() != null) {
            start.putObject("time").put("timestamp", time(o.slotStart())).putObject("range")
                    .put("start", time(o.slotStart())).put("end", time(o.slotStart().plus(grace)));
        }
        if (o.status() == OrderStatus.ACTIVE && (FulfillmentState.PAYMENT_COMPLETED.equals(o.state())
                || FulfillmentState.SWAP_SCHEDULED.equals(o.state()))) {
            start.putObject("instructions").put("name", "How to start")
                    .put("short_desc", instructions(o));
        }
        if (o.slotEnd() != null) {
            stops.addObject().put("type", "end").putObject("time").put("timestamp", time(o.slotEnd()))
                    .putObject("range").put("start", time(o.slotEnd())).put("end", time(o.slotEnd().plus(grace)));
        }
        ArrayNode tags = NODES.arrayNode();
        for (JsonNode group : quoted.path("tags")) {
            if (!"select-options".equals(group.path("descriptor").path("code").asText())) {
                tags.add(group.deepCopy());
            }
        }
        if (progress != null) {
            tags.add(progressTag(progress, o.currency()));
        }
        if (!tags.isEmpty()) {
            f.set("tags", tags);
        }
        return f;
    }

    /** The {@code charging-progress} tag group of docs/charging-session.md. */
    static ObjectNode progressTag(Progress p, String currency) {
        ObjectNode group = NODES.objectNode();
        group.putObject("descriptor").put("code", "charging-progress").put("name", "Charging progress");
        ArrayNode list = group.putArray("list");
        item(list, "energy-delivered", "Energy delivered (kWh)",
                p.deliveredKwh().setScale(3, java.math.RoundingMode.HALF_UP).toPlainString());
        item(list, "percent-charged", "Charged (%)", Integer.toString(p.percent()));
        if (p.socPercent() != null) {
            item(list, "state-of-charge", "Vehicle state of charge (%)", Integer.toString(p.socPercent()));
        }
        item(list, "time-elapsed", "Time elapsed", p.elapsed().toString());
        if (p.remaining() != null) {
            item(list, "time-remaining", "Time remaining (estimate)", p.remaining().toString());
        }
        if (p.amountSoFar() != null) {
            item(list, "amount-so-far", "Amount so far (" + currency + ")", p.amountSoFar().toPlainString());
        }
        group.put("display", true);
        return group;
    }

    static void item(ArrayNode list, String code, String name, String value) {
        ObjectNode i = list.addObject();
        i.putObject("descriptor").put("code", code).put("name", name);
        i.put("value", value);
    }

    private String instructions(Order o) {
        boolean swap = o.fulfillmentType() != null && o.fulfillmentType().contains("SWAP");
        String where = o.fulfillmentId() == null ? "the station"
                : (swap ? "swap station " : "charger ") + o.fulfillmentId();
        String when = o.slotStart() == null ? ""
                : " between " + clock(o.slotStart()) + " and " + clock(o.slotStart().plus(grace));
        return swap
                ? "Go to " + where + when + " and show order " + o.id() + " to swap your battery."
                : "Go to " + where + when + ", plug in, and start charging from your app (order " + o.id() + ").";
    }

    private ArrayNode cancellationTerms() {
        ArrayNode list = NODES.arrayNode();
        term(list, FulfillmentState.ORDER_INITIATED, BigDecimal.ZERO);
        term(list, FulfillmentState.PAYMENT_COMPLETED, BigDecimal.ZERO);
        term(list, FulfillmentState.CHARGING_START_TERM, terms.afterStartPercent());
        term(list, FulfillmentState.SWAP_SCHEDULED, BigDecimal.ZERO);
        return list;
    }

    private void term(ArrayNode list, String state, BigDecimal percent) {
        ObjectNode t = list.addObject();
        t.putObject("fulfillment_state").putObject("descriptor").put("code", state);
        t.putObject("cancellation_fee").put("percentage", percent.stripTrailingZeros().toPlainString());
        if (terms.termsUrl() != null) {
            t.putObject("external_ref").put("mimetype", "text/html").put("url", terms.termsUrl());
        }
    }

    /**
     * Core 1.1.0's {@code order.cancellation}: when, by whom ({@code CONSUMER}: the user through the BAP;
     * {@code PROVIDER}: the charger failed or an operator called it off) and why.
     */
    private ObjectNode cancellation(Order o) {
        ObjectNode c = NODES.objectNode();
        if (o.cancelledAt() != null) {
            c.put("time", time(o.cancelledAt()));
        }
        c.put("cancelled_by", Cancellation.BY_BAP.equals(o.cancelledBy()) ? "CONSUMER" : "PROVIDER");
        if (o.cancelReasonId() != null || o.cancelNote() != null) {
            ObjectNode reason = c.putObject("reason");
            if (o.cancelReasonId() != null) {
                reason.put("id", o.cancelReasonId());
            }
            if (o.cancelNote() != null) {
                reason.putObject("descriptor").put("short_desc", o.cancelNote());
            }
        }
        return c;
    }

    /**
     * What was delivered (kWh, or swaps), from the bill's energy or swap line (what it says was delivered, which may
     * be a little more than the booked quantity it bills): null while nothing was billed (before the end, or a cancel
     * before the start).
     */
    static BigDecimal delivered(Order o) {
        if (o.finalBill() == null) {
            return null;
        }
        for (JsonNode line : parse(o.finalBill())) {
            String code = line.at("/item/descriptor/code").asText();
            // allocated: what the meter read, when it read more than the booked quantity billed (selected)
            JsonNode v = line.at("/item/quantity/allocated/measure/value");
            if (!v.isTextual()) {
                v = line.at("/item/quantity/selected/measure/value");
            }
            if (("energy".equals(code) || "battery-swap".equals(code)) && v.isTextual()) {
                return new BigDecimal(v.asText());
            }
        }
        return null;
    }

    private String time(Instant t) {
        return RFC3339.format(t.atOffset(zone));
    }

    private String clock(Instant t) {
        return t.atOffset(zone).toLocalTime().toString();
    }

    /** The unit of what was ordered (kWh, or swaps), from the quoted item or its breakup line. */
    private static String unitOf(JsonNode quoted) {
        JsonNode unit = quoted.at("/items/0/quantity/selected/measure/unit");
        if (unit.isTextual()) {
            return unit.asText();
        }
        for (JsonNode line : quoted.path("quote").path("breakup")) {
            JsonNode u = line.at("/item/quantity/selected/measure/unit");
            if (u.isTextual()) {
                return u.asText();
            }
        }
        return null;
    }

    /** Reads stored JSON (a quoted order); an absent one is an empty object. */
    public static JsonNode parse(String json) {
        try {
            return json == null ? NODES.objectNode() : JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
