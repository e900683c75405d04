package org.evcharging.bpp.core.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Beckn {@code Error} object: a BECKN-005 code, the JSON paths at fault (if any) and a message for logs. */
public record BecknError(ErrorCode code, String paths, String message) {

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode().put("code", code.code());
        if (paths != null && !paths.isBlank()) {
            n.put("paths", paths);
        }
        if (message != null) {
            n.put("message", message);
        }
        return n;
    }
}
