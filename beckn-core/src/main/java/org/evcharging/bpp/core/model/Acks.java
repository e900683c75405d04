package org.evcharging.bpp.core.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** The synchronous answers: {@code {"message":{"ack":{"status":"ACK"}}}} and the NACK with an optional error. */
public final class Acks {

    public static final byte[] ACK = "{\"message\":{\"ack\":{\"status\":\"ACK\"}}}".getBytes(StandardCharsets.UTF_8);

    private Acks() {
    }

    public static ObjectNode nack(BecknError error) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.putObject("message").putObject("ack").put("status", "NACK");
        if (error != null) {
            n.set("error", error.toJson());
        }
        return n;
    }

    public static boolean isAck(com.fasterxml.jackson.databind.JsonNode body) {
        return "ACK".equals(body.path("message").path("ack").path("status").asText());
    }
}
