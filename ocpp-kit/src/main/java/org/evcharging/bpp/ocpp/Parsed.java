package org.evcharging.bpp.ocpp;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Frames#parse} made of a WebSocket text frame: an OCPP-J {@link Message}, or a {@link Rejected} frame
 * with what to do about it. A rejected frame never ends the connection by itself: OCPP wants the peer told and the
 * session kept.
 */
public sealed interface Parsed permits Parsed.Message, Parsed.Rejected {

    record Message(Frame frame) implements Parsed {

        public Message {
            Objects.requireNonNull(frame, "frame");
        }
    }

    /**
     * A frame that is not a well-formed OCPP-J message.
     *
     * @param reason our words for what is wrong, never the peer's text, so it may be logged and sent as it is
     * @param messageId the frame's message id when it could be read; for a malformed CALLRESULT or CALLERROR, it
     *        names our CALL, whose answer was unusable
     * @param answer the CALLERROR to send back when the frame is or may be a CALL, with the id
     *        {@value Frames#UNREADABLE_ID} when the frame's could not be read. Empty for a malformed CALLRESULT or
     *        CALLERROR, since a CALLERROR answers a CALL only (two peers would otherwise trade errors forever), and
     *        for a frame over the size cap, which is not read at all
     */
    record Rejected(String reason, Optional<String> messageId, Optional<Frame.CallError> answer) implements Parsed {

        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(answer, "answer");
        }
    }
}
