package org.evcharging.bpp.charger.domain;

/** Where a transaction stands, from the remote start we send to the charger's stop. */
public enum TransactionState {
    /** RemoteStart / RequestStart sent; the charger has not started a transaction yet. */
    REQUESTED,
    /** The charger refused the remote start, or did not answer it. */
    REFUSED,
    /** Accepted, but no transaction started in time: the start was given up; a late start is refused (idTag invalid). */
    ABANDONED,
    /** The charger started the transaction; energy may flow. */
    CHARGING,
    /** The charger ended the transaction (or the central system gave up waiting for it to say so after a stop). */
    ENDED
}
