package org.evcharging.bpp.core.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one documented place where inbound messages are forgiven. The DENT EV-charging workflow document's
 * own examples bend the Beckn core 1.1.0 schema in five known ways; real BAPs copy those examples, so each
 * bend is rewritten here into its canonical 1.1.0 form <em>before</em> strict validation, and handlers only
 * ever see the canonical form. Nothing we send goes through here: outbound messages validate strictly.
 *
 * <ol>
 *   <li>{@code context.city} as a string at the top of the context becomes {@code context.location.city.code}.</li>
 *   <li>{@code rating_category} outside the enum: matched case-insensitively ({@code order} becomes
 *       {@code Order}); {@code charger} becomes {@code Fulfillment} (a charging session at a charger is the
 *       fulfillment being rated).</li>
 *   <li>{@code cancel} with {@code order_id}, {@code cancellation_reason_id} and {@code descriptor} nested under
 *       {@code message.order} moves them up to {@code message} where the schema has them.</li>
 *   <li>Times as {@code dd-MM-yyyy HH:mm:ss} (stops, time ranges) become RFC 3339 date-times in the configured
 *       zone offset (India Standard Time, +05:30, by default: the DENT network's home).</li>
 *   <li>String (or bare number) quantities such as {@code "available": "1000"} become
 *       {@code {"count": 1000}}, or {@code {"measure": {"value": "4.5"}}} when not a whole number.</li>
 *   <li>Phone numbers ({@code phone}, {@code callback_phone}) written as people write them, {@code +91-98765-22222},
 *       {@code (+91) 80 4000.1000} or {@code 0091 9876522222}, become core's international form, digit groups after
 *       {@code +} separated by single spaces ({@code +91 98765 22222}). A number without its country code is left as
 *       it is (the schema names it at fault): which country it is in cannot be guessed.</li>
 * </ol>
 */
public final class WorkflowLeniency {

    private static final Pattern LOCAL_TIME = Pattern.compile("^\\d{2}-\\d{2}-\\d{4} \\d{2}:\\d{2}:\\d{2}$");
    private static final DateTimeFormatter LOCAL_TIME_FORMAT = DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm:ss",
            Locale.ROOT);
    private static final Set<String> TIME_FIELDS = Set.of("timestamp", "start", "end");
    private static final Set<String> PHONE_FIELDS = Set.of("phone", "callback_phone");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s./-]+");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Set<String> QUANTITY_FIELDS = Set.of("allocated", "available", "maximum", "minimum",
            "selected", "unitized");
    private static final List<String> RATING_CATEGORIES = List.of("Item", "Order", "Fulfillment", "Provider", "Agent",
            "Support");
    private static final Map<String, String> RATING_SYNONYMS = Map.of("charger", "Fulfillment");

    private final ZoneOffset localOffset;

    public WorkflowLeniency(ZoneOffset localOffset) {
        this.localOffset = localOffset;
    }

    public static WorkflowLeniency india() {
        return new WorkflowLeniency(ZoneOffset.ofHoursMinutes(5, 30));
    }

    /** Rewrites {@code body} (in place) into canonical Beckn 1.1.0 form; returns it for chaining. */
    public JsonNode normalize(String action, JsonNode body) {
        if (!(body instanceof ObjectNode root)) {
            return body;
        }
        if (root.get("context") instanceof ObjectNode context) {
            cityAtTopOfContext(context);
        }
        if (root.get("message") instanceof ObjectNode message) {
            if ("cancel".equals(action)) {
                cancelFieldsUnderOrder(message);
            }
            if ("rating".equals(action)) {
                ratingCategories(message);
            }
            walk(message);
        }
        return root;
    }

    private static void cityAtTopOfContext(ObjectNode context) {
        JsonNode city = context.get("city");
        if (city == null || !city.isTextual()) {
            return;
        }
        context.remove("city");
        ObjectNode location = context.get("location") instanceof ObjectNode l ? l : context.putObject("location");
        if (!location.has("city")) {
            location.putObject("city").put("code", city.asText());
        }
    }

    private static void cancelFieldsUnderOrder(ObjectNode message) {
        if (!(message.get("order") instanceof ObjectNode order) || message.has("order_id")) {
            return;
        }
        JsonNode id = order.has("order_id") ? order.get("order_id") : order.get("id");
        if (id == null) {
            return;
        }
        message.set("order_id", id);
        for (String f : List.of("cancellation_reason_id", "descriptor")) {
            if (order.has(f) && !message.has(f)) {
                message.set(f, order.get(f));
            }
        }
        message.remove("order");
    }

    private static void ratingCategories(ObjectNode message) {
        for (JsonNode rating : message.path("ratings")) {
            if (rating instanceof ObjectNode r && r.get("rating_category") != null
                    && r.get("rating_category").isTextual()) {
                String given = r.get("rating_category").asText();
                String canonical = RATING_SYNONYMS.get(given.toLowerCase(Locale.ROOT));
                for (String c : RATING_CATEGORIES) {
                    if (c.equalsIgnoreCase(given)) {
                        canonical = c;
                    }
                }
                if (canonical != null) {
                    r.put("rating_category", canonical);
                }
            }
        }
    }

    private void walk(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            Iterator<Map.Entry<String, JsonNode>> fields = obj.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                JsonNode v = f.getValue();
                if (v.isTextual() && TIME_FIELDS.contains(f.getKey()) && LOCAL_TIME.matcher(v.asText()).matches()) {
                    f.setValue(JsonNodeFactory.instance.textNode(isoTime(v.asText())));
                } else if (v.isTextual() && PHONE_FIELDS.contains(f.getKey())) {
                    f.setValue(JsonNodeFactory.instance.textNode(phone(v.asText())));
                } else if ("quantity".equals(f.getKey()) && v instanceof ObjectNode quantity) {
                    scalarQuantities(quantity);
                    walk(v);
                } else {
                    walk(v);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(this::walk);
        }
    }

    /** {@code +91-98765 22222} as {@code +91 98765 22222}; anything that is not an international number, unchanged. */
    static String phone(String written) {
        String s = written.replace('(', ' ').replace(')', ' ').trim();
        if (s.startsWith("00") && s.length() > 2 && Character.isDigit(s.charAt(2))) {
            s = "+" + s.substring(2);
        }
        if (!s.startsWith("+")) {
            return written;
        }
        String[] groups = PHONE_SEPARATORS.split(s.substring(1).trim());
        int digits = 0;
        for (String g : groups) {
            if (!DIGITS.matcher(g).matches()) {
                return written;
            }
            digits += g.length();
        }
        return digits >= 7 && digits <= 15 ? "+" + String.join(" ", groups) : written;
    }

    private String isoTime(String local) {
        try {
            return LocalDateTime.parse(local, LOCAL_TIME_FORMAT).atOffset(localOffset)
                    .format(org.evcharging.bpp.core.model.BecknValues.RFC3339);
        } catch (DateTimeParseException e) {
            return local;
        }
    }

    private static void scalarQuantities(ObjectNode quantity) {
        for (String f : QUANTITY_FIELDS) {
            JsonNode v = quantity.get(f);
            if (v != null && (v.isTextual() || v.isNumber())) {
                String s = v.asText().trim();
                ObjectNode canonical = JsonNodeFactory.instance.objectNode();
                if (s.matches("\\d{1,18}")) {
                    canonical.put("count", Long.parseLong(s));
                } else {
                    canonical.putObject("measure").put("value", s);
                }
                quantity.set(f, canonical);
            }
        }
    }
}
