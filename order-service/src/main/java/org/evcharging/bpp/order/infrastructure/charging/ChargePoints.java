package org.evcharging.bpp.order.infrastructure.charging;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * The port to the chargers: start a session on a connector, read its meter, stop it. The order service talks to
 * chargers only through this port. {@link OcppChargePoints} implements it with charger-service's OCPP central system:
 * {@link #start} is OCPP's RemoteStartTransaction (1.6) / RequestStartTransaction (2.0.1), {@link #stop}
 * RemoteStopTransaction / RequestStopTransaction, {@link #read} the latest MeterValues (Energy.Active.Import.Register,
 * SoC), and a StatusNotification "Faulted" surfaces as a {@link State#FAULTED} reading. Unit tests use an in-memory
 * fake. Used by {@code application/session/Sessions},
 * {@code application/fulfillment/SessionMonitor} and {@code application/cancel/Cancellations}.
 */
public interface ChargePoints {

    /** What to start: the order, the connector, how much energy at most, and what is known of the vehicle. */
    record Start(String orderId, String connectorId, BigDecimal targetKwh, double powerKw, Double batteryKwh,
            Double startSocPercent) {
    }

    enum State {
        /** Energy is flowing. */
        CHARGING,
        /** Stopped on request. */
        STOPPED,
        /** Stopped by itself: the target energy was delivered or the battery is full. */
        FINISHED,
        /** The charger failed; what was delivered until then is in the reading. */
        FAULTED
    }

    /** A meter reading: energy delivered so far, state of charge when the battery is known, the session's state. */
    record Reading(String sessionId, Instant at, BigDecimal deliveredKwh, Integer socPercent, State state,
            String error) {
    }

    /**
     * Starts charging; the session id is the charger's transaction id. Starting an order whose session is still
     * charging returns that session (a retried start must never open a second one): an OCPP driver keys the remote
     * start by the order (idTag) for the same reason.
     */
    String start(Start start);

    /** The meter now; empty for an unknown session. */
    Optional<Reading> read(String sessionId);

    /** Stops the session (no effect once it ended) and returns the final reading; empty for an unknown session. */
    Optional<Reading> stop(String sessionId);
}
