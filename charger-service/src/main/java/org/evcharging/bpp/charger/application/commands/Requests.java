package org.evcharging.bpp.charger.application.commands;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.evcharging.bpp.charger.domain.ChargingTransaction;
import org.evcharging.bpp.ocpp.OcppVersion;

/**
 * The CALLs the central system sends, in each version's words: what to call the action and what its payload is. Each
 * is checked against the OCA schema when sent (the kit's OutgoingCalls), so a mistake here fails loudly, not at a
 * charger.
 */
public final class Requests {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** An action and its payload. */
    public record Request(String action, ObjectNode payload) {
    }

    private Requests() {
    }

    /** Start the order's transaction: the order id is the idTag (1.6) / idToken (2.0.1), our id the remoteStartId. */
    public static Request remoteStart(OcppVersion v, ChargingTransaction t) {
        if (v == OcppVersion.OCPP_1_6) {
            ObjectNode p = F.objectNode().put("connectorId", t.connectorId()).put("idTag", t.idTag());
            return new Request("RemoteStartTransaction", p);
        }
        ObjectNode p = F.objectNode().put("evseId", t.evseId()).put("remoteStartId", t.id().intValue());
        p.putObject("idToken").put("idToken", t.idTag()).put("type", "Central");
        return new Request("RequestStartTransaction", p);
    }

    public static Request remoteStop(OcppVersion v, ChargingTransaction t) {
        if (v == OcppVersion.OCPP_1_6) {
            return new Request("RemoteStopTransaction", F.objectNode().put("transactionId", t.id().intValue()));
        }
        return new Request("RequestStopTransaction", F.objectNode().put("transactionId", t.ocppTransactionId()));
    }

    /**
     * A meter reading of the transaction now: TriggerMessage MeterValues of its connector (1.6), TransactionEvent of its
     * EVSE (2.0.1, whose MeterValues carry no transaction).
     */
    public static Request readMeterNow(OcppVersion v, ChargingTransaction t) {
        return v == OcppVersion.OCPP_1_6 ? trigger(v, "MeterValues", 0, t.connectorId())
                : trigger(v, "TransactionEvent", t.evseId(), 0);
    }

    /** Operative or not; connector 0 (1.6) or EVSE 0 (2.0.1) is the whole charger. */
    public static Request changeAvailability(OcppVersion v, int evseId, int connectorId, boolean operative) {
        if (v == OcppVersion.OCPP_1_6) {
            return new Request("ChangeAvailability", F.objectNode().put("connectorId", connectorId).put("type",
                    operative ? "Operative" : "Inoperative"));
        }
        ObjectNode p = F.objectNode().put("operationalStatus", operative ? "Operative" : "Inoperative");
        if (evseId > 0) {
            ObjectNode evse = p.putObject("evse").put("id", evseId);
            if (connectorId > 0) {
                evse.put("connectorId", connectorId);
            }
        }
        return new Request("ChangeAvailability", p);
    }

    public static Request reset(OcppVersion v, boolean hard) {
        if (v == OcppVersion.OCPP_1_6) {
            return new Request("Reset", F.objectNode().put("type", hard ? "Hard" : "Soft"));
        }
        return new Request("Reset", F.objectNode().put("type", hard ? "Immediate" : "OnIdle"));
    }

    /**
     * Ask the charger to send a message now: {@code BootNotification}, {@code Heartbeat}, {@code StatusNotification},
     * {@code MeterValues} (both versions' names for them).
     */
    public static Request trigger(OcppVersion v, String message, int evseId, int connectorId) {
        if (v == OcppVersion.OCPP_1_6) {
            ObjectNode p = F.objectNode().put("requestedMessage", message);
            if (connectorId > 0) {
                p.put("connectorId", connectorId);
            }
            return new Request("TriggerMessage", p);
        }
        ObjectNode p = F.objectNode().put("requestedMessage", message);
        if (evseId > 0) {
            ObjectNode evse = p.putObject("evse").put("id", evseId);
            if (connectorId > 0) {
                evse.put("connectorId", connectorId);
            }
        }
        return new Request("TriggerMessage", p);
    }
}
