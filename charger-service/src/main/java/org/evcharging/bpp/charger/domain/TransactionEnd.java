package org.evcharging.bpp.charger.domain;

/** How a transaction ended, in the terms of order-service's charge-point port. */
public enum TransactionEnd {

    /** Stopped at the user's request. */
    STOPPED,
    /** Stopped by itself (EV full, unplugged) or at the booked energy. */
    FINISHED,
    /** The charger failed (a Faulted status during the transaction, an emergency stop, a power loss). */
    FAULTED;

    /** Stop reasons of either version that mean the charger failed, not that someone ended the session. */
    private static final java.util.Set<String> FAILURES = java.util.Set.of("EmergencyStop", "PowerLoss", "HardReset",
            "SoftReset", "Reboot", "GroundFault", "OvercurrentFault", "PowerQuality", "ImmediateReset");

    /**
     * From the charger's stop reason (1.6 {@code reason}, 2.0.1 {@code stoppedReason}), whether its connector reported a
     * fault during the transaction, and whether the central system asked for the stop (and why).
     */
    public static TransactionEnd of(String reason, boolean faulted, StopRequest requested) {
        if (faulted) {
            return FAULTED;
        }
        if (reason != null && FAILURES.contains(reason)) {
            return FAULTED;
        }
        if (requested == StopRequest.USER) {
            return STOPPED;
        }
        return FINISHED;
    }
}
