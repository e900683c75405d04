package org.evcharging.bpp.support.beckn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.evcharging.bpp.core.model.BecknError;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.outbound.CallbackBuilder;
import org.evcharging.bpp.core.validation.BecknSchemas;
import org.evcharging.bpp.core.validation.WorkflowLeniency;
import org.junit.jupiter.api.Test;
import org.evcharging.bpp.support.application.support.SupportContacts;

/** What on_rating and on_support carry validates strictly, in core's shape and the document's. */
class AnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final CallbackBuilder builder = new CallbackBuilder("bpp.us", "https://bpp.us/beckn",
            Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));

    private static JsonNode context(String example, String action) throws Exception {
        JsonNode body = JSON.readTree(Path.of("src/test/resources/workflow-examples/" + example).toFile());
        return WorkflowLeniency.india().normalize(action, body).get("context");
    }

    @Test
    void on_rating_links_the_form_both_ways() throws Exception {
        String url = "http://localhost:8080/support-rating/v1/feedback/" + "a".repeat(43);
        ObjectNode body = builder.build(context("22-rating.json", "rating"), "on_rating", SupportMessages.onRating(url),
                null, false);
        assertEquals(List.of(), BecknSchemas.shared().validateStrict("on_rating", body));
        assertEquals(url, body.at("/message/feedback_form/form/url").asText());
        assertEquals("text/html", body.at("/message/feedback_form/form/mime_type").asText());
        assertFalse(body.at("/message/feedback_form/required").asBoolean(true));
        assertEquals(url, body.at("/message/feedback_form/xinput/form/url").asText());
    }

    @Test
    void on_support_gives_the_ticket_the_order_and_the_contacts() throws Exception {
        ObjectNode message = SupportMessages.onSupport("SUP-7K3MZQ", null, "6743e9e2-4fb5-487c-92b7",
                SupportContacts.of("1800 1080", "customer.care@chargezone.com", "https://www.chargezone.com/helpdesk"));
        ObjectNode body = builder.build(context("24-support.json", "support"), "on_support", message, null, false);
        assertEquals(List.of(), BecknSchemas.shared().validateStrict("on_support", body));
        assertEquals("SUP-7K3MZQ", body.at("/message/support/ref_id").asText(), "no ref_id asked: the ticket");
        assertEquals("SUP-7K3MZQ", body.at("/message/support/ticket_ref").asText());
        assertEquals("6743e9e2-4fb5-487c-92b7", body.at("/message/support/order_id").asText());
        assertEquals("+91 1800 1080", body.at("/message/support/phone").asText(),
                "the document's national number, made international");
        assertEquals("customer.care@chargezone.com", body.at("/message/support/email").asText());
        assertEquals("https://www.chargezone.com/helpdesk", body.at("/message/support/url").asText());
    }

    @Test
    void the_bap_s_own_ref_id_comes_back_as_sent_beside_the_ticket() throws Exception {
        ObjectNode message = SupportMessages.onSupport("SUP-7K3MZQ", "chargezone.in", null,
                SupportContacts.of("+91 80 4000 1000", null, null));
        ObjectNode body = builder.build(context("24-support.json", "support"), "on_support", message, null, false);
        assertEquals(List.of(), BecknSchemas.shared().validateStrict("on_support", body));
        assertEquals("chargezone.in", body.at("/message/support/ref_id").asText());
        assertEquals("SUP-7K3MZQ", body.at("/message/support/ticket_ref").asText());
    }

    @Test
    void a_contact_the_schema_refuses_is_left_out_not_the_answer() throws Exception {
        JsonNode context = context("24-support.json", "support");
        ObjectNode message = SupportMessages.onSupport(context, "SUP-7K3MZQ", null, null,
                new SupportContacts("1800 1080", "support@log9.example", "https://log9.in/help"));
        assertFalse(message.at("/support").has("phone"), "a national number is not core's phone format");
        assertFalse(message.at("/support").has("email"), "the schema's email format knows no .example domain");
        assertEquals("https://log9.in/help", message.at("/support/url").asText());
        ObjectNode body = builder.build(context, "on_support", message, null, false);
        assertEquals(List.of(), BecknSchemas.shared().validateStrict("on_support", body));
        ObjectNode normalised = SupportMessages.onSupport(context, "SUP-7K3MZQ", null, null,
                SupportContacts.of("1800 1080", null, null));
        assertEquals("+91 1800 1080", normalised.at("/support/phone").asText());
    }

    @Test
    void on_support_without_an_order_or_some_contacts() throws Exception {
        ObjectNode message = SupportMessages.onSupport("SUP-7K3MZQ", null, null,
                SupportContacts.of("+91 80 4000 2000", null, null));
        ObjectNode body = builder.build(context("24-support.json", "support"), "on_support", message, null, false);
        assertEquals(List.of(), BecknSchemas.shared().validateStrict("on_support", body));
        assertFalse(body.at("/message/support").has("order_id"));
        assertFalse(body.at("/message/support").has("email"));
    }

    @Test
    void error_answers_validate() throws Exception {
        ObjectNode support = builder.build(context("24-support.json", "support"), "on_support", null,
                new BecknError(ErrorCode.SUPPORT_UNAVAILABLE, null, "no support is configured"), false);
        assertEquals(List.of(), BecknSchemas.shared().validateStrict("on_support", support));
        // on_rating is the one callback whose schema requires `message`, even beside an error: an empty one is valid.
        ObjectNode rating = builder.build(context("22-rating.json", "rating"), "on_rating", JSON.createObjectNode(),
                new BecknError(ErrorCode.ENTITY_TO_RATE_NOT_FOUND, "$.message.ratings[0].id", "no order 'x' of yours"),
                false);
        assertEquals(List.of(), BecknSchemas.shared().validateStrict("on_rating", rating));
        ObjectNode bare = builder.build(context("22-rating.json", "rating"), "on_rating", null,
                new BecknError(ErrorCode.ENTITY_TO_RATE_NOT_FOUND, "$.message.ratings[0].id", "no order 'x' of yours"),
                false);
        assertEquals(List.of(), BecknSchemas.shared().validateStrict("on_rating", bare),
                "beckn-core's CallbackBuilder gives an on_rating error its empty message");
    }
}
