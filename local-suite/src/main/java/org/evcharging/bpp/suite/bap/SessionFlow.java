package org.evcharging.bpp.suite.bap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The half of the workflow after booking, as a BAP drives it (docs/charging-session.md): {@code update} to start and
 * stop charging (or a swap), {@code status} for progress, {@code cancel} with a reason. Each is a signed request and
 * its verified callback, a {@link BookingFlow.Step}. The static readers turn an order from {@code on_status},
 * {@code on_update} or {@code on_cancel} into the progress of a session and its final bill, for the {@code bap charge}
 * and {@code bap cancel} commands and the end-to-end tests.
 */
public final class SessionFlow {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    public static final String UPDATE_TARGET = "order.fulfillments[0].state";
    public static final String START_CHARGING = "start-charging";
    public static final String END_CHARGING = "end-charging";
    public static final String START_SWAP = "start-swap";
    public static final String END_SWAP = "end-swap";
    public static final String CHARGING_STARTED = "charging-started";
    public static final String CHARGING_ENDED = "charging-ended";
    public static final String SWAP_COMPLETED = "swap-completed";

    /** The BPP's cancellation reasons by id, with the text a BAP shows its user. */
    public static final Map<String, String> CANCELLATION_REASONS = reasons(
            "Plans changed, charging no longer needed",
            "Booked by mistake",
            "Found another charger",
            "Charger not working or not reachable on arrival",
            "Can't make it on time",
            "Vehicle problem",
            "Other");

    /**
     * A session as {@code fulfillments[0]} shows it: the state (code and name) and the {@code charging-progress} tags.
     * A number is null when its tag is absent (before the start, or {@code state-of-charge} when the charger does not
     * know it).
     */
    public record Progress(String status, String state, String stateName, BigDecimal energyKwh,
            BigDecimal percentCharged, BigDecimal stateOfCharge, Duration elapsed, Duration remaining,
            BigDecimal amountSoFar, String currency, Map<String, String> tags) {

        public boolean charging() {
            return CHARGING_STARTED.equals(state);
        }

        /** The session is over: ended by the BAP or the charger, completed, or cancelled. */
        public boolean ended() {
            return CHARGING_ENDED.equals(state) || SWAP_COMPLETED.equals(state) || "CANCELLED".equals(status)
                    || "COMPLETE".equals(status);
        }
    }

    /** One line of a quote's breakup: its title, {@code item.descriptor.code}, amount and quantity (e.g. "3.2 kWh"). */
    public record Line(String title, String code, BigDecimal amount, String currency, String quantity) {
    }

