package org.evcharging.bpp.suite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.evcharging.bpp.core.validation.BecknSchemas;
import org.evcharging.bpp.suite.bap.BapCli;
import org.evcharging.bpp.suite.bap.BapClient;
import org.evcharging.bpp.suite.bap.BookingFlow;
import org.evcharging.bpp.suite.bap.FeedbackFlow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ratings and support on the running suite, through the ingress with a signing BAP: rating a booked order's charger
 * links a real feedback form whose comment the provider sees; a repeat replaces; bad ratings are refused with their
 * codes; ratings move the aggregates that search by minimum rating uses; support for a booked order gives that
 * provider's contacts and opens a ticket the provider can answer.
 */
class SupportRatingIT {

    private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final BookingFlow.Billing BILLING = new BookingFlow.Billing("Meera Iyer", "meera@example.com",
            "+91-9876500003");
    private static LocalSuite suite;
    private static BapClient bap;
    private static BookingFlow booking;
    private static FeedbackFlow feedback;

    @BeforeAll
    static void start() throws Exception {
        suite = SharedSuite.get();
        bap = BapClient.demo(suite, 0);
        booking = new BookingFlow(bap, WAIT);
        feedback = new FeedbackFlow(bap, WAIT);
    }

    @AfterAll
    static void stop() {
        if (bap != null) {
            bap.close();
        }
    }

    /** A paid, confirmed booking tomorrow at {@code hour} on Chargezone's Indiranagar AC charger. */
    private static BookingFlow.Booking booked(int hour) throws Exception {
        OffsetDateTime start = OffsetDateTime.now(IST).plusDays(1).truncatedTo(ChronoUnit.DAYS).withHour(hour);
        BookingFlow.Booking b = booking.book(new BookingFlow.Choice("chargezone.in", "pe-charging-01", "4", null,
                "cz-in-2-type2", start, start.plusMinutes(30), true, List.of(), null), BILLING);
        assertTrue(b.confirmed(), "booked: " + b);
        return b;
    }

    private static void strictlyValid(BookingFlow.Step step) {
        assertTrue(step.ok(), step.outcome());
        ObjectNode body = (ObjectNode) step.callback().body();
        assertTrue(BecknSchemas.shared().validateStrict(step.callback().action(), body).isEmpty(),
                () -> BecknSchemas.shared().validateStrict(step.callback().action(), body).toString());
    }

    private static JsonNode admin(String path, String token) throws Exception {
        return CatalogFixtures
                .json(CatalogFixtures.call(suite, "GET", "/support-rating/v1/admin/" + path, token, null));
    }

    @Test
    void rating_a_booked_charger_links_a_feedback_form_the_provider_reads_and_a_repeat_replaces_it() throws Exception {
        BookingFlow.Booking b = booked(20);
        String order = b.confirm().order().path("id").asText();
        BookingFlow.Step rated = feedback.rate(b.transactionId(), new FeedbackFlow.Rating(order, "charger", "5"));
        strictlyValid(rated);
        String form = FeedbackFlow.formUrl(rated.callback().body());
        assertNotNull(form, rated.outcome());
        assertTrue(form.startsWith(suite.ingressUrl() + "/support-rating/v1/feedback/"), form);

        String comment = "Quick charge, clean bay <b>5 stars</b>";
        FeedbackFlow.Form filled = feedback.comment(form, comment);
        assertEquals(200, filled.pageStatus(), filled.page());
        assertTrue(filled.page().contains("<form") && filled.page().contains("comment"),
                "a real form: " + filled.page());
        assertEquals(200, filled.submitStatus(), filled.answer());
        assertTrue(filled.answer().contains("&lt;b&gt;5 stars&lt;/b&gt;"),
                "what was said, escaped: " + filled.answer());

        JsonNode comments = admin("feedback?providerId=chargezone.in", suite.tokens().partner("chargezone.in"));
        assertTrue(comments.toString().contains("Quick charge, clean bay"), "the provider reads it: " + comments);
        assertEquals(403,
                CatalogFixtures.call(suite, "GET", "/support-rating/v1/admin/feedback?providerId=chargezone.in",
                        suite.tokens().partner("log9.in"), null).statusCode(),
                "another provider does not");

        strictlyValid(feedback.rate(b.transactionId(), new FeedbackFlow.Rating(order, "charger", "3")));
        JsonNode ratings = admin("ratings?providerId=chargezone.in", suite.tokens().operator());
        int mine = 0;
        for (JsonNode r : ratings.isArray() ? ratings : ratings.path("ratings")) {
            if (r.toString().contains(order)) {
                mine++;
                assertEquals("3", r.path("value").asText(), "the repeat replaced the first: " + r);
            }
        }
        assertEquals(1, mine, "one rating per BAP and order: " + ratings);
    }

