package org.evcharging.bpp.simulator;

/**
 * A snapshot of one connector, for tests and the admin API.
 *
 * @param number the connector's number in the charger, from 1, which the controls take (1.6: the connector id)
 * @param evseId the EVSE (1.6: the connector id)
 * @param connectorId the connector id in OCPP terms
 * @param status the status as last set, in the charger's version's words (2.0.1: Available, Occupied, Faulted)
 * @param transactionId the running transaction's id, null when none runs or a 1.6 start is not yet confirmed
 * @param charging whether a transaction runs on it
 * @param meterWh the energy register now, integer Wh
 * @param socPercent the plugged EV's state of charge, -1 when no transaction runs or the charger does not know it
 */
public record ConnectorView(int number, int evseId, int connectorId, String status, String transactionId,
        boolean charging,
        long meterWh, int socPercent) {
}
