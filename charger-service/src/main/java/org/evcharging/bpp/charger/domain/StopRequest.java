package org.evcharging.bpp.charger.domain;

/** Why the central system asked a charger to stop a transaction. */
public enum StopRequest {
    /** The BAP's user (order-service's stop). */
    USER,
    /** The booked energy was delivered. */
    TARGET,
    /** The start was given up or the idTag is not (or no longer) valid. */
    ABANDONED
}