    /**
     * The bill an order carries once settled or cancelled: {@code quote.price}; the breakup's lines (a final bill's
     * lines, adding up to the price) apart from the {@code payment refund} line of a cancel (minus the money returned,
     * the price itself), that refund line; {@code payments[0]}'s {@code settlement} tags ({@code prepaid},
     * {@code final-amount}, {@code cancellation-fee}, {@code refund}, {@code refund-status}); and for a cancelled
     * order who cancelled ({@code CONSUMER} or {@code PROVIDER}) and why.
     */
    public record Bill(String orderId, String status, String state, BigDecimal price, String currency, List<Line> lines,
            Line refund, Map<String, String> settlement, String paymentStatus, String prepaid,
            String cancelledBy, String cancelReason) {

        /** The lines apart from the refund, added up (equals {@code price} for a final bill). */
        public BigDecimal linesTotal() {
            return lines.stream().map(Line::amount).filter(a -> a != null).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** A settlement figure ({@code prepaid}, {@code final-amount}, ...) as a number, or null when not told. */
        public BigDecimal settled(String code) {
            return decimal(settlement.get(code));
        }

        /** What is refunded, as a positive amount: the refund line's, else the settlement tag's; null if neither. */
        public BigDecimal refundAmount() {
            if (refund != null && refund.amount() != null) {
                return refund.amount().abs();
            }
            BigDecimal tagged = decimal(settlement.get("refund"));
            return tagged == null ? null : tagged.abs();
        }

        /** {@code PENDING} until payment-service confirms the refund, then {@code REFUNDED}; null when not told. */
        public String refundStatus() {
            return settlement.get("refund-status");
        }
    }

    private final BookingFlow steps;

    public SessionFlow(BapClient bap, Duration wait) {
        this.steps = new BookingFlow(bap, wait);
    }

    /**
     * The {@code update} message that moves {@code fulfillments[0].state} with {@code code}. A null order id, fulfillment
     * id or type is left out (without an order id the BPP acts on the transaction's latest order).
     */
    public static ObjectNode updateMessage(String orderId, String fulfillmentId, String fulfillmentType, String code) {
        ObjectNode message = JSON.objectNode();
        message.put("update_target", UPDATE_TARGET);
        ObjectNode order = message.putObject("order");
        if (orderId != null) {
            order.put("id", orderId);
        }
        ObjectNode f = order.putArray("fulfillments").addObject();
        if (fulfillmentId != null) {
            f.put("id", fulfillmentId);
        }
        if (fulfillmentType != null) {
            f.put("type", fulfillmentType);
        }
        f.putObject("state").putObject("descriptor").put("code", code);
        return message;
    }

    public static ObjectNode statusMessage(String orderId) {
        ObjectNode message = JSON.objectNode();
        message.put("order_id", orderId);
        return message;
    }

    /** A cancel with the reason's id and its text (the BPP's text for a known id when {@code shortDesc} is null). */
    public static ObjectNode cancelMessage(String orderId, String reasonId, String shortDesc) {
        ObjectNode message = JSON.objectNode();
        message.put("order_id", orderId);
        message.put("cancellation_reason_id", reasonId);
        String text = shortDesc != null ? shortDesc : CANCELLATION_REASONS.get(reasonId);
        if (text != null) {
            message.putObject("descriptor").put("short_desc", text);
        }
        return message;
    }

    /** Sends any {@code update} code for the order's fulfillment and waits for {@code on_update}. */
    public BookingFlow.Step update(String transactionId, String orderId, String fulfillmentId, String fulfillmentType,
            String code) throws IOException {
        return steps.step("update", transactionId, updateMessage(orderId, fulfillmentId, fulfillmentType, code));
    }

    /** {@code start-charging} at the booked connector. */
    public BookingFlow.Step startCharging(String transactionId, String orderId, String connector) throws IOException {
        return update(transactionId, orderId, connector, "CHARGING", START_CHARGING);
    }

    /** {@code end-charging}; the {@code on_update} carries the final bill. */
    public BookingFlow.Step endCharging(String transactionId, String orderId, String connector) throws IOException {
        return update(transactionId, orderId, connector, "CHARGING", END_CHARGING);
    }

    /** {@code start-swap} at the booked station ({@code swapType} {@code BATTERY-SWAP} or {@code MOBILE-BATTERY-SWAP}). */
    public BookingFlow.Step startSwap(String transactionId, String orderId, String station, String swapType)
            throws IOException {
        return update(transactionId, orderId, station, swapType, START_SWAP);
    }

    public BookingFlow.Step endSwap(String transactionId, String orderId, String station, String swapType)
            throws IOException {
        return update(transactionId, orderId, station, swapType, END_SWAP);
    }

    /** Starts the session of a confirmed order (from {@code on_confirm}): charging or a swap, as the order's type says. */
    public BookingFlow.Step start(String transactionId, JsonNode order) throws IOException {
        return update(transactionId, order.path("id").asText(null), order.at("/fulfillments/0/id").asText(null),
                order.at("/fulfillments/0/type").asText(null), swap(order) ? START_SWAP : START_CHARGING);
    }

    /** Ends the session of a confirmed order (from {@code on_confirm}). */
    public BookingFlow.Step end(String transactionId, JsonNode order) throws IOException {
        return update(transactionId, order.path("id").asText(null), order.at("/fulfillments/0/id").asText(null),
                order.at("/fulfillments/0/type").asText(null), swap(order) ? END_SWAP : END_CHARGING);
    }

    public BookingFlow.Step status(String transactionId, String orderId) throws IOException {
        return steps.step("status", transactionId, statusMessage(orderId));
    }

    /** {@code track} of an order: on_track's {@code message.tracking} has the live page's url and whether it is active. */
    public BookingFlow.Step track(String transactionId, String orderId) throws IOException {
        ObjectNode message = JSON.objectNode();
        message.put("order_id", orderId);
        return steps.step("track", transactionId, message);
    }

    /**
     * What a tracking page shows, from the JSON beside it ({@code <url>/state}): {@code state}, {@code ended},
     * {@code energy_kwh}, {@code soc_percent}, {@code cost_so_far}, {@code currency}, {@code updated_at}, and the
     * page's texts under {@code text}.
     */
    public static JsonNode trackingState(String url) throws IOException {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/state"))
                            .header("Accept", "application/json").timeout(Duration.ofSeconds(10)).GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("the tracking page's state answered HTTP " + r.statusCode() + ": " + r.body());
            }
            return new ObjectMapper().readTree(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the tracking page", e);
        }
    }

