package org.evcharging.bpp.suite.bap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.evcharging.bpp.core.model.BecknValues;

/**
 * The booking half of the workflow as a BAP and its user go through it: select (a quote for a charger and slot),
 * init (billing; the draft order with its payment link), paying on the link's page as a browser would (GET the
 * page, POST its form), confirm. Each step is a signed request through the ingress and a verified callback. The
 * {@code bap book} command, the end-to-end tests and the booking benchmark all drive it.
 */
public final class BookingFlow {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** What to book: an item of a provider, how much, at which charger (or swap station) and slot. */
    public record Choice(String provider, String item, String kwh, Integer swaps, String fulfillment,
            OffsetDateTime slotStart, OffsetDateTime slotEnd, boolean block, List<String> addOns,
            String vehicleCategory) {

        public Choice withSlot(OffsetDateTime start, OffsetDateTime end) {
            return new Choice(provider, item, kwh, swaps, fulfillment, start, end, block, addOns, vehicleCategory);
        }
    }

    /** Who pays. */
    public record Billing(String name, String email, String phone) {
    }

    /** One request and its callback, timed from the POST to the verified callback. */
    public record Step(String action, BapClient.Sent sent, BapClient.Callback callback, long millis, String missing) {

        public JsonNode order() {
            return callback == null ? JSON.missingNode() : callback.body().at("/message/order");
        }

        public JsonNode error() {
            return callback == null ? JSON.missingNode() : callback.body().path("error");
        }

        /** What the BAP got back, for failure messages: the callback, or why there is none. */
        public String outcome() {
            return callback != null ? callback.body().toString() : missing != null ? missing : "NACK " + sent.body();
        }

        public boolean ok() {
            return sent.acked() && callback != null && callback.verified()
                    && (error().isMissingNode() || error().isNull());
        }
    }

    /**
     * The payment page as a browser saw it: the page, then the answer to paying (or declining) on it. The page
     * answers 200 whatever happened (paid, declined, already paid, expired, cancelled): what it says is what counts.
     */
    public record Payment(int pageStatus, String page, int resultStatus, String result, long millis) {

        private static final java.util.regex.Pattern HEADING = java.util.regex.Pattern.compile("<h1>([^<]*)</h1>");
        private static final java.util.regex.Pattern STATUS = java.util.regex.Pattern
                .compile("<dt>Status</dt><dd>([^<]*)</dd>");

        /** The heading of the page that answered the button ("Paid", "Payment declined", ...), or "". */
        public String heading() {
            java.util.regex.Matcher m = HEADING.matcher(result == null ? "" : result);
            return m.find() ? unescape(m.group(1)) : "";
        }

        /** The link's status as the answer shows it ("PAID", "FAILED", ...), or "". */
        public String status() {
            java.util.regex.Matcher m = STATUS.matcher(result == null ? "" : result);
            return m.find() ? unescape(m.group(1)) : "";
        }

        /** The answer to the button says the link is paid: a receipt. */
        public boolean paid() {
            return resultStatus == 200 && "Paid".equals(heading()) && "PAID".equals(status());
        }

        private static String unescape(String html) {
            return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&amp;", "&");
        }
    }

    private final BapClient bap;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final Duration wait;
    /** Per transaction, the order its latest on_init showed: what the user agreed to, sent back in confirm. */
    private final java.util.Map<String, JsonNode> initiated = new java.util.concurrent.ConcurrentHashMap<>();

    public BookingFlow(BapClient bap, Duration wait) {
        this.bap = bap;
        this.wait = wait;
    }

    public static ObjectNode selectMessage(Choice c) {
        ObjectNode message = JSON.objectNode();
        ObjectNode order = message.putObject("order");
        order.putObject("provider").put("id", c.provider());
        ObjectNode it = order.putArray("items").addObject();
        it.put("id", c.item());
        if (c.swaps() != null) {
            it.putObject("quantity").putObject("selected").put("count", c.swaps());
        } else {
            it.putObject("quantity").putObject("selected").putObject("measure").put("value", c.kwh()).put("unit",
                    "kWh");
        }
        if (c.addOns() != null && !c.addOns().isEmpty()) {
            ArrayNode addOns = it.putArray("add_ons");
            c.addOns().forEach(a -> addOns.addObject().put("id", a));
        }
        if (c.fulfillment() != null || c.slotStart() != null || c.vehicleCategory() != null) {
            ObjectNode f = order.putArray("fulfillments").addObject();
            if (c.fulfillment() != null) {
                f.put("id", c.fulfillment());
            }
            if (c.vehicleCategory() != null) {
                f.putObject("vehicle").put("category", c.vehicleCategory()); // quoted with the vehicle's offers
            }
            if (c.slotStart() != null) {
                ArrayNode stops = f.putArray("stops");
                stops.addObject().put("type", "start").putObject("time").put("timestamp",
                        BecknValues.RFC3339.format(c.slotStart()));
                stops.addObject().put("type", "end").putObject("time").put("timestamp",
                        BecknValues.RFC3339.format(c.slotEnd()));
                ObjectNode block = f.putArray("tags").addObject().putArray("list").addObject();
                block.putObject("descriptor").put("code", "block");
                block.put("value", c.block() ? "Y" : "N");
            }
        }
        return message;
    }

