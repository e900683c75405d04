package org.evcharging.bpp.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An ACKed Beckn request as a handler sees it: canonical (see WorkflowLeniency), schema-valid, authenticated.
 * {@code body} is the whole message; {@code context()} and {@code message()} are its two halves.
 */
public record InboundRequest(String action, ObjectNode body) {

    public JsonNode context() {
        return body.path("context");
    }

    public JsonNode message() {
        return body.path("message");
    }

    public String transactionId() {
        return context().path("transaction_id").asText();
    }

    public String messageId() {
        return context().path("message_id").asText();
    }

    public String bapId() {
        return context().path("bap_id").asText();
    }

    public String bapUri() {
        return context().path("bap_uri").asText();
    }
}
