package org.evcharging.bpp.ocpp;

import static org.evcharging.bpp.ocpp.Direction.REQUEST;
import static org.evcharging.bpp.ocpp.Direction.RESPONSE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.evcharging.bpp.ocpp.ErrorCode.V16;
import org.evcharging.bpp.ocpp.ErrorCode.V201;
import org.junit.jupiter.api.Test;

class OcppSchemasTest {

    private static final OcppVersion OCPP16 = OcppVersion.OCPP_1_6;
    private static final OcppVersion OCPP201 = OcppVersion.OCPP_2_0_1;
    private final ObjectMapper json = new ObjectMapper();

    /** The violations as "path code" lines, in the order validate gives them. */
    private List<String> violations(OcppVersion v, String action, Direction d, String payload) throws Exception {
        return OcppSchemas.validate(v, action, d, json.readTree(payload)).stream()
                .map(x -> x.path() + " " + x.code().name())
                .toList();
    }

    private void valid(OcppVersion v, String action, Direction d, String payload) throws Exception {
        assertEquals(List.of(), violations(v, action, d, payload), v + " " + action + " " + d);
    }

    private void invalid(OcppVersion v, String action, Direction d, String payload, String path, ErrorCode code)
            throws Exception {
        assertEquals(List.of(path + " " + code.name()), violations(v, action, d, payload), payload);
    }

    @Test
    void acceptsWhatAn16ChargerSends() throws Exception {
        valid(OCPP16, "BootNotification", REQUEST, """
                {"chargePointVendor": "Acme", "chargePointModel": "AC22", "firmwareVersion": "1.4.2"}""");
        valid(OCPP16, "Heartbeat", REQUEST, "{}");
        valid(OCPP16, "StatusNotification", REQUEST, """
                {"connectorId": 1, "errorCode": "NoError", "status": "Charging",
                 "timestamp": "2026-12-05T10:00:00Z"}""");
        valid(OCPP16, "StatusNotification", REQUEST, """
                {"connectorId": 1, "errorCode": "GroundFailure", "status": "Faulted", "vendorErrorCode": "E17"}""");
        valid(OCPP16, "Authorize", REQUEST, "{\"idTag\": \"order-1234\"}");
        valid(OCPP16, "StartTransaction", REQUEST, """
                {"connectorId": 1, "idTag": "order-1234", "meterStart": 1000, "timestamp": "2026-12-05T10:00:00Z"}""");
        valid(OCPP16, "MeterValues", REQUEST, """
                {"connectorId": 1, "transactionId": 42, "meterValue": [{"timestamp": "2026-12-05T10:05:00.123+01:00",
                 "sampledValue": [{"value": "1234.5", "measurand": "Energy.Active.Import.Register", "unit": "Wh",
                                   "context": "Sample.Periodic"},
                                  {"value": "56", "measurand": "SoC", "unit": "Percent"},
                                  {"value": "7.2", "measurand": "Power.Active.Import", "unit": "kW"}]}]}""");
        valid(OCPP16, "StopTransaction", REQUEST, """
                {"transactionId": 42, "idTag": "order-1234", "meterStop": 9000, "timestamp": "2026-12-05T11:00:00Z",
                 "reason": "Remote", "transactionData": [{"timestamp": "2026-12-05T11:00:00Z", "sampledValue": [
                   {"value": "9000", "measurand": "Energy.Active.Import.Register",
                    "context": "Transaction.End"}]}]}""");
    }

