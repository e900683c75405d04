package org.evcharging.bpp.quote.application;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;

/**
 * What a {@code select} asks for, from {@code message.order}: the provider, the first item with its selected quantity
 * and add-ons, and optionally the fulfillment (a connector or swap station from the catalog) with a time slot
 * (stops of type {@code start} and {@code end}) and the vehicle. A slot means blocking the charger for it, unless the
 * fulfillment carries a tag {@code block} = {@code N}/{@code false}. What the BAP vouches for about its user, for
 * discounts, comes as tags of the order: {@code subscription} (a plan name) and {@code first-time-user} (Y/N).
 * Without a fulfillment id, fulfillment tags {@code charger-type} and {@code connector-type} let the provider pick an
 * available connector that fits, and {@code battery-type} a swap station that swaps that battery.
 */
public record SelectRequest(String providerId, String itemId, BigDecimal quantity, List<String> addOnIds,
        String fulfillmentId, OffsetDateTime slotStart, OffsetDateTime slotEnd, boolean block,
        String vehicleType, String subscription, boolean firstTimeUser, String chargerType,
        String connectorType, String batteryType) {

    public static final String ORDER = "$.message.order";

    public static SelectRequest from(JsonNode message) {
        JsonNode order = message.path("order");
        String provider = text(order.path("provider").path("id"));
        if (provider == null) {
            throw invalid(ORDER + ".provider.id", "select names the provider");
        }
        if (order.path("items").size() > 1) {
            throw invalid(ORDER + ".items", "one item per select: quote each item in its own select");
        }
        JsonNode item = order.path("items").path(0);
        String itemId = text(item.path("id"));
        if (itemId == null) {
            throw invalid(ORDER + ".items[0].id", "select names an item");
        }
        JsonNode selected = item.path("quantity").path("selected");
        String q = selected.has("measure") ? text(selected.path("measure").path("value"))
                : selected.has("count") ? selected.get("count").asText() : null;
        if (q == null) {
            throw invalid(ORDER + ".items[0].quantity.selected", "select gives the quantity: kWh of energy, or swaps");
        }
        BigDecimal quantity;
        try {
            quantity = new BigDecimal(q.trim());
        } catch (NumberFormatException e) {
            throw invalid(ORDER + ".items[0].quantity.selected", "the quantity is a number");
        }
        if (quantity.signum() <= 0) {
            throw invalid(ORDER + ".items[0].quantity.selected", "the quantity is more than zero");
        }
        if (quantity.scale() > 3 || quantity.precision() - quantity.scale() > 8) {
            throw invalid(ORDER + ".items[0].quantity.selected", "the quantity has at most 8 digits and 3 decimals");
        }
        String unit = text(selected.path("measure").path("unit"));
        if (unit != null && unit.equalsIgnoreCase("wh")) {
            quantity = quantity.movePointLeft(3); // Wh to kWh
        } else if (unit != null && !unit.equalsIgnoreCase("kwh") && !unit.toLowerCase(Locale.ROOT).startsWith("swap")) {
            throw invalid(ORDER + ".items[0].quantity.selected.measure.unit", "energy is in kWh or Wh");
        }
        List<String> addOns = new ArrayList<>();
        item.path("add_ons").forEach(a -> {
            String id = text(a.path("id"));
            if (id != null && !addOns.contains(id)) {
                addOns.add(id);
            }
        });
        JsonNode f = order.path("fulfillments").path(0);
        String fulfillmentId = text(f.path("id"));
        OffsetDateTime start = null;
        OffsetDateTime end = null;
        JsonNode stops = f.path("stops");
        for (int i = 0; i < stops.size(); i++) {
            String type = text(stops.get(i).path("type"));
            String ts = text(stops.get(i).path("time").path("timestamp"));
            if (ts == null || type == null) {
                continue;
            }
            String path = ORDER + ".fulfillments[0].stops[" + i + "].time.timestamp";
            try {
                if ("start".equalsIgnoreCase(type)) {
                    start = OffsetDateTime.parse(ts);
                } else if ("end".equalsIgnoreCase(type)) {
                    end = OffsetDateTime.parse(ts);
                }
            } catch (DateTimeParseException e) {
                throw invalid(path, "a time is an RFC 3339 date-time (or dd-MM-yyyy HH:mm:ss)");
            }
        }
        if ((start == null) != (end == null)) {
            throw invalid(ORDER + ".fulfillments[0].stops", "a slot has a start and an end");
        }
        if (start != null && !end.isAfter(start)) {
            throw invalid(ORDER + ".fulfillments[0].stops", "a slot ends after it starts");
        }
        boolean block = start != null;
        String chargerType = null;
        String connectorType = null;
        String batteryType = null;
        JsonNode groups = f.path("tags");
        for (JsonNode g : groups) {
            for (JsonNode t : g.path("list")) {
                String code = String.valueOf(text(t.path("descriptor").path("code"))).toLowerCase(Locale.ROOT);
                String v = text(t.path("value"));
                if ("block".equals(code)) {
                    String b = String.valueOf(v).toLowerCase(Locale.ROOT);
                    block = block && !(b.equals("n") || b.equals("no") || b.equals("false"));
                } else if ("charger-type".equals(code) && v != null && v.matches("(?i)AC|DC")) {
                    chargerType = v.toUpperCase(Locale.ROOT);
                } else if ("connector-type".equals(code) && v != null && v.matches("[A-Za-z0-9_]{2,10}")) {
                    connectorType = v;
                } else if ("battery-type".equals(code) && v != null && v.length() <= 40) {
                    batteryType = v;
                }
            }
        }
        String subscription = null;
        boolean firstTime = false;
        for (JsonNode g : order.path("tags")) {
            for (JsonNode t : g.path("list")) {
                String code = String.valueOf(text(t.path("descriptor").path("code"))).toLowerCase(Locale.ROOT);
                String v = text(t.path("value"));
                if ("subscription".equals(code)) {
                    subscription = v;
                } else if ("first-time-user".equals(code) && v != null) {
                    firstTime = v.equalsIgnoreCase("y") || v.equalsIgnoreCase("yes") || v.equalsIgnoreCase("true");
                }
            }
        }
        return new SelectRequest(provider, itemId, quantity, List.copyOf(addOns), fulfillmentId, start, end, block,
                text(f.path("vehicle").path("category")), subscription, firstTime, chargerType, connectorType,
                batteryType);
    }

    private static BecknException invalid(String path, String message) {
        return new BecknException(ErrorCode.INVALID_REQUEST, path, message);
    }

    private static String text(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() || n.isContainerNode() || n.asText().isBlank() ? null
                : n.asText();
    }
}
