package org.evcharging.bpp.ocpp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.evcharging.bpp.ocpp.Frame.Call;
import org.evcharging.bpp.ocpp.Frame.CallError;
import org.evcharging.bpp.ocpp.Frame.CallResult;

/**
 * OCPP-J framing (OCPP-J 1.6 section 4, OCPP 2.0.1 Part 4 section 4): a WebSocket text frame to a {@link Frame} and
 * back. Reading is total: whatever a peer sends comes back as a {@link Parsed.Message} or a {@link Parsed.Rejected}
 * with the CALLERROR the version's definitions name, never as an exception. The JSON is read strictly: a key twice in
 * one object or anything after the array is refused rather than guessed at, so the central system and the simulator
 * read every frame the same way. The payload's content is not checked here; that is {@link OcppSchemas}.
 */
public final class Frames {

    /** The default cap on a frame, in UTF-8 bytes: the largest OCPP message we exchange is a few KiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;
    /** The message id of a CALLERROR answering a frame whose own id could not be read. */
    public static final String UNREADABLE_ID = "-1";

    private static final int CALL = 2;
    private static final int CALL_RESULT = 3;
    private static final int CALL_ERROR = 4;

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** Reads what {@link #STRICT} refuses only for a duplicate key, to tell that case apart and find the id. */
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Frames() {
    }

    /** {@link #parse(String, OcppVersion, int)} with the {@linkplain #DEFAULT_MAX_FRAME_BYTES default cap}. */
    public static Parsed parse(String text, OcppVersion version) {
        return parse(text, version, DEFAULT_MAX_FRAME_BYTES);
    }

    /**
     * Reads one frame. A frame over {@code maxFrameBytes} is refused before any JSON is read, so a flood of large
     * frames costs no parsing; set the WebSocket container's own message size limit at least as high, or it closes
     * the connection first.
     */
    public static Parsed parse(String text, OcppVersion version, int maxFrameBytes) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("the frame cap must be positive");
        }
        if (utf8LongerThan(text, maxFrameBytes)) {
            return new Parsed.Rejected("frame longer than " + maxFrameBytes + " bytes", Optional.empty(),
                    Optional.empty());
        }
        JsonNode tree;
        try {
            tree = STRICT.readTree(text);
        } catch (JsonProcessingException notStrictJson) {
            try {
                return reject(version, Fault.MALFORMED_PAYLOAD, "a key appears twice in one object",
                        LENIENT.readTree(text));
            } catch (JsonProcessingException notJson) {
                return reject(version, Fault.NOT_RPC, "not JSON", null);
            }
        }
        if (!tree.isArray()) {
            return reject(version, Fault.NOT_RPC, "not a JSON array", tree);
        }
        if (tree.isEmpty() || !tree.get(0).isIntegralNumber()) {
            return reject(version, Fault.NOT_RPC, "no integer message type id", tree);
        }
        JsonNode type = tree.get(0);
        int length = elements(type);
        if (length == 0) {
            return reject(version, Fault.UNKNOWN_MESSAGE_TYPE, "message type id not 2, 3 or 4", tree);
        }
        if (tree.size() < length) {
            return reject(version, Fault.INCOMPLETE, "fewer than " + length + " elements", tree);
        }
        if (tree.size() > length) {
            return reject(version, Fault.NOT_RPC, "more than " + length + " elements", tree);
        }
        if (readableId(tree) == null) {
            return reject(version, Fault.NOT_RPC,
                    "message id not a string of at most " + Frame.MAX_MESSAGE_ID + " characters", tree);
        }
        return switch (type.intValue()) {
            case CALL -> call(version, tree);
            case CALL_RESULT -> callResult(version, tree);
            default -> callError(version, tree);
        };
    }

    /** The frame as OCPP-J text. */
    public static String write(Frame frame) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        if (frame instanceof Call c) {
            array.add(CALL).add(c.messageId()).add(c.action()).add(c.payload());
        } else if (frame instanceof CallResult r) {
            array.add(CALL_RESULT).add(r.messageId()).add(r.payload());
        } else if (frame instanceof CallError e) {
            array.add(CALL_ERROR).add(e.messageId()).add(e.errorCode()).add(e.errorDescription())
                    .add(e.errorDetails());
        }
        return array.toString();
    }

    private static Parsed call(OcppVersion version, JsonNode tree) {
        if (!tree.get(2).isTextual()) {
            return reject(version, Fault.NOT_RPC, "action not a string", tree);
        }
        if (!tree.get(3).isObject()) {
            return reject(version, Fault.MALFORMED_PAYLOAD, "payload not a JSON object", tree);
        }
        return new Parsed.Message(new Call(tree.get(1).textValue(), tree.get(2).textValue(), (ObjectNode) tree.get(3)));
    }

    private static Parsed callResult(OcppVersion version, JsonNode tree) {
        if (!tree.get(2).isObject()) {
            return reject(version, Fault.MALFORMED_PAYLOAD, "payload not a JSON object", tree);
        }
        return new Parsed.Message(new CallResult(tree.get(1).textValue(), (ObjectNode) tree.get(2)));
    }

    private static Parsed callError(OcppVersion version, JsonNode tree) {
        if (!tree.get(2).isTextual() || !tree.get(3).isTextual()) {
            return reject(version, Fault.NOT_RPC, "error code or description not a string", tree);
        }
        if (!tree.get(4).isObject()) {
            return reject(version, Fault.MALFORMED_PAYLOAD, "error details not a JSON object", tree);
        }
        return new Parsed.Message(new CallError(tree.get(1).textValue(), tree.get(2).textValue(),
                tree.get(3).textValue(), (ObjectNode) tree.get(4)));
    }

    /** How many elements a message of this type id has; 0 for a type id OCPP-J does not define. */
    private static int elements(JsonNode type) {
        if (!type.canConvertToInt()) {
            return 0;
        }
        return switch (type.intValue()) {
            case CALL -> 4;
            case CALL_RESULT -> 3;
            case CALL_ERROR -> 5;
            default -> 0;
        };
    }

    /**
     * A rejection, answered with a CALLERROR unless the frame is a CALLRESULT or CALLERROR. {@code tree} is what could
     * be read (null when nothing could), for the message id.
     */
    private static Parsed.Rejected reject(OcppVersion version, Fault fault, String reason, JsonNode tree) {
        String id = readableId(tree);
        Optional<CallError> answer = isResponse(tree) ? Optional.empty()
                : Optional.of(new CallError(id == null ? UNREADABLE_ID : id, fault.code(version), reason));
        return new Parsed.Rejected(reason, Optional.ofNullable(id), answer);
    }

    /** The message id, when the frame is an array whose second element is a string the framing allows. */
    private static String readableId(JsonNode tree) {
        if (tree == null || !tree.isArray() || tree.size() < 2 || !tree.get(1).isTextual()) {
            return null;
        }
        String id = tree.get(1).textValue();
        return id.length() <= Frame.MAX_MESSAGE_ID ? id : null;
    }

    private static boolean isResponse(JsonNode tree) {
        if (tree == null || !tree.isArray() || tree.isEmpty() || !tree.get(0).isIntegralNumber()) {
            return false;
        }
        JsonNode type = tree.get(0);
        return type.canConvertToInt() && (type.intValue() == CALL_RESULT || type.intValue() == CALL_ERROR);
    }

    /** Is {@code text} longer than {@code max} bytes in UTF-8? Counted without encoding it. */
    private static boolean utf8LongerThan(String text, int max) {
        if (text.length() > max) {
            return true;
        }
        if ((long) text.length() * 3 <= max) {
            return false;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes > max;
    }
}