    @Test
    void acceptsWhatAn16CentralSystemSends() throws Exception {
        valid(OCPP16, "BootNotification", RESPONSE, """
                {"status": "Accepted", "currentTime": "2026-12-05T10:00:00Z", "interval": 300}""");
        valid(OCPP16, "BootNotification", RESPONSE, """
                {"status": "Pending", "currentTime": "2026-12-05T10:00:00Z", "interval": 60}""");
        valid(OCPP16, "Heartbeat", RESPONSE, "{\"currentTime\": \"2026-12-05T10:00:00Z\"}");
        valid(OCPP16, "StatusNotification", RESPONSE, "{}");
        valid(OCPP16, "Authorize", RESPONSE, "{\"idTagInfo\": {\"status\": \"Accepted\"}}");
        valid(OCPP16, "StartTransaction", RESPONSE,
                "{\"idTagInfo\": {\"status\": \"Accepted\"}, \"transactionId\": 42}");
        valid(OCPP16, "MeterValues", RESPONSE, "{}");
        valid(OCPP16, "StopTransaction", RESPONSE, "{\"idTagInfo\": {\"status\": \"Accepted\"}}");
        valid(OCPP16, "RemoteStartTransaction", REQUEST, "{\"connectorId\": 1, \"idTag\": \"order-1234\"}");
        valid(OCPP16, "RemoteStartTransaction", REQUEST, """
                {"idTag": "order-1234", "chargingProfile": {"chargingProfileId": 1, "stackLevel": 0,
                 "chargingProfilePurpose": "TxProfile", "chargingProfileKind": "Relative",
                 "chargingSchedule": {"chargingRateUnit": "A", "chargingSchedulePeriod": [
                   {"startPeriod": 0, "limit": 32.1}, {"startPeriod": 600, "limit": 16}]}}}""");
        valid(OCPP16, "RemoteStopTransaction", REQUEST, "{\"transactionId\": 42}");
        valid(OCPP16, "ChangeAvailability", REQUEST, "{\"connectorId\": 0, \"type\": \"Inoperative\"}");
        valid(OCPP16, "Reset", REQUEST, "{\"type\": \"Soft\"}");
        valid(OCPP16, "TriggerMessage", REQUEST, "{\"requestedMessage\": \"StatusNotification\", \"connectorId\": 1}");
        for (String action : List.of("RemoteStartTransaction", "RemoteStopTransaction", "ChangeAvailability", "Reset",
                "TriggerMessage")) {
            valid(OCPP16, action, RESPONSE, "{\"status\": \"Accepted\"}");
        }
    }

    @Test
    void acceptsWhatA201ChargingStationSends() throws Exception {
        valid(OCPP201, "BootNotification", REQUEST, """
                {"reason": "PowerUp", "chargingStation": {"model": "AC22", "vendorName": "Acme",
                 "firmwareVersion": "1.4.2"}}""");
        valid(OCPP201, "Heartbeat", REQUEST, "{}");
        valid(OCPP201, "StatusNotification", REQUEST, """
                {"timestamp": "2026-12-05T10:00:00Z", "connectorStatus": "Occupied", "evseId": 1, "connectorId": 1}""");
        valid(OCPP201, "Authorize", REQUEST, "{\"idToken\": {\"idToken\": \"order-1234\", \"type\": \"Central\"}}");
        valid(OCPP201, "MeterValues", REQUEST, """
                {"evseId": 1, "meterValue": [{"timestamp": "2026-12-05T10:05:00Z", "sampledValue": [
                  {"value": 1234.5, "measurand": "Energy.Active.Import.Register", "unitOfMeasure": {"unit": "Wh"}},
                  {"value": 56, "measurand": "SoC", "unitOfMeasure": {"unit": "Percent"}}]}]}""");
        valid(OCPP201, "TransactionEvent", REQUEST, """
                {"eventType": "Started", "timestamp": "2026-12-05T10:00:00Z", "triggerReason": "RemoteStart",
                 "seqNo": 0, "transactionInfo": {"transactionId": "tx-1", "chargingState": "Charging",
                 "remoteStartId": 7}, "evse": {"id": 1, "connectorId": 1},
                 "idToken": {"idToken": "order-1234", "type": "Central"},
                 "meterValue": [{"timestamp": "2026-12-05T10:00:00Z", "sampledValue": [
                   {"value": 1000, "context": "Transaction.Begin"}]}]}""");
        valid(OCPP201, "TransactionEvent", REQUEST, """
                {"eventType": "Updated", "timestamp": "2026-12-05T10:30:00Z", "triggerReason": "MeterValuePeriodic",
                 "seqNo": 1, "transactionInfo": {"transactionId": "tx-1"}, "offline": true,
                 "meterValue": [{"timestamp": "2026-12-05T10:30:00Z", "sampledValue": [{"value": 5000.25}]}]}""");
        valid(OCPP201, "TransactionEvent", REQUEST, """
                {"eventType": "Ended", "timestamp": "2026-12-05T11:00:00Z", "triggerReason": "RemoteStop",
                 "seqNo": 2, "transactionInfo": {"transactionId": "tx-1", "stoppedReason": "Remote"},
                 "meterValue": [{"timestamp": "2026-12-05T11:00:00Z", "sampledValue": [
                   {"value": 9000, "context": "Transaction.End"}]}]}""");
    }

