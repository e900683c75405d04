package org.evcharging.bpp.simulator;

import java.util.concurrent.CompletableFuture;

/** Opens a charger's connection to the central system: the WebSocket handshake in production, a fake in tests. */
public interface Dialer {

    /**
     * Connects {@code charger} with its credentials and version; the future fails when the central system refuses or
     * cannot be reached. {@code listener} hears the connection's frames and its end.
     */
    CompletableFuture<Transport> connect(ChargerSpec charger, Transport.Listener listener);
}
