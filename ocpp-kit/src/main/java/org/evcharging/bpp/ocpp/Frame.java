package org.evcharging.bpp.ocpp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One OCPP-J message, the JSON array a WebSocket text frame carries (OCPP-J 1.6 section 4, OCPP 2.0.1 Part 4): a
 * {@link Call} asks, a {@link CallResult} or a {@link CallError} with the same message id answers. The records refuse
 * what the framing forbids (a message id over {@value #MAX_MESSAGE_ID} characters, a missing part), so a frame we
 * build can always be written. Payloads are Jackson objects and, like any {@link ObjectNode}, mutable: do not change
 * one after it is framed.
 */
public sealed interface Frame permits Frame.Call, Frame.CallResult, Frame.CallError {

    /** The longest message id both versions allow (room for a UUID). */
    int MAX_MESSAGE_ID = 36;
    /** The longest error description 2.0.1 allows; 1.6 sets none, and we write no longer ones to either. */
    int MAX_ERROR_DESCRIPTION = 255;

    String messageId();

    /** {@code [2, "<messageId>", "<action>", {<payload>}]} */
    record Call(String messageId, String action, ObjectNode payload) implements Frame {

        public Call {
            checkMessageId(messageId);
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** {@code [3, "<messageId>", {<payload>}]} */
    record CallResult(String messageId, ObjectNode payload) implements Frame {

        public CallResult {
            checkMessageId(messageId);
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * {@code [4, "<messageId>", "<errorCode>", "<errorDescription>", {<errorDetails>}]}. The code is text, because a
     * peer's CALLERROR may carry a code of the other version or none we know; build ours from an {@link ErrorCode}.
     * A description longer than {@value #MAX_ERROR_DESCRIPTION} characters is cut.
     */
    record CallError(String messageId, String errorCode, String errorDescription, ObjectNode errorDetails)
            implements
                Frame {

        public CallError {
            checkMessageId(messageId);
            Objects.requireNonNull(errorCode, "errorCode");
            Objects.requireNonNull(errorDescription, "errorDescription");
            Objects.requireNonNull(errorDetails, "errorDetails");
            if (errorDescription.length() > MAX_ERROR_DESCRIPTION) {
                int end = MAX_ERROR_DESCRIPTION;
                if (Character.isHighSurrogate(errorDescription.charAt(end - 1))) {
                    end--;
                }
                errorDescription = errorDescription.substring(0, end);
            }
        }

        /** Our CALLERROR, with no details (both versions want an empty object then). */
        public CallError(String messageId, ErrorCode errorCode, String errorDescription) {
            this(messageId, errorCode.name(), errorDescription, JsonNodeFactory.instance.objectNode());
        }
    }

    private static void checkMessageId(String messageId) {
        Objects.requireNonNull(messageId, "messageId");
        if (messageId.length() > MAX_MESSAGE_ID) {
            throw new IllegalArgumentException("a message id has at most " + MAX_MESSAGE_ID + " characters");
        }
    }
}
