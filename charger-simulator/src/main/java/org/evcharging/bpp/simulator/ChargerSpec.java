package org.evcharging.bpp.simulator;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.evcharging.bpp.ocpp.OcppVersion;

/**
 * One simulated charge point: the identity and password it presents in the WebSocket handshake (HTTP Basic, OCPP
 * security profile 1), the OCPP version it speaks and its connectors. The controls and views name a connector by its
 * <em>number</em>, its place in {@code connectors} from 1: in 1.6 that is its connector id (1.6 connectors must be
 * listed 1, 2, ...), in 2.0.1 whatever the EVSE layout, one plain number per connector.
 */
public record ChargerSpec(String chargePointId, String password, OcppVersion version, List<ConnectorSpec> connectors) {

    /** OCPP 1.6's identity (CiString) limit, which 2.0.1's 48-character one is no stricter than. */
    public static final int MAX_ID = 48;

    public ChargerSpec {
        Objects.requireNonNull(chargePointId, "chargePointId");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(version, "version");
        connectors = List.copyOf(connectors);
        if (chargePointId.isEmpty() || chargePointId.length() > MAX_ID
                || !chargePointId.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != ':')) {
            throw new IllegalArgumentException("a charge point id is 1 to " + MAX_ID
                    + " printable ASCII characters without ':' (it is the Basic auth user name)");
        }
        if (connectors.isEmpty()) {
            throw new IllegalArgumentException("a charger has at least one connector");
        }
        Set<List<Integer>> seen = new HashSet<>();
        for (int i = 0; i < connectors.size(); i++) {
            ConnectorSpec c = connectors.get(i);
            if (!seen.add(List.of(c.evseId(), c.connectorId()))) {
                throw new IllegalArgumentException("EVSE " + c.evseId() + " connector " + c.connectorId()
                        + " appears twice");
            }
            if (version == OcppVersion.OCPP_1_6 && (c.evseId() != c.connectorId() || c.connectorId() != i + 1)) {
                throw new IllegalArgumentException("OCPP 1.6 connectors are listed 1, 2, ... with the EVSE id equal"
                        + " to the connector id");
            }
        }
    }

    /** Connector number {@code number}, from 1 (1.6: connector id {@code number}). */
    public ConnectorSpec connector(int number) {
        if (number < 1 || number > connectors.size()) {
            throw new IllegalArgumentException("no connector " + number);
        }
        return connectors.get(number - 1);
    }

    /** {@code password} is left out, so that a spec can be logged. */
    @Override
    public String toString() {
        return "ChargerSpec[" + chargePointId + ", " + version.subprotocol() + ", " + connectors + "]";
    }
}
