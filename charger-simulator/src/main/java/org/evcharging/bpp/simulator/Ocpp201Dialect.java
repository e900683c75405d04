package org.evcharging.bpp.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.evcharging.bpp.ocpp.ErrorCode;
import org.evcharging.bpp.ocpp.Frame;
import org.evcharging.bpp.ocpp.OcppVersion;

/** OCPP 2.0.1: one TransactionEvent for start, update and end, numbered by the charger with seqNo. */
final class Ocpp201Dialect implements Dialect {

    @Override
    public OcppVersion version() {
        return OcppVersion.OCPP_2_0_1;
    }

    @Override
    public ObjectNode bootNotification(FleetOptions options) {
        ObjectNode boot = Json.object().put("reason", "PowerUp");
        boot.putObject("chargingStation")
                .put("model", options.model())
                .put("vendorName", options.vendor())
                .put("firmwareVersion", options.firmwareVersion());
        return boot;
    }

    @Override
    public List<ObjectNode> chargerStatus(Instant at) {
        return List.of();
    }

    @Override
    public String wireStatus(ConnectorStatus status) {
        return switch (status) {
            case AVAILABLE -> "Available";
            case FAULTED -> "Faulted";
            case UNAVAILABLE -> "Unavailable";
            default -> "Occupied";
        };
    }

    @Override
    public ObjectNode statusNotification(ConnectorSpec connector, ConnectorStatus status, Instant at) {
        return Json.object()
                .put("timestamp", Json.time(at))
                .put("connectorStatus", wireStatus(status))
                .put("evseId", connector.evseId())
                .put("connectorId", connector.connectorId());
    }

    @Override
    public Incoming interpret(Frame.Call call) {
        ObjectNode p = call.payload();
        return switch (call.action()) {
            case "RequestStartTransaction" -> new Incoming.RemoteStart(
                    p.has("evseId") ? p.get("evseId").intValue() : null, p.get("idToken"),
                    p.get("remoteStartId").intValue());
            case "RequestStopTransaction" -> new Incoming.RemoteStop(p.get("transactionId").textValue());
            case "ChangeAvailability" -> new Incoming.ChangeAvailability(
                    p.has("evse") ? p.get("evse").get("id").intValue() : null,
                    "Operative".equals(p.get("operationalStatus").textValue()));
            case "Reset" -> new Incoming.Reset();
            case "TriggerMessage" -> new Incoming.Trigger(p.get("requestedMessage").textValue(),
                    p.has("evse") ? p.get("evse").get("id").intValue() : null);
            default -> new Incoming.Unsupported();
        };
    }

    @Override
    public ObjectNode startAnswer(boolean accepted) {
        return Json.object().put("status", accepted ? "Accepted" : "Rejected");
    }

    @Override
    public ObjectNode stopAnswer(boolean accepted) {
        return startAnswer(accepted);
    }

    @Override
    public ErrorCode notSupported() {
        return ErrorCode.V201.NotSupported;
    }

    @Override
    public String newTransactionId() {
        return UUID.randomUUID().toString();
    }

    @Override
    public String transactionAction(TransactionPhase phase) {
        return "TransactionEvent";
    }

    @Override
    public Optional<ObjectNode> transactionMessage(SimTransaction tx, TransactionPhase phase, MeterSample sample,
            StopReason reason, boolean offline) {
        ObjectNode event = Json.object()
                .put("eventType", switch (phase) {
                    case STARTED -> "Started";
                    case UPDATED -> "Updated";
                    case ENDED -> "Ended";
                })
                .put("timestamp", Json.time(sample.timestamp()))
                .put("triggerReason", triggerReason(phase, reason))
                .put("seqNo", tx.nextSeqNo());
        if (offline) {
            event.put("offline", true);
        }
        ObjectNode info = event.putObject("transactionInfo").put("transactionId", tx.transactionId());
        String context = "Sample.Periodic";
        if (phase == TransactionPhase.STARTED) {
            info.put("chargingState", "Charging").put("remoteStartId", tx.remoteStartId);
            event.set("idToken", tx.idToken.deepCopy());
            event.putObject("evse").put("id", tx.connector.spec.evseId()).put("connectorId",
                    tx.connector.spec.connectorId());
            context = "Transaction.Begin";
        } else if (phase == TransactionPhase.ENDED) {
            info.put("stoppedReason", stoppedReason(reason));
            context = "Transaction.End";
        }
        ObjectNode value = event.putArray("meterValue").addObject().put("timestamp", Json.time(sample.timestamp()));
        var sampled = value.putArray("sampledValue");
        sampled.addObject()
                .put("value", sample.registerWh())
                .put("context", context)
                .put("measurand", "Energy.Active.Import.Register")
                .putObject("unitOfMeasure")
                .put("unit", "Wh");
        sampled.addObject()
                .put("value", sample.powerW())
                .put("context", context)
                .put("measurand", "Power.Active.Import")
                .putObject("unitOfMeasure")
                .put("unit", "W");
        if (sample.socPercent() >= 0) { // else the charger does not know the EV's state of charge
            sampled.addObject()
                    .put("value", sample.socPercent())
                    .put("context", context)
                    .put("measurand", "SoC")
                    .putObject("unitOfMeasure")
                    .put("unit", "Percent");
        }
        return Optional.of(event);
    }

    private static String triggerReason(TransactionPhase phase, StopReason reason) {
        if (phase == TransactionPhase.STARTED) {
            return "RemoteStart";
        }
        if (phase == TransactionPhase.UPDATED) {
            return "MeterValuePeriodic";
        }
        return switch (reason) {
            case REMOTE -> "RemoteStop";
            case EV_DISCONNECTED -> "EVDeparted";
            case OTHER -> "AbnormalCondition";
            case DEAUTHORIZED -> "Deauthorized";
        };
    }

    private static String stoppedReason(StopReason reason) {
        return switch (reason) {
            case REMOTE -> "Remote";
            case EV_DISCONNECTED -> "EVDisconnected";
            case OTHER -> "Other";
            case DEAUTHORIZED -> "DeAuthorized";
        };
    }

    @Override
    public Optional<String> takeAnswer(SimTransaction tx, TransactionPhase phase, ObjectNode answer) {
        return Optional.ofNullable(answer.path("idTokenInfo").path("status").textValue());
    }
}
