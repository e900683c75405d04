package org.evcharging.bpp.support.domain;

/** OPEN until the provider (or the operator) answers it; ANSWERED with the answer; CLOSED when done with. */
public enum TicketStatus {
    OPEN, ANSWERED, CLOSED
}