    @Test
    void acceptsWhatA201CentralSystemSends() throws Exception {
        valid(OCPP201, "BootNotification", RESPONSE, """
                {"currentTime": "2026-12-05T10:00:00Z", "interval": 300, "status": "Accepted"}""");
        valid(OCPP201, "Heartbeat", RESPONSE, "{\"currentTime\": \"2026-12-05T10:00:00Z\"}");
        valid(OCPP201, "StatusNotification", RESPONSE, "{}");
        valid(OCPP201, "Authorize", RESPONSE, "{\"idTokenInfo\": {\"status\": \"Accepted\"}}");
        valid(OCPP201, "MeterValues", RESPONSE, "{}");
        valid(OCPP201, "TransactionEvent", RESPONSE, "{\"idTokenInfo\": {\"status\": \"Accepted\"}}");
        valid(OCPP201, "RequestStartTransaction", REQUEST, """
                {"evseId": 1, "remoteStartId": 7, "idToken": {"idToken": "order-1234", "type": "Central"}}""");
        valid(OCPP201, "RequestStopTransaction", REQUEST, "{\"transactionId\": \"tx-1\"}");
        valid(OCPP201, "ChangeAvailability", REQUEST,
                "{\"operationalStatus\": \"Inoperative\", \"evse\": {\"id\": 1}}");
        valid(OCPP201, "Reset", REQUEST, "{\"type\": \"OnIdle\"}");
        valid(OCPP201, "TriggerMessage", REQUEST, """
                {"requestedMessage": "StatusNotification", "evse": {"id": 1, "connectorId": 1}}""");
        valid(OCPP201, "RequestStartTransaction", RESPONSE, "{\"status\": \"Accepted\", \"transactionId\": \"tx-1\"}");
        for (String action : List.of("RequestStopTransaction", "ChangeAvailability", "Reset", "TriggerMessage")) {
            valid(OCPP201, action, RESPONSE, "{\"status\": \"Accepted\"}");
        }
        valid(OCPP201, "Reset", RESPONSE,
                "{\"status\": \"Rejected\", \"customData\": {\"vendorId\": \"acme\", \"x\": 1}}");
    }

    @Test
    void aMissingPropertyIsAnOccurrenceViolationSpeltPerVersion() throws Exception {
        invalid(OCPP16, "BootNotification", REQUEST, "{\"chargePointVendor\": \"Acme\"}", "$.chargePointModel",
                V16.OccurenceConstraintViolation);
        invalid(OCPP16, "BootNotification", RESPONSE,
                "{\"status\": \"Accepted\", \"currentTime\": \"2026-12-05T10:00:00Z\"}",
                "$.interval", V16.OccurenceConstraintViolation);
        invalid(OCPP16, "MeterValues", REQUEST, """
                {"connectorId": 1, "meterValue": [{"timestamp": "2026-12-05T10:00:00Z",
                 "sampledValue": [{"unit": "Wh"}]}]}""",
                "$.meterValue[0].sampledValue[0].value", V16.OccurenceConstraintViolation);
        invalid(OCPP201, "BootNotification", REQUEST,
                "{\"reason\": \"PowerUp\", \"chargingStation\": {\"model\": \"AC22\"}}",
                "$.chargingStation.vendorName", V201.OccurrenceConstraintViolation);
        invalid(OCPP201, "TransactionEvent", REQUEST, """
                {"eventType": "Ended", "timestamp": "2026-12-05T11:00:00Z", "triggerReason": "RemoteStop",
                 "seqNo": 2, "transactionInfo": {}}""", "$.transactionInfo.transactionId",
                V201.OccurrenceConstraintViolation);
    }

    @Test
    void tooFewItemsIsAnOccurrenceViolation() throws Exception {
        invalid(OCPP201, "MeterValues", REQUEST, "{\"evseId\": 1, \"meterValue\": []}", "$.meterValue",
                V201.OccurrenceConstraintViolation);
    }

    @Test
    void aWrongJsonTypeIsATypeViolation() throws Exception {
        invalid(OCPP16, "StatusNotification", REQUEST, """
                {"connectorId": "1", "errorCode": "NoError", "status": "Available"}""", "$.connectorId",
                V16.TypeConstraintViolation);
        invalid(OCPP16, "StopTransaction", REQUEST, """
                {"transactionId": 42.5, "meterStop": 9000, "timestamp": "2026-12-05T11:00:00Z"}""", "$.transactionId",
                V16.TypeConstraintViolation);
        invalid(OCPP201, "StatusNotification", REQUEST, """
                {"timestamp": "2026-12-05T10:00:00Z", "connectorStatus": "Occupied", "evseId": "1",
                 "connectorId": 1}""",
                "$.evseId", V201.TypeConstraintViolation);
        invalid(OCPP201, "MeterValues", REQUEST, """
                {"evseId": 1, "meterValue": [{"timestamp": "2026-12-05T10:05:00Z",
                 "sampledValue": [{"value": "12"}]}]}""",
                "$.meterValue[0].sampledValue[0].value", V201.TypeConstraintViolation);
        invalid(OCPP201, "Heartbeat", REQUEST, "[]", "$", V201.TypeConstraintViolation);
    }

