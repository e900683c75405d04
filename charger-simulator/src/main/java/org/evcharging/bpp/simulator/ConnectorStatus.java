package org.evcharging.bpp.simulator;

/**
 * A connector's state in the simulator's own terms, 1.6's list; each version's {@link Dialect} says how it is
 * reported (2.0.1 has only Available, Occupied, Faulted and Unavailable among these).
 */
enum ConnectorStatus {
    AVAILABLE, PREPARING, CHARGING, SUSPENDED_EV, FINISHING, FAULTED,
    /** Taken out of service by the central system (ChangeAvailability Inoperative). */
    UNAVAILABLE
}
