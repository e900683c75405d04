package org.evcharging.bpp.simulator;

/** The central system's answer to the current connection's BootNotification. */
public enum BootStatus {
    /** No answer on this connection yet (or no connection). */
    NOT_BOOTED, ACCEPTED, PENDING, REJECTED
}
