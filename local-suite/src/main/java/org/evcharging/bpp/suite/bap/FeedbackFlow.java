package org.evcharging.bpp.suite.bap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * After the session, as a BAP and its user go through it: {@code rating} (one or more ratings; on_rating links a
 * feedback form, which the user may fill in as a browser would: GET the page, POST its form) and {@code support}
 * (on_support: whom to call, and the ticket opened). The {@code bap rate} and {@code bap support} commands and the
 * end-to-end tests drive it.
 */
public final class FeedbackFlow {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** One rating: what is rated ({@code id}), as what ({@code category}: Order, Provider, Item, Fulfillment, charger...). */
    public record Rating(String id, String category, String value) {
    }

    /** The feedback form page as a browser saw it, and the answer to submitting it. */
    public record Form(int pageStatus, String page, int submitStatus, String answer) {

        /** The heading of the page that answered Send ("Thank you", "How was it?" with a notice...). */
        public String heading() {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<h1>([^<]*)</h1>")
                    .matcher(answer == null ? "" : answer);
            return m.find() ? m.group(1) : "";
        }

        /** The answer says the comment was saved: the thank-you page. */
        public boolean saved() {
            return submitStatus == 200 && "Thank you".equals(heading()) && answer.contains("Your feedback was saved");
        }
    }

    private final BookingFlow steps;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    public FeedbackFlow(BapClient bap, Duration wait) {
        this.steps = new BookingFlow(bap, wait);
    }

    public static ObjectNode ratingMessage(Rating... ratings) {
        ObjectNode message = JSON.objectNode();
        for (Rating r : ratings) {
            message.withArray("ratings").addObject().put("id", r.id()).put("rating_category", r.category()).put("value",
                    r.value());
        }
        return message;
    }

    /** {@code support} for an order, with how the user wants to be reached (either may be null). */
    public static ObjectNode supportMessage(String orderId, String phone, String email) {
        ObjectNode message = JSON.objectNode();
        ObjectNode support = message.putObject("support").put("order_id", orderId);
        if (phone != null) {
            support.put("phone", phone);
        }
        if (email != null) {
            support.put("email", email);
        }
        return message;
    }

    public BookingFlow.Step rate(String transactionId, Rating... ratings) throws IOException {
        return steps.step("rating", transactionId, ratingMessage(ratings));
    }

    public BookingFlow.Step support(String transactionId, String orderId, String phone, String email)
            throws IOException {
        return steps.step("support", transactionId, supportMessage(orderId, phone, email));
    }

    /** The feedback form's address in an on_rating ({@code feedback_form.xinput.form.url}), or null. */
    public static String formUrl(JsonNode onRating) {
        JsonNode url = onRating.at("/message/feedback_form/xinput/form/url");
        return url.isTextual() ? url.asText() : null;
    }

    /** Opens the feedback form and submits {@code comment} in its {@code comment} field, as a browser would. */
    public Form comment(String url, String comment) throws IOException {
        try {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            String form = "comment=" + URLEncoder.encode(comment, StandardCharsets.UTF_8);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            return new Form(page.statusCode(), page.body(), answer.statusCode(), answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
