package org.evcharging.bpp.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/** A schema-valid CALL from the central system, read by a {@link Dialect} into what the charger is asked to do. */
sealed interface Incoming permits Incoming.RemoteStart, Incoming.RemoteStop, Incoming.ChangeAvailability,
        Incoming.Reset, Incoming.Trigger, Incoming.Unsupported {

    /**
     * @param evseId the EVSE asked for (1.6: connector), null to let the charger choose
     * @param idToken 1.6: the idTag text node; 2.0.1: the IdTokenType object
     * @param remoteStartId 2.0.1's id of the request, null in 1.6
     */
    record RemoteStart(Integer evseId, JsonNode idToken, Integer remoteStartId) implements Incoming {
    }

    record RemoteStop(String transactionId) implements Incoming {
    }

    /** Take an EVSE (1.6: connector) out of service or back; {@code evseId} null or 0: the whole charger. */
    record ChangeAvailability(Integer evseId, boolean operative) implements Incoming {
    }

    /** Reboot (the simulator: reconnect and boot again). */
    record Reset() implements Incoming {
    }

    /** Send {@code message} now (BootNotification, Heartbeat, StatusNotification, MeterValues), for one EVSE or all. */
    record Trigger(String message, Integer evseId) implements Incoming {
    }

    /** An action the version has but the simulator does not implement. */
    record Unsupported() implements Incoming {
    }
}
