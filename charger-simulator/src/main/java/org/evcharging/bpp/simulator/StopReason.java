package org.evcharging.bpp.simulator;

/** Why a simulated transaction ended; each version's {@link Dialect} names it in its own words. */
enum StopReason {
    /** RemoteStopTransaction / RequestStopTransaction. */
    REMOTE,
    /** The EV left: unplugged, or its battery full. */
    EV_DISCONNECTED,
    /** The connector faulted. */
    OTHER,
    /** The central system did not accept the id tag / token. */
    DEAUTHORIZED
}
