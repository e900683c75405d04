package org.evcharging.bpp.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.evcharging.bpp.ocpp.OcppVersion;

/** The central system's side of each version, as the tests need it: the CALLs it sends and how to read the replies. */
final class TestMessages {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private TestMessages() {
    }

    static String startAction(OcppVersion v) {
        return v == OcppVersion.OCPP_1_6 ? "RemoteStartTransaction" : "RequestStartTransaction";
    }

    static String stopAction(OcppVersion v) {
        return v == OcppVersion.OCPP_1_6 ? "RemoteStopTransaction" : "RequestStopTransaction";
    }

    static ObjectNode start(OcppVersion v, int evseId, String idTag, int remoteStartId) {
        if (v == OcppVersion.OCPP_1_6) {
            return JSON.objectNode().put("connectorId", evseId).put("idTag", idTag);
        }
        ObjectNode start = JSON.objectNode();
        start.putObject("idToken").put("idToken", idTag).put("type", "Central");
        return start.put("remoteStartId", remoteStartId).put("evseId", evseId);
    }

    static ObjectNode stop(OcppVersion v, String transactionId) {
        return v == OcppVersion.OCPP_1_6
                ? JSON.objectNode().put("transactionId", Integer.parseInt(transactionId))
                : JSON.objectNode().put("transactionId", transactionId);
    }

    /** The transaction messages a charger sent, in order, of one phase (1.6 by action, 2.0.1 by eventType). */
    static List<FakeCentralSystem.Sent> transactionMessages(FakeCentralSystem central, String chargerId,
            OcppVersion v, TransactionPhase phase) {
        if (v == OcppVersion.OCPP_1_6) {
            String action = switch (phase) {
                case STARTED -> "StartTransaction";
                case UPDATED -> "MeterValues";
                case ENDED -> "StopTransaction";
            };
            return central.sent(chargerId, action);
        }
        String type = switch (phase) {
            case STARTED -> "Started";
            case UPDATED -> "Updated";
            case ENDED -> "Ended";
        };
        return central.sent(chargerId, "TransactionEvent")
                .stream()
                .filter(s -> s.payload().path("eventType").asText().equals(type))
                .toList();
    }

    /** The energy register a transaction message reports, Wh. */
    static long energyWh(OcppVersion v, ObjectNode message) {
        if (v == OcppVersion.OCPP_1_6) {
            if (message.has("meterStart")) {
                return message.get("meterStart").longValue();
            }
            if (message.has("meterStop")) {
                return message.get("meterStop").longValue();
            }
        }
        for (JsonNode s : message.path("meterValue").get(0).path("sampledValue")) {
            if (s.path("measurand").asText().equals("Energy.Active.Import.Register")) {
                JsonNode value = s.get("value");
                return value.isTextual() ? Long.parseLong(value.textValue()) : value.longValue();
            }
        }
        throw new AssertionError("no energy register in " + message);
    }

    /** When a transaction message says it happened. */
    static Instant timestamp(ObjectNode message) {
        if (message.has("timestamp")) {
            return Instant.parse(message.get("timestamp").textValue());
        }
        return Instant.parse(message.path("meterValue").get(0).path("timestamp").textValue());
    }

    static String stopReason(OcppVersion v, ObjectNode ended) {
        return v == OcppVersion.OCPP_1_6 ? ended.path("reason").asText()
                : ended.path("transactionInfo").path("stoppedReason").asText();
    }

    /** The status a StatusNotification reports, for connector / EVSE {@code evseId} (1.6 0: the charger). */
    static List<String> statuses(FakeCentralSystem central, String chargerId, OcppVersion v, int evseId) {
        return central.sent(chargerId, "StatusNotification")
                .stream()
                .map(FakeCentralSystem.Sent::payload)
                .filter(p -> (v == OcppVersion.OCPP_1_6 ? p.path("connectorId") : p.path("evseId"))
                        .asInt() == evseId)
                .map(p -> (v == OcppVersion.OCPP_1_6 ? p.path("status") : p.path("connectorStatus")).asText())
                .toList();
    }
}
