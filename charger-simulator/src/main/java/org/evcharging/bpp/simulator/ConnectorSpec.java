package org.evcharging.bpp.simulator;

/**
 * One connector of a simulated charger and the power it delivers. OCPP 1.6 knows connectors only, so there the EVSE id
 * is the connector id; 2.0.1 numbers connectors within an EVSE (one EVSE with several connectors, or several EVSEs
 * with connector 1 each).
 *
 * @param evseId the EVSE (1.6: the connector id), from 1
 * @param connectorId the connector within the EVSE (1.6: equal to {@code evseId}), from 1
 * @param powerKw the constant power the connector charges an EV with, in kW
 * @param reportsSoc whether its meter values carry the EV's state of charge: a DC charger learns it from the EV, an AC
 *        one (IEC 61851 signalling only) does not
 */
public record ConnectorSpec(int evseId, int connectorId, double powerKw, boolean reportsSoc) {

    /** A connector that reports the state of charge. */
    public ConnectorSpec(int evseId, int connectorId, double powerKw) {
        this(evseId, connectorId, powerKw, true);
    }

    public ConnectorSpec {
        if (evseId < 1 || connectorId < 1) {
            throw new IllegalArgumentException("EVSE and connector ids start at 1");
        }
        if (!(powerKw > 0) || Double.isInfinite(powerKw)) {
            throw new IllegalArgumentException("a connector's power must be a positive number of kW");
        }
    }

    /** A 1.6 connector, whose EVSE id is its connector id. */
    public static ConnectorSpec of(int connectorId, double powerKw) {
        return new ConnectorSpec(connectorId, connectorId, powerKw);
    }
}
