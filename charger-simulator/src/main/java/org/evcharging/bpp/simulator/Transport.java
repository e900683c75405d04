package org.evcharging.bpp.simulator;

/**
 * One open connection to the central system, as the charger logic sees it: text frames out, text frames in, and an
 * end. A WebSocket in production, an in-memory fake in the tests, so that the protocol behaviour is tested without
 * sockets.
 */
public interface Transport {

    /** Sends one text frame, without blocking; frames leave in the order of the calls. A failure closes. */
    void send(String text);

    /** Ends the connection at once, like a lost network; the listener is not told. */
    void close();

    /** What the connection reports to its charger. Calls come one at a time. */
    interface Listener {

        /** A whole text frame arrived. */
        void onText(String text);

        /** The connection ended without the charger closing it; {@code reason} is in our words. */
        void onClosed(String reason);
    }
}
