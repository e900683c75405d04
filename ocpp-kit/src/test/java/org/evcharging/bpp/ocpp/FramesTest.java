package org.evcharging.bpp.ocpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.evcharging.bpp.ocpp.Frame.Call;
import org.evcharging.bpp.ocpp.Frame.CallError;
import org.evcharging.bpp.ocpp.Frame.CallResult;
import org.junit.jupiter.api.Test;

class FramesTest {

    private static final OcppVersion V16 = OcppVersion.OCPP_1_6;
    private static final OcppVersion V201 = OcppVersion.OCPP_2_0_1;
    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode object(String text) throws Exception {
        return (ObjectNode) json.readTree(text);
    }

    private static Parsed.Rejected rejected(String text, OcppVersion version) {
        return assertInstanceOf(Parsed.Rejected.class, Frames.parse(text, version), text);
    }

    /** The frame is answered with this CALLERROR code and message id. */
    private static void answered(String text, OcppVersion version, String messageId, ErrorCode code) {
        CallError answer = rejected(text, version).answer().orElseThrow(() -> new AssertionError("no answer"));
        assertEquals(messageId, answer.messageId(), text);
        assertEquals(code.name(), answer.errorCode(), text);
        assertInstanceOf(Parsed.Message.class, Frames.parse(Frames.write(answer), version),
                "the answer is itself a well-formed frame");
    }

    @Test
    void writesTheArraysOfOcppJ() throws Exception {
        assertEquals("[2,\"m-1\",\"Heartbeat\",{}]", Frames.write(new Call("m-1", "Heartbeat", object("{}"))));
        assertEquals("[3,\"m-1\",{\"currentTime\":\"2026-12-05T10:00:00Z\"}]",
                Frames.write(new CallResult("m-1", object("{\"currentTime\":\"2026-12-05T10:00:00Z\"}"))));
        assertEquals("[4,\"m-1\",\"NotImplemented\",\"no such action\",{}]",
                Frames.write(new CallError("m-1", ErrorCode.V16.NotImplemented, "no such action")));
    }

    @Test
    void roundTripsEveryKindOfFrameInBothVersions() throws Exception {
        List<Frame> frames = List.of(
                new Call("9f1c2a44-7b1e-4c6e-9a55-0d2f8e1b3c7d", "BootNotification",
                        object("{\"chargePointVendor\":\"Acmé\",\"chargePointModel\":\"AC \\\"22\\\"\"}")),
                new CallResult("m2", object("{\"status\":\"Accepted\",\"interval\":300,\"nested\":{\"a\":[1,2.5]}}")),
                new CallError("m3", "OccurrenceConstraintViolation", "$.idToken: required, missing",
                        object("{\"detail\":\"x\"}")));
        for (OcppVersion v : OcppVersion.values()) {
            for (Frame f : frames) {
                assertEquals(new Parsed.Message(f), Frames.parse(Frames.write(f), v));
            }
        }
    }

    @Test
    void readsWhitespaceAndAnEmptyMessageId() {
        Parsed p = Frames.parse(" [ 2 , \"\" , \"Heartbeat\" , { } ] \n", V16);
        Call call = assertInstanceOf(Call.class, assertInstanceOf(Parsed.Message.class, p).frame());
        assertEquals("", call.messageId());
        assertEquals("Heartbeat", call.action());
        assertTrue(call.payload().isEmpty());
    }

    @Test
    void textThatIsNotJsonIsAnsweredWithoutAnId() {
        for (String text : List.of("", "hello", "[2,\"m1\",\"Heartbeat\",{", "[2,\"m1\",\"Heartbeat\",{}] trailing",
                "[2,\"m1\",\"Heartbeat\",{}][3,\"m1\",{}]")) {
            answered(text, V16, Frames.UNREADABLE_ID, ErrorCode.V16.FormationViolation);
            answered(text, V201, Frames.UNREADABLE_ID, ErrorCode.V201.RpcFrameworkError);
            assertEquals(Optional.empty(), rejected(text, V201).messageId());
        }
    }

    @Test
    void jsonThatIsNotAnArrayIsNotAnRpcMessage() {
        for (String text : List.of("{\"messageTypeId\":2}", "2", "\"m1\"", "null")) {
            answered(text, V16, Frames.UNREADABLE_ID, ErrorCode.V16.FormationViolation);
            answered(text, V201, Frames.UNREADABLE_ID, ErrorCode.V201.RpcFrameworkError);
        }
    }

