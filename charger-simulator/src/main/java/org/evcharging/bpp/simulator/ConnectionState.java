package org.evcharging.bpp.simulator;

/** Where a charger's connection to the central system stands. */
public enum ConnectionState {
    /** Not connected; a reconnection is scheduled unless the fleet is closed. */
    DISCONNECTED,
    /** The handshake is under way. */
    CONNECTING,
    /** The WebSocket is open (booted or not: see {@link BootStatus}). */
    CONNECTED,
    /** Taken offline by the {@code offline} control; reconnects only when told or when its time is up. */
    OFFLINE
}