    @Test
    void aValueTheSchemaRefusesIsAPropertyViolation() throws Exception {
        invalid(OCPP16, "StatusNotification", REQUEST, """
                {"connectorId": 1, "errorCode": "NoError", "status": "Broken"}""", "$.status",
                V16.PropertyConstraintViolation);
        invalid(OCPP16, "Authorize", REQUEST, "{\"idTag\": \"" + "x".repeat(21) + "\"}", "$.idTag",
                V16.PropertyConstraintViolation);
        invalid(OCPP16, "StartTransaction", REQUEST, """
                {"connectorId": 1, "idTag": "order-1234", "meterStart": 0, "timestamp": "yesterday"}""", "$.timestamp",
                V16.PropertyConstraintViolation);
        invalid(OCPP16, "RemoteStartTransaction", REQUEST, """
                {"idTag": "t", "chargingProfile": {"chargingProfileId": 1, "stackLevel": 0,
                 "chargingProfilePurpose": "TxProfile", "chargingProfileKind": "Relative",
                 "chargingSchedule": {"chargingRateUnit": "A", "chargingSchedulePeriod": [
                   {"startPeriod": 0, "limit": 16.05}]}}}""",
                "$.chargingProfile.chargingSchedule.chargingSchedulePeriod[0].limit", V16.PropertyConstraintViolation);
        invalid(OCPP201, "StatusNotification", REQUEST, """
                {"timestamp": "2026-12-05T10:00:00Z", "connectorStatus": "Charging", "evseId": 1, "connectorId": 1}""",
                "$.connectorStatus", V201.PropertyConstraintViolation);
        invalid(OCPP201, "Authorize", REQUEST, "{\"idToken\": {\"idToken\": \"" + "x".repeat(37)
                + "\", \"type\": \"Central\"}}", "$.idToken.idToken", V201.PropertyConstraintViolation);
        invalid(OCPP201, "TransactionEvent", REQUEST, """
                {"eventType": "Started", "timestamp": "2026-12-05 10:00", "triggerReason": "RemoteStart",
                 "seqNo": 0, "transactionInfo": {"transactionId": "tx-1"}}""", "$.timestamp",
                V201.PropertyConstraintViolation);
    }

    @Test
    void aPropertyThePduDoesNotHaveBreaksItsStructure() throws Exception {
        invalid(OCPP16, "Heartbeat", REQUEST, "{\"uptime\": 5}", "$.uptime", V16.FormationViolation);
        invalid(OCPP201, "Heartbeat", REQUEST, "{\"uptime\": 5}", "$.uptime", V201.ProtocolError);
        invalid(OCPP201, "BootNotification", REQUEST, """
                {"reason": "PowerUp", "chargingStation": {"model": "AC22", "vendorName": "Acme", "colour": "red"}}""",
                "$.chargingStation.colour", V201.ProtocolError);
    }

    @Test
    void anUnknownActionIsNotImplementedAndNeverAPath() throws Exception {
        for (String action : List.of("FlyToTheMoon", "", "BootNotificationResponse", "BootNotificationRequest",
                "../1.6/Reset", "Reset.json", "heartbeat")) {
            invalid(OCPP16, action, REQUEST, "{}", "$", V16.NotImplemented);
            invalid(OCPP201, action, RESPONSE, "{}", "$", V201.NotImplemented);
        }
        invalid(OCPP16, "TransactionEvent", REQUEST, "{}", "$", V16.NotImplemented);
        invalid(OCPP201, "StartTransaction", REQUEST, "{}", "$", V201.NotImplemented);
    }

