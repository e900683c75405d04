package org.evcharging.bpp.charger.api.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import org.evcharging.bpp.charger.application.stations.Stations;
import org.evcharging.bpp.charger.application.transactions.Transactions;
import org.evcharging.bpp.charger.domain.Protocol;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.ocpp.ErrorCode;

/**
 * OCPP 1.6J from a charge point: BootNotification, Heartbeat, StatusNotification, Authorize, StartTransaction,
 * MeterValues, StopTransaction (with its transactionData); the other CALLs of the version a central system does not
 * take (DataTransfer, firmware and diagnostics notifications) are answered NotSupported.
 */
@ApplicationScoped
public class Ocpp16Messages implements ChargerMessages {

    private static final SafeLog LOG = SafeLog.of(Ocpp16Messages.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Inject
    Stations stations;

    @Inject
    Transactions transactions;

    @Override
    public ObjectNode handle(From from, String action, ObjectNode p) {
        String cp = from.chargePointId();
        return switch (action) {
            case "BootNotification" -> {
                Stations.BootAnswer a = stations.boot(cp, from.link(), text(p, "chargePointVendor"),
                        text(p, "chargePointModel"), text(p, "firmwareVersion"), text(p, "chargePointSerialNumber"));
                yield F.objectNode().put("status", a.status()).put("currentTime", now()).put("interval",
                        a.intervalSeconds());
            }
            case "Heartbeat" -> F.objectNode().put("currentTime", stations.heartbeat(cp, from.link()).toString());
            case "StatusNotification" -> {
                int connector = p.path("connectorId").asInt();
                if (!stations.status(cp, from.link(), connector, connector, text(p, "status"), text(p, "errorCode"),
                        time(p.path("timestamp"), Instant.now()))) {
                    LOG.log(Level.WARNING, "cp={0} connector={1}: StatusNotification of a connector that is not"
                            + " registered", new Object[] {cp, String.valueOf(connector)});
                }
                yield F.objectNode();
            }
            case "Authorize" -> {
                boolean ok = transactions.authorize(cp, from.link(), text(p, "idTag"));
                yield idTagInfo(F.objectNode(), ok);
            }
            case "StartTransaction" -> {
                int connector = p.path("connectorId").asInt();
                Transactions.StartAnswer a = transactions.started(cp, from.link(), connector, connector,
                        text(p, "idTag"), null, null, p.path("meterStart").asLong(),
                        time(p.path("timestamp"), Instant.now()));
                ObjectNode out = F.objectNode().put("transactionId", a.transactionId());
                yield idTagInfo(out, a.accepted());
            }
            case "MeterValues" -> {
                if (!p.hasNonNull("transactionId")) {
                    // a reading of a connector (a triggered one may name no transaction): its charging transaction's
                    if (p.path("connectorId").asInt() > 0) {
                        transactions.meteredOnConnector(cp, from.link(), p.path("connectorId").asInt(),
                                samples(p.path("meterValue")));
                    }
                    yield F.objectNode();
                }
                if (!transactions.metered(cp, from.link(), Protocol.OCPP16, p.path("transactionId").asText(),
                        samples(p.path("meterValue")))) {
                    throw new OcppRefusal(ErrorCode.V16.PropertyConstraintViolation,
                            "$.transactionId: no such transaction at this charge point");
                }
                yield F.objectNode();
            }
            case "StopTransaction" -> {
                List<Transactions.Sample> data = samples(p.path("transactionData"));
                if (!transactions.ended(cp, from.link(), Protocol.OCPP16, p.path("transactionId").asText(),
                        p.path("meterStop").asLong(), time(p.path("timestamp"), Instant.now()),
                        p.hasNonNull("reason") ? text(p, "reason") : "Local", data)) {
                    // answered all the same: a charger must be able to empty its queue
                    LOG.log(Level.WARNING, "cp={0} ocpp-txn={1}: StopTransaction of a transaction we never issued",
                            new Object[] {cp, p.path("transactionId").asText()});
                }
                yield p.hasNonNull("idTag") ? idTagInfo(F.objectNode(), true) : F.objectNode();
            }
            default -> throw new OcppRefusal(ErrorCode.V16.NotSupported,
                    action + " is not supported by this central system");
        };
    }

    private static ObjectNode idTagInfo(ObjectNode out, boolean accepted) {
        out.putObject("idTagInfo").put("status", accepted ? "Accepted" : "Invalid");
        return out;
    }

    /** 1.6 MeterValue[]: each with a timestamp and sampledValue[] of measurands (default the energy register, Wh). */
    static List<Transactions.Sample> samples(JsonNode meterValues) {
        List<Transactions.Sample> out = new ArrayList<>();
        for (JsonNode mv : meterValues) {
            Instant at = time(mv.path("timestamp"), null);
            if (at == null) {
                continue;
            }
            SampledValues values = new SampledValues();
            for (JsonNode sv : mv.path("sampledValue")) {
                if (!sv.path("phase").isMissingNode()) {
                    continue; // per-phase values: the totals are what is billed
                }
                try {
                    values.add(sv.path("measurand").asText(SampledValues.ENERGY), sv.path("unit").asText(""),
                            Double.parseDouble(sv.path("value").asText()));
                } catch (NumberFormatException e) {
                    // not a number: left out
                }
            }
            out.add(values.at(at));
        }
        return out;
    }

    static Instant time(JsonNode node, Instant otherwise) {
        if (node == null || !node.isTextual()) {
            return otherwise;
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return otherwise;
        }
    }

    static String text(JsonNode p, String field) {
        JsonNode n = p.path(field);
        return n.isTextual() ? n.asText() : null;
    }

    private static String now() {
        return Instant.now().toString();
    }
}