    /** Cancels with the reason's id and the BPP's text for it. */
    public BookingFlow.Step cancel(String transactionId, String orderId, String reasonId) throws IOException {
        return cancel(transactionId, orderId, reasonId, null);
    }

    public BookingFlow.Step cancel(String transactionId, String orderId, String reasonId, String shortDesc)
            throws IOException {
        return steps.step("cancel", transactionId, cancelMessage(orderId, reasonId, shortDesc));
    }

    private static boolean swap(JsonNode order) {
        return order.at("/fulfillments/0/type").asText("").contains("SWAP");
    }

    /** The session's progress as an order (the {@code message.order} of on_status or on_update) shows it. */
    public static Progress progress(JsonNode order) {
        JsonNode state = order.at("/fulfillments/0/state/descriptor");
        Map<String, String> tags = tagGroup(order.at("/fulfillments/0/tags"), "charging-progress");
        return new Progress(order.path("status").asText(null), state.path("code").asText(null),
                state.path("name").asText(null), decimal(tags.get("energy-delivered")),
                decimal(tags.get("percent-charged")), decimal(tags.get("state-of-charge")),
                duration(tags.get("time-elapsed")), duration(tags.get("time-remaining")),
                decimal(tags.get("amount-so-far")), order.at("/quote/price/currency").asText(null), tags);
    }

    /** The bill an order (of on_update {@code charging-ended}, on_status after the end, or on_cancel) carries. */
    public static Bill bill(JsonNode order) {
        String currency = order.at("/quote/price/currency").asText(null);
        List<Line> lines = new ArrayList<>();
        Line refund = null;
        for (JsonNode b : order.at("/quote/breakup")) {
            JsonNode item = b.path("item");
            String title = b.path("title").asText(item.at("/descriptor/name").asText(""));
            JsonNode measure = item.at("/quantity/selected/measure");
            String quantity = measure.isMissingNode() ? null
                    : (measure.path("value").asText("") + " " + measure.path("unit").asText("")).trim();
            Line line = new Line(title, item.at("/descriptor/code").asText(null),
                    decimal(b.at("/price/value").asText(null)),
                    b.at("/price/currency").asText(currency), quantity);
            if (refund == null && ("refund".equals(line.code()) || "payment refund".equalsIgnoreCase(title))) {
                refund = line;
            } else {
                lines.add(line);
            }
        }
        JsonNode payment = order.at("/payments/0");
        JsonNode cancellation = order.path("cancellation");
        return new Bill(order.path("id").asText(null), order.path("status").asText(null),
                order.at("/fulfillments/0/state/descriptor/code").asText(null),
                decimal(order.at("/quote/price/value").asText(null)), currency, List.copyOf(lines), refund,
                tagGroup(payment.path("tags"), "settlement"), payment.path("status").asText(null),
                payment.at("/params/amount").asText(null), cancellation.path("cancelled_by").asText(null),
                cancellation.at("/reason/descriptor/short_desc").asText(null));
    }

    /** The values of a tag group (found by its descriptor code), by each tag's code, in order; empty if absent. */
    public static Map<String, String> tagGroup(JsonNode groups, String code) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode group : groups) {
            if (code.equals(group.at("/descriptor/code").asText())) {
                for (JsonNode t : group.path("list")) {
                    String key = t.at("/descriptor/code").asText(null);
                    if (key != null && t.hasNonNull("value")) {
                        values.put(key, t.path("value").asText());
                    }
                }
            }
        }
        return Collections.unmodifiableMap(values);
    }

    /** The first number in a value ("3.250", "65%", "12.40 INR"), or null. */
    static BigDecimal decimal(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = NUMBER.matcher(value);
        return m.find() ? new BigDecimal(m.group()) : null;
    }

    private static Map<String, String> reasons(String... texts) {
        Map<String, String> byId = new LinkedHashMap<>();
        for (int i = 0; i < texts.length; i++) {
            byId.put(String.valueOf(i + 1), texts[i]);
        }
        return Collections.unmodifiableMap(byId);
    }

    private static Duration duration(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