    @Test
    void aMessageTypeIdThatIsNotAnIntegerIsNotAnRpcMessage() {
        answered("[]", V201, Frames.UNREADABLE_ID, ErrorCode.V201.RpcFrameworkError);
        answered("[\"2\",\"m1\",\"Heartbeat\",{}]", V16, "m1", ErrorCode.V16.FormationViolation);
        answered("[\"2\",\"m1\",\"Heartbeat\",{}]", V201, "m1", ErrorCode.V201.RpcFrameworkError);
        answered("[2.0,\"m1\",\"Heartbeat\",{}]", V201, "m1", ErrorCode.V201.RpcFrameworkError);
    }

    @Test
    void anUnknownMessageTypeIsNotSupportedIn201AndAFormationViolationIn16() {
        for (String text : List.of("[5,\"m1\",\"Heartbeat\",{}]", "[1,\"m1\"]", "[6,\"m1\",\"Heartbeat\",{}]",
                "[99999999999999999999,\"m1\",{}]")) {
            answered(text, V201, "m1", ErrorCode.V201.MessageTypeNotSupported);
            answered(text, V16, "m1", ErrorCode.V16.FormationViolation);
        }
    }

    @Test
    void tooFewElementsIsIncompleteAndTooManyIsNotTheFraming() {
        answered("[2,\"m1\",\"Heartbeat\"]", V16, "m1", ErrorCode.V16.ProtocolError);
        answered("[2,\"m1\",\"Heartbeat\"]", V201, "m1", ErrorCode.V201.RpcFrameworkError);
        answered("[2,\"m1\"]", V16, "m1", ErrorCode.V16.ProtocolError);
        answered("[2]", V16, Frames.UNREADABLE_ID, ErrorCode.V16.ProtocolError);
        answered("[2,\"m1\",\"Heartbeat\",{},{}]", V16, "m1", ErrorCode.V16.FormationViolation);
        answered("[2,\"m1\",\"Heartbeat\",{},{}]", V201, "m1", ErrorCode.V201.RpcFrameworkError);
    }

    @Test
    void aMessageIdOver36CharactersOrNotAStringCannotBeRead() {
        String id36 = "x".repeat(36);
        assertInstanceOf(Parsed.Message.class, Frames.parse("[2,\"" + id36 + "\",\"Heartbeat\",{}]", V201));
        String text = "[2,\"" + id36 + "y\",\"Heartbeat\",{}]";
        answered(text, V16, Frames.UNREADABLE_ID, ErrorCode.V16.FormationViolation);
        answered(text, V201, Frames.UNREADABLE_ID, ErrorCode.V201.RpcFrameworkError);
        assertEquals(Optional.empty(), rejected(text, V201).messageId());
        answered("[2,42,\"Heartbeat\",{}]", V201, Frames.UNREADABLE_ID, ErrorCode.V201.RpcFrameworkError);
        answered("[2,null,\"Heartbeat\",{}]", V16, Frames.UNREADABLE_ID, ErrorCode.V16.FormationViolation);
    }

    @Test
    void anActionThatIsNotAStringIsNotTheFraming() {
        answered("[2,\"m1\",7,{}]", V16, "m1", ErrorCode.V16.FormationViolation);
        answered("[2,\"m1\",null,{}]", V201, "m1", ErrorCode.V201.RpcFrameworkError);
    }

    @Test
    void aPayloadThatIsNotAnObjectIsAFormatViolation() {
        for (String payload : List.of("[]", "\"x\"", "null", "1", "[{}]")) {
            String text = "[2,\"m1\",\"Heartbeat\"," + payload + "]";
            answered(text, V16, "m1", ErrorCode.V16.FormationViolation);
            answered(text, V201, "m1", ErrorCode.V201.FormatViolation);
        }
    }

