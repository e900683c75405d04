package org.evcharging.bpp.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.evcharging.bpp.ocpp.ErrorCode;
import org.evcharging.bpp.ocpp.Frame;
import org.evcharging.bpp.ocpp.OcppVersion;

/** OCPP-J 1.6: StartTransaction, MeterValues and StopTransaction, numbered by the central system. */
final class Ocpp16Dialect implements Dialect {

    @Override
    public OcppVersion version() {
        return OcppVersion.OCPP_1_6;
    }

    @Override
    public ObjectNode bootNotification(FleetOptions options) {
        return Json.object()
                .put("chargePointVendor", options.vendor())
                .put("chargePointModel", options.model())
                .put("firmwareVersion", options.firmwareVersion());
    }

    @Override
    public List<ObjectNode> chargerStatus(Instant at) {
        return List.of(status(0, "Available", "NoError", at));
    }

    @Override
    public String wireStatus(ConnectorStatus status) {
        return switch (status) {
            case AVAILABLE -> "Available";
            case PREPARING -> "Preparing";
            case CHARGING -> "Charging";
            case SUSPENDED_EV -> "SuspendedEV";
            case FINISHING -> "Finishing";
            case FAULTED -> "Faulted";
            case UNAVAILABLE -> "Unavailable";
        };
    }

    @Override
    public ObjectNode statusNotification(ConnectorSpec connector, ConnectorStatus status, Instant at) {
        String errorCode = status == ConnectorStatus.FAULTED ? "GroundFailure" : "NoError";
        return status(connector.connectorId(), wireStatus(status), errorCode, at);
    }

    private static ObjectNode status(int connectorId, String status, String errorCode, Instant at) {
        return Json.object()
                .put("connectorId", connectorId)
                .put("errorCode", errorCode)
                .put("status", status)
                .put("timestamp", Json.time(at));
    }

    @Override
    public Incoming interpret(Frame.Call call) {
        ObjectNode p = call.payload();
        return switch (call.action()) {
            case "RemoteStartTransaction" -> new Incoming.RemoteStart(
                    p.has("connectorId") ? p.get("connectorId").intValue() : null, p.get("idTag"), null);
            case "RemoteStopTransaction" -> new Incoming.RemoteStop(String.valueOf(p.get("transactionId").longValue()));
            case "ChangeAvailability" -> new Incoming.ChangeAvailability(p.get("connectorId").intValue(),
                    "Operative".equals(p.get("type").textValue()));
            case "Reset" -> new Incoming.Reset();
            case "TriggerMessage" -> new Incoming.Trigger(p.get("requestedMessage").textValue(),
                    p.has("connectorId") ? p.get("connectorId").intValue() : null);
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
        return ErrorCode.V16.NotSupported;
    }

    @Override
    public String newTransactionId() {
        return null;
    }

    @Override
    public String transactionAction(TransactionPhase phase) {
        return switch (phase) {
            case STARTED -> "StartTransaction";
            case UPDATED -> "MeterValues";
            case ENDED -> "StopTransaction";
        };
    }

    @Override
    public Optional<ObjectNode> transactionMessage(SimTransaction tx, TransactionPhase phase, MeterSample sample,
            StopReason reason, boolean offline) {
        int connectorId = tx.connector.spec.connectorId();
        if (phase == TransactionPhase.STARTED) {
            return Optional.of(Json.object()
                    .put("connectorId", connectorId)
                    .put("idTag", tx.idToken.textValue())
                    .put("meterStart", sample.registerWh())
                    .put("timestamp", Json.time(sample.timestamp())));
        }
        if (tx.transactionId() == null) {
            return Optional.empty();
        }
        int id = Integer.parseInt(tx.transactionId());
        if (phase == TransactionPhase.UPDATED) {
            ObjectNode message = Json.object().put("connectorId", connectorId).put("transactionId", id);
            message.putArray("meterValue").add(meterValue(sample, "Sample.Periodic"));
            return Optional.of(message);
        }
        ObjectNode message = Json.object()
                .put("transactionId", id)
                .put("meterStop", sample.registerWh())
                .put("timestamp", Json.time(sample.timestamp()))
                .put("reason", reason(reason));
        ArrayNode data = message.putArray("transactionData");
        data.add(meterValue(tx.begin, "Transaction.Begin"));
        data.add(meterValue(sample, "Transaction.End"));
        return Optional.of(message);
    }

    private static String reason(StopReason reason) {
        return switch (reason) {
            case REMOTE -> "Remote";
            case EV_DISCONNECTED -> "EVDisconnected";
            case OTHER -> "Other";
            case DEAUTHORIZED -> "DeAuthorized";
        };
    }

    /** 1.6 writes sampled values as strings. */
    private static ObjectNode meterValue(MeterSample sample, String context) {
        ObjectNode value = Json.object().put("timestamp", Json.time(sample.timestamp()));
        ArrayNode sampled = value.putArray("sampledValue");
        sampled.addObject()
                .put("value", Long.toString(sample.registerWh()))
                .put("context", context)
                .put("measurand", "Energy.Active.Import.Register")
                .put("unit", "Wh");
        sampled.addObject()
                .put("value", Long.toString(sample.powerW()))
                .put("context", context)
                .put("measurand", "Power.Active.Import")
                .put("unit", "W");
        if (sample.socPercent() < 0) {
            return value; // the charger does not know the EV's state of charge
        }
        sampled.addObject()
                .put("value", Integer.toString(sample.socPercent()))
                .put("context", context)
                .put("measurand", "SoC")
                .put("unit", "Percent");
        return value;
    }

    @Override
    public Optional<String> takeAnswer(SimTransaction tx, TransactionPhase phase, ObjectNode answer) {
        if (phase == TransactionPhase.STARTED) {
            tx.identified(Integer.toString(answer.get("transactionId").intValue()));
        }
        return Optional.ofNullable(answer.path("idTagInfo").path("status").textValue());
    }
}
