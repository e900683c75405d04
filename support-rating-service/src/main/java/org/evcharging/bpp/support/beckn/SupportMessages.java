package org.evcharging.bpp.support.beckn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.evcharging.bpp.core.validation.BecknSchemas;
import org.evcharging.bpp.core.validation.SchemaViolation;
import org.evcharging.bpp.support.application.support.SupportContacts;

/**
 * The {@code message} of {@code on_rating} and {@code on_support}, as core 1.1.0 has them and as the workflow
 * document shows them (both validate strictly: the schema allows the document's extra fields).
 */
public final class SupportMessages {

    private SupportMessages() {
    }

    /**
     * {@code feedback_form} is core's {@code XInput} ({@code form.url}, {@code form.mime_type}, {@code required});
     * the document nests the same under {@code feedback_form.xinput}, so BAPs written either way find the form.
     */
    public static ObjectNode onRating(String formUrl) {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        ObjectNode feedbackForm = message.putObject("feedback_form");
        xinput(feedbackForm, formUrl);
        xinput(feedbackForm.putObject("xinput"), formUrl);
        return message;
    }

    private static void xinput(ObjectNode n, String formUrl) {
        n.putObject("form").put("url", formUrl).put("mime_type", "text/html");
        n.put("required", false);
    }

    /**
     * {@code support}: {@code ref_id} is what the BAP asked about, its own {@code ref_id} as sent ({@code refId}), or,
     * when it sent none, the ticket's reference; {@code ticket_ref} is always the ticket's reference (the subject of
     * a later {@code support} or a {@code Support} rating); {@code order_id} (the document's field) echoes the order
     * asked about; {@code phone}, {@code email}, {@code url} are whom to contact. The user's own contacts are never
     * sent back.
     */
    public static ObjectNode onSupport(String ticketRef, String refId, String orderId, SupportContacts contacts) {
        return onSupport(null, ticketRef, refId, orderId, contacts);
    }

    /**
     * {@link #onSupport(String, String, String, SupportContacts)}, with any contact the strict schema would refuse left
     * out (checked in a body with the request's context): a provider's odd phone number must not cost the user the
     * answer, since an answer that does not validate cannot be sent at all.
     */
    public static ObjectNode onSupport(JsonNode requestContext, String ticketRef, String refId, String orderId,
            SupportContacts contacts) {
        ObjectNode message = build(ticketRef, refId, orderId, contacts);
        if (requestContext == null || !requestContext.isObject()) {
            return message;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode context = ((ObjectNode) requestContext).deepCopy();
        context.put("action", "on_support");
        body.set("context", context);
        body.set("message", message);
        ObjectNode support = (ObjectNode) message.get("support");
        for (SchemaViolation v : BecknSchemas.shared().validateStrict("on_support", body)) {
            for (String field : List.of("phone", "email", "url", "order_id")) {
                if (v.path().equals("$.message.support." + field)) {
                    support.remove(field);
                }
            }
        }
        return message;
    }

    private static ObjectNode build(String ticketRef, String refId, String orderId, SupportContacts contacts) {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        ObjectNode support = message.putObject("support");
        support.put("ref_id", refId != null ? refId : ticketRef);
        support.put("ticket_ref", ticketRef);
        if (orderId != null) {
            support.put("order_id", orderId);
        }
        if (contacts.phone() != null) {
            support.put("phone", contacts.phone());
        }
        if (contacts.email() != null) {
            support.put("email", contacts.email());
        }
        if (contacts.url() != null) {
            support.put("url", contacts.url());
        }
        return message;
    }
}
