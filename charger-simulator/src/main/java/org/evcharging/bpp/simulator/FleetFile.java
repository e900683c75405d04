package org.evcharging.bpp.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.evcharging.bpp.ocpp.OcppVersion;

/**
 * A fleet described in JSON, for {@link SimulatorMain} and the local suite:
 *
 * <pre>
 * {
 *   "options": {"meterIntervalSeconds": 5, "timeScale": 60, "batteryKwh": 60, "startSocPercent": 20},
 *   "chargers": [
 *     {"id": "CP-1", "password": "...", "version": "ocpp1.6", "connectors": [{"connectorId": 1, "powerKw": 22}]},
 *     {"id": "CS-2", "password": "...", "version": "ocpp2.0.1",
 *      "connectors": [{"evseId": 1, "connectorId": 1, "powerKw": 150}]}
 *   ]
 * }
 * </pre>
 *
 * Every option may be left out ({@link FleetOptions#defaults()}); the others are {@code vendor}, {@code model},
 * {@code firmwareVersion}, {@code callTimeoutSeconds}, {@code reconnectInitialSeconds} and
 * {@code reconnectMaxSeconds}. A connector's {@code evseId} defaults to its {@code connectorId}.
 */
record FleetFile(FleetOptions options, List<ChargerSpec> chargers) {

    static FleetFile read(Path file) throws IOException {
        return parse(new ObjectMapper().readTree(file.toFile()));
    }

    static FleetFile parse(JsonNode root) {
        FleetOptions o = FleetOptions.defaults();
        JsonNode opts = root.path("options");
        o = o.withMeterInterval(seconds(opts, "meterIntervalSeconds", o.meterInterval()))
                .withTimeScale(opts.path("timeScale").asDouble(o.timeScale()))
                .withBattery(opts.path("batteryKwh").asDouble(o.batteryKwh()),
                        opts.path("startSocPercent").asDouble(o.startSocPercent()))
                .withIdentity(opts.path("vendor").asText(o.vendor()), opts.path("model").asText(o.model()),
                        opts.path("firmwareVersion").asText(o.firmwareVersion()))
                .withCallTimeout(seconds(opts, "callTimeoutSeconds", o.callTimeout()))
                .withReconnect(seconds(opts, "reconnectInitialSeconds", o.reconnectInitial()),
                        seconds(opts, "reconnectMaxSeconds", o.reconnectMax()));
        List<ChargerSpec> chargers = new ArrayList<>();
        JsonNode list = root.path("chargers");
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("the fleet file needs a non-empty \"chargers\" array");
        }
        for (JsonNode c : list) {
            List<ConnectorSpec> connectors = new ArrayList<>();
            for (JsonNode k : c.path("connectors")) {
                int connectorId = k.path("connectorId").asInt(1);
                connectors.add(new ConnectorSpec(k.path("evseId").asInt(connectorId), connectorId,
                        k.path("powerKw").asDouble(22)));
            }
            chargers.add(new ChargerSpec(required(c, "id"), required(c, "password"), version(required(c, "version")),
                    connectors));
        }
        return new FleetFile(o, chargers);
    }

    private static OcppVersion version(String subprotocol) {
        for (OcppVersion v : OcppVersion.values()) {
            if (v.subprotocol().equals(subprotocol)) {
                return v;
            }
        }
        throw new IllegalArgumentException("version must be ocpp1.6 or ocpp2.0.1");
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("each charger needs a text \"" + field + "\"");
        }
        return value.textValue();
    }

    private static Duration seconds(JsonNode options, String field, Duration fallback) {
        JsonNode value = options.get(field);
        return value == null ? fallback : Duration.ofMillis(Math.round(value.asDouble() * 1000));
    }
}