    @Test
    void aDuplicateKeyIsAFormatViolationAnsweredWithTheId() {
        String text = "[2,\"m1\",\"Authorize\",{\"idTag\":\"a\",\"idTag\":\"b\"}]";
        answered(text, V16, "m1", ErrorCode.V16.FormationViolation);
        answered(text, V201, "m1", ErrorCode.V201.FormatViolation);
        String deep = "[2,\"m1\",\"MeterValues\",{\"meterValue\":[{\"timestamp\":\"t\",\"timestamp\":\"u\"}]}]";
        answered(deep, V201, "m1", ErrorCode.V201.FormatViolation);
    }

    @Test
    void aMalformedCallResultOrCallErrorIsNotAnsweredButNamesTheCall() {
        for (String text : List.of("[3,\"m1\",[]]", "[3,\"m1\"]", "[3,\"m1\",{},{}]", "[3,\"m1\",{\"a\":1,\"a\":2}]",
                "[4,\"m1\",\"GenericError\",\"no details\"]", "[4,\"m1\",7,\"d\",{}]", "[4,\"m1\",\"E\",\"d\",[]]")) {
            for (OcppVersion v : OcppVersion.values()) {
                Parsed.Rejected r = rejected(text, v);
                assertEquals(Optional.empty(), r.answer(), text);
                assertEquals(Optional.of("m1"), r.messageId(), text);
            }
        }
    }

    @Test
    void aFrameOverTheDefaultCapIsRefusedUnreadAndOneAtTheCapIsRead() {
        String head = "[2,\"m1\",\"DataTransfer\",{\"vendorId\":\"acme\",\"data\":\"";
        String tail = "\"}]";
        String atCap = head + "a".repeat(Frames.DEFAULT_MAX_FRAME_BYTES - head.length() - tail.length()) + tail;
        assertEquals(64 * 1024, atCap.length());
        assertInstanceOf(Parsed.Message.class, Frames.parse(atCap, V16));
        String over = head + "a".repeat(Frames.DEFAULT_MAX_FRAME_BYTES - head.length() - tail.length() + 1) + tail;
        Parsed.Rejected r = rejected(over, V16);
        assertEquals(Optional.empty(), r.answer());
        assertEquals(Optional.empty(), r.messageId());
        assertTrue(r.reason().contains("65536"), r.reason());
    }

    @Test
    void theCapCountsUtf8BytesNotCharacters() {
        String head = "[2,\"m1\",\"Authorize\",{\"idTag\":\"";
        String tail = "\"}]";
        int room = 100 - head.length() - tail.length();
        assertInstanceOf(Parsed.Message.class, Frames.parse(head + "a".repeat(room) + tail, V201, 100));
        assertInstanceOf(Parsed.Message.class, Frames.parse(head + "é".repeat(room / 2) + tail, V201, 100));
        assertInstanceOf(Parsed.Rejected.class, Frames.parse(head + "é".repeat(room / 2 + 1) + tail, V201, 100));
        assertInstanceOf(Parsed.Message.class, Frames.parse(head + "€".repeat(room / 3) + tail, V201, 100));
        assertInstanceOf(Parsed.Rejected.class, Frames.parse(head + "€".repeat(room / 3 + 1) + tail, V201, 100));
        assertInstanceOf(Parsed.Message.class, Frames.parse(head + "😀".repeat(room / 4) + tail, V201, 100));
        assertInstanceOf(Parsed.Rejected.class, Frames.parse(head + "😀".repeat(room / 4 + 1) + tail, V201, 100));
        assertThrows(IllegalArgumentException.class, () -> Frames.parse("[]", V16, 0));
    }

    @Test
    void framesRefuseWhatTheFramingForbids() throws Exception {
        ObjectNode empty = object("{}");
        assertThrows(IllegalArgumentException.class, () -> new Call("x".repeat(37), "Heartbeat", empty));
        assertThrows(IllegalArgumentException.class, () -> new CallResult("x".repeat(37), empty));
        assertThrows(NullPointerException.class, () -> new Call("m1", null, empty));
        assertThrows(NullPointerException.class, () -> new CallResult("m1", null));
        CallError cut = new CallError("m1", ErrorCode.V201.GenericError, "d".repeat(300));
        assertEquals(Frame.MAX_ERROR_DESCRIPTION, cut.errorDescription().length());
        CallError surrogate = new CallError("m1", ErrorCode.V201.GenericError, "d".repeat(254) + "😀" + "d");
        assertEquals(254, surrogate.errorDescription().length(), "a character is not cut in half");
    }
}
