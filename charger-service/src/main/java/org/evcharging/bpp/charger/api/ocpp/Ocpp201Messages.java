package org.evcharging.bpp.charger.api.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;

import org.evcharging.bpp.charger.application.stations.Stations;
import org.evcharging.bpp.charger.application.transactions.Transactions;
import org.evcharging.bpp.charger.domain.Protocol;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.ocpp.ErrorCode;

/**
 * OCPP 2.0.1 from a charging station: BootNotification, Heartbeat, StatusNotification, Authorize, TransactionEvent
 * (Started / Updated / Ended, with meter values), and the notifications a station sends on its own, taken and
 * answered (NotifyEvent, SecurityEventNotification, …). Anything else is answered NotSupported.
 */
@ApplicationScoped
public class Ocpp201Messages implements ChargerMessages {

    private static final SafeLog LOG = SafeLog.of(Ocpp201Messages.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** Reports a station sends unasked whose answer is empty: taken (logged at fine level), nothing to act on. */
    private static final Set<String> NOTED = Set.of("NotifyEvent", "SecurityEventNotification", "NotifyReport",
            "FirmwareStatusNotification", "LogStatusNotification", "NotifyMonitoringReport", "MeterValues");

    @Inject
    Stations stations;

    @Inject
    Transactions transactions;

    @Override
    public ObjectNode handle(From from, String action, ObjectNode p) {
        String cp = from.chargePointId();
        if (NOTED.contains(action)) {
            return F.objectNode();
        }
        return switch (action) {
            case "BootNotification" -> {
                JsonNode station = p.path("chargingStation");
                Stations.BootAnswer a = stations.boot(cp, from.link(), Ocpp16Messages.text(station, "vendorName"),
                        Ocpp16Messages.text(station, "model"), Ocpp16Messages.text(station, "firmwareVersion"),
                        Ocpp16Messages.text(station, "serialNumber"));
                yield F.objectNode().put("currentTime", Instant.now().toString()).put("interval", a.intervalSeconds())
                        .put("status", a.status());
            }
            case "Heartbeat" -> F.objectNode().put("currentTime", stations.heartbeat(cp, from.link()).toString());
            case "StatusNotification" -> {
                int evse = p.path("evseId").asInt();
                int connector = p.path("connectorId").asInt();
                String status = Ocpp16Messages.text(p, "connectorStatus");
                if (!stations.status(cp, from.link(), evse, connector, status,
                        "Faulted".equals(status) ? "Faulted" : "NoError",
                        Ocpp16Messages.time(p.path("timestamp"), Instant.now()))) {
                    LOG.log(Level.WARNING, "cp={0} evse={1} connector={2}: StatusNotification of a connector that is"
                            + " not registered", new Object[] {cp, String.valueOf(evse), String.valueOf(connector)});
                }
                yield F.objectNode();
            }
            case "Authorize" -> idTokenInfo(F.objectNode(),
                    transactions.authorize(cp, from.link(), p.path("idToken").path("idToken").asText()));
            case "TransactionEvent" -> transactionEvent(from, p);
            default -> throw new OcppRefusal(ErrorCode.V201.NotSupported,
                    action + " is not supported by this central system");
        };
    }

    private ObjectNode transactionEvent(From from, ObjectNode p) {
        String cp = from.chargePointId();
        JsonNode info = p.path("transactionInfo");
        String txId = info.path("transactionId").asText();
        Instant at = Ocpp16Messages.time(p.path("timestamp"), Instant.now());
        List<Transactions.Sample> samples = samples(p.path("meterValue"));
        String idToken = p.path("idToken").path("idToken").isTextual() ? p.path("idToken").path("idToken").asText()
                : null;
        ObjectNode out = F.objectNode();
        switch (p.path("eventType").asText()) {
            case "Started" -> {
                JsonNode evse = p.path("evse");
                Long meterStart = samples.stream().filter(s -> s.energyWh() != null)
                        .min(Comparator.comparing(Transactions.Sample::at)).map(Transactions.Sample::energyWh)
                        .orElse(null);
                Transactions.StartAnswer a = transactions.started(cp, from.link(), evse.path("id").asInt(1),
                        evse.path("connectorId").asInt(1), idToken, txId,
                        info.hasNonNull("remoteStartId") ? info.path("remoteStartId").asInt() : null, meterStart, at);
                transactions.metered(cp, from.link(), Protocol.OCPP201, txId, samples);
                if (idToken != null || !a.accepted()) {
                    idTokenInfo(out, a.accepted());
                }
            }
            case "Updated" -> {
                if (!transactions.metered(cp, from.link(), Protocol.OCPP201, txId, samples)) {
                    throw new OcppRefusal(ErrorCode.V201.PropertyConstraintViolation,
                            "$.transactionInfo.transactionId: no such transaction at this station");
                }
                if (idToken != null) {
                    idTokenInfo(out, transactions.authorize(cp, from.link(), idToken));
                }
            }
            default -> {
                Long meterStop = samples.stream().filter(s -> s.energyWh() != null)
                        .max(Comparator.comparing(Transactions.Sample::at)).map(Transactions.Sample::energyWh)
                        .orElse(null);
                String reason = info.hasNonNull("stoppedReason") ? info.path("stoppedReason").asText() : "Local";
                if (!transactions.ended(cp, from.link(), Protocol.OCPP201, txId, meterStop, at, reason, samples)) {
                    LOG.log(Level.WARNING, "cp={0} ocpp-txn={1}: TransactionEvent Ended of a transaction we do not"
                            + " know", new Object[] {cp, txId});
                }
            }
        }
        return out;
    }

    private static ObjectNode idTokenInfo(ObjectNode out, boolean accepted) {
        out.putObject("idTokenInfo").put("status", accepted ? "Accepted" : "Invalid");
        return out;
    }

    /** 2.0.1 MeterValue[]: numeric sampled values, unit and power-of-ten multiplier in unitOfMeasure. */
    static List<Transactions.Sample> samples(JsonNode meterValues) {
        List<Transactions.Sample> out = new ArrayList<>();
        for (JsonNode mv : meterValues) {
            Instant at = Ocpp16Messages.time(mv.path("timestamp"), null);
            if (at == null) {
                continue;
            }
            SampledValues values = new SampledValues();
            for (JsonNode sv : mv.path("sampledValue")) {
                if (!sv.path("phase").isMissingNode() || !sv.path("value").isNumber()) {
                    continue; // per-phase values: the totals are what is billed
                }
                String measurand = sv.path("measurand").asText(SampledValues.ENERGY);
                JsonNode unitOf = sv.path("unitOfMeasure");
                values.add(measurand, unitOf.path("unit").asText(SampledValues.ENERGY.equals(measurand) ? "Wh" : ""),
                        sv.path("value").asDouble() * Math.pow(10, unitOf.path("multiplier").asInt(0)));
            }
            out.add(values.at(at));
        }
        return out;
    }
}
