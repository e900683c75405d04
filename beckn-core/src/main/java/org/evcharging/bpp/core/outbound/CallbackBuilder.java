package org.evcharging.bpp.core.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.evcharging.bpp.core.model.BecknError;
import org.evcharging.bpp.core.validation.BecknSchemas;

/**
 * Builds an {@code on_*} message from the request's context: same transaction, our {@code bpp_id}/{@code bpp_uri},
 * a fresh timestamp, the request's {@code message_id} for an answer or a fresh one for an unsolicited callback.
 */
public final class CallbackBuilder {

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    private final String bppId;
    private final String bppUri;
    private final Clock clock;

    public CallbackBuilder(String bppId, String bppUri, Clock clock) {
        this.bppId = bppId;
        this.bppUri = bppUri;
        this.clock = clock;
    }

    /** The whole callback body: {@code context} plus either {@code message} or {@code error}. */
    public ObjectNode build(JsonNode requestContext, String callbackAction, ObjectNode message, BecknError error,
            boolean unsolicited) {
        ObjectNode context = requestContext.deepCopy();
        context.remove("city");
        context.put("action", callbackAction);
        context.put("version", "1.1.0");
        context.put("bpp_id", bppId);
        context.put("bpp_uri", bppUri);
        context.put("timestamp",
                RFC3339.format(clock.instant().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC)));
        if (unsolicited) {
            context.put("message_id", UUID.randomUUID().toString());
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("context", context);
        if (message != null) {
            body.set("message", message);
        } else if (error != null && BecknSchemas.shared().requiresMessage(callbackAction)) {
            body.putObject("message"); // a schema that requires a message even beside an error (on_rating): an empty one
        }
        if (error != null) {
            body.set("error", error.toJson());
        }
        return body;
    }
}
