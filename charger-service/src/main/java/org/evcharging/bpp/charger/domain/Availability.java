package org.evcharging.bpp.charger.domain;

/**
 * What search shows of a connector, in the catalog's words: from the charger's connector status, or
 * {@link #OUT_OF_SERVICE} when the charger is offline (its socket closed, or two heartbeats missed).
 */
public enum Availability {

    AVAILABLE, OCCUPIED, OUT_OF_SERVICE;

    /**
     * A connector status of either version: 1.6's Available, Preparing, Charging, SuspendedEV, SuspendedEVSE,
     * Finishing, Reserved, Unavailable, Faulted; 2.0.1's Available, Occupied, Reserved, Unavailable, Faulted.
     */
    public static Availability of(String connectorStatus) {
        if (connectorStatus == null) {
            return OUT_OF_SERVICE;
        }
        return switch (connectorStatus) {
            case "Available" -> AVAILABLE;
            case "Unavailable", "Faulted" -> OUT_OF_SERVICE;
            default -> OCCUPIED;
        };
    }
}