    public static ObjectNode initMessage(Choice c, Billing b) {
        ObjectNode message = JSON.objectNode();
        ObjectNode order = message.putObject("order");
        order.putObject("provider").put("id", c.provider());
        order.putArray("items").addObject().put("id", c.item());
        ObjectNode billing = order.putObject("billing").put("name", b.name());
        if (b.email() != null) {
            billing.put("email", b.email());
        }
        if (b.phone() != null) {
            billing.put("phone", b.phone());
        }
        ObjectNode f = order.putArray("fulfillments").addObject();
        if (c.fulfillment() != null) {
            f.put("id", c.fulfillment());
        }
        ObjectNode customer = f.putObject("customer");
        customer.putObject("person").put("name", b.name());
        if (b.phone() != null) {
            customer.putObject("contact").put("phone", b.phone());
        }
        if (c.vehicleCategory() != null) {
            f.putObject("vehicle").put("category", c.vehicleCategory());
        }
        return message;
    }

    public static ObjectNode confirmMessage(Choice c, String orderId) {
        return confirmMessage(c, orderId, null);
    }

    /**
     * The confirm of a booking, with what on_init showed the user (its {@code onInit} order; null: none): the quote
     * and the payment's amount, as the workflow document's confirm has them, so that the BPP can hold the price the
     * user agreed to against the order's.
     */
    public static ObjectNode confirmMessage(Choice c, String orderId, JsonNode onInit) {
        ObjectNode message = JSON.objectNode();
        ObjectNode order = message.putObject("order");
        if (orderId != null) {
            order.put("id", orderId);
        }
        order.putObject("provider").put("id", c.provider());
        order.putArray("items").addObject().put("id", c.item());
        if (onInit != null && onInit.path("quote").isObject()) {
            JsonNode paid = onInit.path("payments").path(0);
            if (paid.isObject()) {
                ObjectNode payment = order.putArray("payments").addObject();
                for (String field : List.of("id", "type", "collected_by")) {
                    if (paid.path(field).isTextual()) {
                        payment.put(field, paid.path(field).asText());
                    }
                }
                payment.put("status", "PAID"); // what the user believes; the BPP asks its ledger
                payment.set("params", paid.path("params").deepCopy());
            }
            order.set("quote", onInit.path("quote").deepCopy());
        }
        return message;
    }

    public Step select(String transactionId, Choice c) throws IOException {
        return step("select", transactionId, selectMessage(c));
    }

    public Step init(String transactionId, Choice c, Billing b) throws IOException {
        Step init = step("init", transactionId, initMessage(c, b));
        if (init.ok()) {
            initiated.put(transactionId, init.order());
        }
        return init;
    }

    /** Confirms with the quote and amount the transaction's on_init (through this flow) showed, as a BAP does. */
    public Step confirm(String transactionId, Choice c, String orderId) throws IOException {
        return step("confirm", transactionId, confirmMessage(c, orderId, initiated.get(transactionId)));
    }

    /** Forgets what this flow keeps of a finished transaction (a long-running driver would keep every on_init). */
    public void forget(String transactionId) {
        initiated.remove(transactionId);
    }

    /** Sends one action in the transaction and waits for its verified callback. */
    public Step step(String action, String transactionId, ObjectNode message) throws IOException {
        long t0 = System.nanoTime();
        BapClient.Sent sent = bap.send(action, transactionId, message);
        BapClient.Callback cb = null;
        String missing = null;
        if (sent.acked()) {
            try {
                cb = bap.awaitCallback(sent.messageId(), "on_" + action, wait);
            } catch (AssertionError none) {
                missing = "no on_" + action + " for message " + sent.messageId() + " within " + wait.toSeconds() + " s";
            }
        }
        return new Step(action, sent, cb, (System.nanoTime() - t0) / 1_000_000, missing);
    }

    /** Opens the payment link as a browser would and pays (or declines) on the page. */
    public Payment pay(String url, boolean approve) throws IOException {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> result = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                    .POST(HttpRequest.BodyPublishers.ofString("outcome=" + (approve ? "pay" : "decline"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Payment(page.statusCode(), page.body(), result.statusCode(), result.body(),
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while paying", e);
        }
    }

    /** The whole booking: select, init, pay on the link, confirm. Stops at the first step that fails. */
    public record Booking(String transactionId, Step select, Step init, Payment payment, Step confirm) {

        public boolean confirmed() {
            return confirm != null && confirm.ok() && "ACTIVE".equals(confirm.order().path("status").asText());
        }
    }

    public Booking book(Choice c, Billing b) throws IOException {
        String txn = UUID.randomUUID().toString();
        Step select = select(txn, c);
        if (!select.ok()) {
            return new Booking(txn, select, null, null, null);
        }
        Step init = init(txn, c, b);
        if (!init.ok()) {
            return new Booking(txn, select, init, null, null);
        }
        String url = init.order().at("/payments/0/url").asText();
        Payment payment = pay(url, true);
        if (!payment.paid()) {
            return new Booking(txn, select, init, payment, null);
        }
        Step confirm = confirm(txn, c, null);
        return new Booking(txn, select, init, payment, confirm);
    }
}
