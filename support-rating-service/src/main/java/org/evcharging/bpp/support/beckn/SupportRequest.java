package org.evcharging.bpp.support.beckn;

import com.fasterxml.jackson.databind.JsonNode;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.support.application.support.SupportDesk;
import org.evcharging.bpp.support.domain.Ticket;

/**
 * A {@code support} message read and checked without I/O, before the ACK. {@code message.support} may name the
 * order ({@code order_id}, as the workflow document does) or anything else ({@code ref_id}, core 1.1.0); with
 * neither, or no {@code support} at all, the request's own transaction is meant. The user's {@code phone},
 * {@code email} and {@code callback_phone} go on the ticket for the provider (never logged). A field of the wrong
 * type or too long is a NACK 30000 with its path.
 */
public final class SupportRequest {

    private SupportRequest() {
    }

    public static SupportDesk.Request from(JsonNode message) {
        JsonNode support = message.path("support");
        if (!support.isMissingNode() && !support.isNull() && !support.isObject()) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, "$.message.support", "support must be an object");
        }
        return new SupportDesk.Request(
                field(support, "order_id", 100),
                field(support, "ref_id", 100),
                field(support, "phone", Ticket.CONTACT_LENGTH),
                field(support, "email", Ticket.CONTACT_LENGTH),
                field(support, "callback_phone", Ticket.CONTACT_LENGTH));
    }

    private static String field(JsonNode support, String name, int maxLength) {
        JsonNode n = support.path(name);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        String path = "$.message.support." + name;
        if (!n.isTextual()) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, path, name + " must be a string");
        }
        String v = n.asText().trim();
        if (v.length() > maxLength) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, path,
                    name + " is at most " + maxLength + " characters");
        }
        return v.isEmpty() ? null : v;
    }
}