    @Test
    void ordersViolationsMostFundamentalFirstAndAnswersWithTheFirst() throws Exception {
        List<String> found = violations(OCPP16, "StatusNotification", REQUEST, """
                {"connectorId": "1", "status": "Broken", "colour": "red"}""");
        assertEquals(List.of("$.colour FormationViolation", "$.errorCode OccurenceConstraintViolation",
                "$.connectorId TypeConstraintViolation", "$.status PropertyConstraintViolation"), found);
        Frame.CallError answer = Violation.answer("m7", OcppSchemas.validate(OCPP16, "StatusNotification", REQUEST,
                json.readTree("{\"connectorId\": \"1\", \"status\": \"Broken\", \"colour\": \"red\"}")));
        assertEquals("m7", answer.messageId());
        assertEquals("FormationViolation", answer.errorCode());
        assertTrue(answer.errorDescription().startsWith("$.colour: "), answer.errorDescription());
        assertTrue(answer.errorDescription().endsWith("(and 3 more)"), answer.errorDescription());
    }

    @Test
    void descriptionsNameTheRuleNotTheValue() throws Exception {
        String secret = "s3cr3t-" + "x".repeat(30);
        List<Violation> found = OcppSchemas.validate(OCPP201, "Authorize", REQUEST,
                json.readTree("{\"idToken\": {\"idToken\": \"" + secret + "\", \"type\": \"Magic\"}}"));
        assertEquals(2, found.size(), found.toString());
        for (Violation v : found) {
            assertTrue(!v.description().contains("s3cr3t") && !v.description().contains("Magic"), v.toString());
            assertTrue(!v.description().isBlank() && !v.description().startsWith("$"), v.toString());
        }
        List<Violation> badTime = OcppSchemas.validate(OCPP16, "Heartbeat", RESPONSE,
                json.readTree("{\"currentTime\": \"s3cr3t-o'clock\"}"));
        assertEquals(List.of(new Violation("$.currentTime", V16.PropertyConstraintViolation, "not a valid date-time")),
                badTime);
    }

    @Test
    void everySchemaCompilesAndTheActionListsMatchTheFiles() throws Exception {
        assertEquals(39, OcppSchemas.actions(OCPP16).size());
        assertEquals(64, OcppSchemas.actions(OCPP201).size());
        assertEquals(expectedActions("ocpp/1.6", ".json", "Response.json"), new TreeSet<>(OcppSchemas.actions(OCPP16)));
        assertEquals(expectedActions("ocpp/2.0.1", "Request.json", null), new TreeSet<>(OcppSchemas.actions(OCPP201)));
        for (OcppVersion v : OcppVersion.values()) {
            OcppSchemas.warmUp(v);
            for (String action : OcppSchemas.actions(v)) {
                for (Direction d : Direction.values()) {
                    assertTrue(!OcppSchemas.validate(v, action, d, json.readTree("[]")).isEmpty(),
                            v + " " + action + " " + d + " accepts an array");
                }
            }
        }
    }

    /** The action names of the schema files in a folder: those ending in {@code suffix} but not in {@code not}. */
    private static Set<String> expectedActions(String folder, String suffix, String not) throws Exception {
        URL url = OcppSchemasTest.class.getClassLoader().getResource(folder);
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            Set<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(suffix) && (not == null || !n.endsWith(not)))
                    .map(n -> n.substring(0, n.length() - suffix.length()))
                    .collect(Collectors.toCollection(TreeSet::new));
            for (String n : names) {
                assertTrue(Files.exists(Path.of(url.toURI()).resolve(n + "Response.json")), n);
            }
            return names;
        }
    }

    /**
     * Found by fuzzing charger-service (issue 21): a number beyond a double ({@code 1e400}) and an empty property name
     * made the schema validator throw, and the CALL went unanswered. Each is now a violation with the spec's code.
     */
    @Test
    void a_number_out_of_range_or_an_empty_property_name_is_a_violation_not_a_failure() throws Exception {
        invalid(OCPP16, "FirmwareStatusNotification", REQUEST, "{\"status\": 1e400}", "$.status",
                V16.PropertyConstraintViolation);
        invalid(OCPP201, "MeterValues", REQUEST, """
                {"evseId": 1, "meterValue": [{"timestamp": "2026-01-01T00:00:00Z",
                 "sampledValue": [{"value": -1.7976931348623157e309}]}]}""",
                "$.meterValue[0].sampledValue[0].value", V201.PropertyConstraintViolation);
        invalid(OCPP16, "FirmwareStatusNotification", REQUEST, "{\"status\": \"Idle\", \"\": 1}", "$",
                V16.FormationViolation);
        invalid(OCPP201, "Authorize", REQUEST, "{\"idToken\": {\"idToken\": \"T\", \"type\": \"Central\"}, \"\": 1}",
                "$", V201.FormatViolation);
    }
}