    @Test
    void bad_ratings_are_refused_with_their_codes_and_paths() throws Exception {
        String txn = UUID.randomUUID().toString();
        BapClient.Sent tooHigh = bap.send("rating", txn,
                FeedbackFlow.ratingMessage(new FeedbackFlow.Rating("chargezone.in", "Provider", "7")));
        assertEquals(400, tooHigh.status(), tooHigh.body());
        assertEquals("30015", tooHigh.response().at("/error/code").asText());
        assertEquals("$.message.ratings[0].value", tooHigh.response().at("/error/paths").asText());

        BapClient.Sent agent = bap.send("rating", txn,
                FeedbackFlow.ratingMessage(new FeedbackFlow.Rating("chargezone.in", "Agent", "4")));
        assertEquals(400, agent.status(), agent.body());
        assertEquals("50003", agent.response().at("/error/code").asText());

        BookingFlow.Step unknown = feedback.rate(txn, new FeedbackFlow.Rating("no-such-charger", "charger", "4"));
        assertEquals("30014", unknown.error().path("code").asText(), unknown.outcome());
        assertEquals("$.message.ratings[0].id", unknown.error().path("paths").asText());
    }

    @Test
    void ratings_change_what_a_search_by_minimum_rating_returns() throws Exception {
        String txn = UUID.randomUUID().toString();
        strictlyValid(feedback.rate(txn, new FeedbackFlow.Rating("chargezone.in", "Provider", "5"),
                new FeedbackFlow.Rating("log9.in", "Provider", "1")));
        JsonNode catalog = await("chargezone.in (rated 5) found, log9.in (rated 1) dropped")
                .atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    ObjectNode search = BapCli.searchMessage("12.9716,77.5946", "10");
                    ((ObjectNode) search.path("intent")).putObject("provider").put("rating", "3.5");
                    BookingFlow.Step found = booking.step("search", UUID.randomUUID().toString(), search);
                    assertTrue(found.ok(), found.outcome());
                    return found.callback().body().at("/message/catalog");
                }, c -> providers(c).contains("chargezone.in") && !providers(c).contains("log9.in"));
        for (JsonNode p : catalog.path("providers")) {
            if ("chargezone.in".equals(p.path("id").asText())) {
                assertTrue(Double.parseDouble(p.path("rating").asText("0")) >= 3.5, p.path("rating").toString());
            }
        }
    }

    private static List<String> providers(JsonNode catalog) {
        List<String> ids = new java.util.ArrayList<>();
        catalog.path("providers").forEach(p -> ids.add(p.path("id").asText()));
        return ids;
    }

    @Test
    void support_for_a_booked_order_gives_its_providers_contacts_and_a_ticket_the_provider_answers() throws Exception {
        BookingFlow.Booking b = booked(21);
        String order = b.confirm().order().path("id").asText();
        // the workflow document writes phones with a dash: taken, as +91 98765 43210
        BookingFlow.Step help = feedback.support(b.transactionId(), order, "+91-98765-43210", "meera@example.com");
        strictlyValid(help);
        JsonNode support = help.callback().body().at("/message/support");
        assertEquals("+91 80 4000 1000", support.path("phone").asText(), support.toString());
        assertEquals("customer.care@chargezone.com", support.path("email").asText());
        assertEquals("https://www.chargezone.com/helpdesk", support.path("url").asText());
        assertEquals(order, support.path("order_id").asText());
        String ticket = support.path("ticket_ref").asText();
        assertTrue(ticket.startsWith("SUP-"), support.toString());
        assertEquals(ticket, support.path("ref_id").asText(), "no ref_id was sent: the ticket");

        JsonNode tickets = admin("tickets?providerId=chargezone.in", suite.tokens().partner("chargezone.in"));
        assertTrue(tickets.toString().contains(ticket), tickets.toString());
        assertTrue(tickets.toString().contains("+91 98765 43210"), "the provider can call the user back: " + tickets);

        com.fasterxml.jackson.databind.node.ObjectNode byRef = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode();
        byRef.putObject("support").put("ref_id", order).put("callback_phone", "(+91) 80 4000-2000");
        BookingFlow.Step again = booking.step("support", b.transactionId(), byRef);
        strictlyValid(again);
        assertEquals(order, again.callback().body().at("/message/support/ref_id").asText(),
                "the BAP's ref_id, as sent");
        assertEquals(ticket, again.callback().body().at("/message/support/ticket_ref").asText(),
                "the same subject while its ticket is open: the same ticket");
        var answered = CatalogFixtures.call(suite, "POST", "/support-rating/v1/admin/tickets/" + ticket + "/answer",
                suite.tokens().partner("chargezone.in"), "{\"answer\":\"Called back; the charger was reset.\"}");
        assertEquals(200, answered.statusCode(), answered.body());
        assertEquals("ANSWERED", admin("tickets/" + ticket, suite.tokens().operator()).path("status").asText());

        BookingFlow.Step unknown = feedback.support(b.transactionId(), "no-such-order", null, null);
        assertEquals("30010", unknown.error().path("code").asText(), unknown.outcome());
        assertEquals("$.message.support.order_id", unknown.error().path("paths").asText());
    }

    @Test
    void a_service_takes_a_renewed_token_file_without_a_restart() throws Exception {
        BookingFlow.Booking b = booked(22);
        String order = b.confirm().order().path("id").asText();
        // support-rating asks order-service for the order with its token file for order-service: replaced by one
        // minted for another service, the lookup is refused (401) and no provider contacts can be given
        java.nio.file.Path file = suite.workDir().resolve("service-tokens/support-rating/order");
        String good = java.nio.file.Files.readString(file);
        replace(file, suite.tokens().service("support-rating-service", "catalog", List.of("service"),
                java.time.Duration.ofMinutes(30)));
        try {
            // the services recheck a token file every few seconds
            await("the replaced file read: the lookup refused").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> feedback.support(b.transactionId(), order, null, null), s -> !withProviderPhone(s));
        } finally {
            replace(file, good);
        }
        strictlyValid(await("the renewed file read by the running service").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> feedback.support(b.transactionId(), order, null, null),
                        SupportRatingIT::withProviderPhone));
        // The refused lookups (each tried three times) count against order-service's circuit breaker in
        // support-rating, which the success above may have opened: once its 5 s are over, a call closes it again.
        strictlyValid(await("order-service's circuit breaker closed again").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> feedback.support(b.transactionId(), order, null, null),
                        SupportRatingIT::withProviderPhone));
    }

    /** Whether on_support gives the provider's own phone: order-service answered support-rating's lookup. */
    private static boolean withProviderPhone(BookingFlow.Step support) {
        return support.ok()
                && "+91 80 4000 1000".equals(support.callback().body().at("/message/support/phone").asText());
    }

    private static void replace(java.nio.file.Path file, String token) throws java.io.IOException {
        java.nio.file.Path tmp = java.nio.file.Files.writeString(file.resolveSibling("." + file.getFileName() + ".it"),
                token);
        java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
    }
}
