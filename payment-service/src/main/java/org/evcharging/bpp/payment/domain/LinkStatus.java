package org.evcharging.bpp.payment.domain;

/**
 * Where a payment link stands, written with hyphens as the API spells it ({@code NOT-PAID}). {@code EXPIRED} is never
 * stored: an unpaid link past its {@code expiresAt} reads as expired.
 */
public enum LinkStatus {

    NOT_PAID("NOT-PAID"), PAID("PAID"), FAILED("FAILED"), EXPIRED("EXPIRED"), CANCELLED("CANCELLED");

    private final String wire;

    LinkStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
