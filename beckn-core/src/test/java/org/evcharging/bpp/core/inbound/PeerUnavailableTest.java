package org.evcharging.bpp.core.inbound;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** Which processing failures are logged as a peer's outage (one line) and which keep their stack trace. */
class PeerUnavailableTest {

    @Test
    void aPeerRefusingConnectionsIsAnOutage() {
        String said = InboundProcessor.peerUnavailable(new IllegalStateException("wrapped",
                new ProcessingException("RESTEASY004655", new ConnectException("Connection refused"))));
        assertNotNull(said);
        assertTrue(said.contains("Connection refused"), said);
    }

    @Test
    void aPeerTimingOutIsAnOutage() {
        assertNotNull(InboundProcessor
                .peerUnavailable(new ProcessingException(new SocketTimeoutException("Read timed out"))));
    }

    @Test
    void anythingElseKeepsItsStackTrace() {
        assertNull(InboundProcessor.peerUnavailable(new IllegalStateException("a bug")));
        assertNull(InboundProcessor.peerUnavailable(new NullPointerException()));
    }
}
