package org.evcharging.bpp.charger.infrastructure.ocpp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;

import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.ocpp.Frame;
import org.evcharging.bpp.ocpp.Frames;
import org.evcharging.bpp.ocpp.OcppVersion;
import org.evcharging.bpp.ocpp.OutgoingCalls;

/**
 * One charger's open WebSocket on this replica: the version it speaks, the CALLs we have sent it (one outstanding at a
 * time, the rest queued: {@link OutgoingCalls}), and a per-second budget of CALLs it may send us. Frames are written
 * one at a time (a WebSocket carries one message at once).
 */
public final class ChargerLink {

    private static final SafeLog LOG = SafeLog.of(ChargerLink.class);

    private final String chargePointId;
    private final String connectionId;
    private final OcppVersion version;
    private final Session session;
    private final OutgoingCalls calls;
    private final int callsPerSecond;
    private long windowStart;
    private int inWindow;

    public ChargerLink(String chargePointId, String connectionId, OcppVersion version, Session session,
            int callsPerSecond, Clock clock) {
        this.chargePointId = chargePointId;
        this.connectionId = connectionId;
        this.version = version;
        this.session = session;
        this.callsPerSecond = callsPerSecond;
        this.calls = new OutgoingCalls(version, this::send, clock, 32);
    }

    /** Writes a frame; a failed write closes the socket (the charger reconnects, the close marks it offline). */
    public synchronized void send(Frame frame) {
        if (!session.isOpen()) {
            throw new IllegalStateException("the socket of charge point " + chargePointId + " is closed");
        }
        try {
            session.getBasicRemote().sendText(Frames.write(frame));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cp={0}: cannot write to its socket ({1}); closing it",
                    new Object[] {chargePointId, e.toString()});
            close(CloseReason.CloseCodes.CLOSED_ABNORMALLY, "write failed");
            throw new IllegalStateException("cannot write to charge point " + chargePointId, e);
        }
    }

    /** A CALL to the charger, answered by its CALLRESULT payload (or failed: CallFailure). */
    public CompletableFuture<ObjectNode> call(String action, ObjectNode payload, Duration timeout) {
        return calls.call(action, payload, timeout);
    }

    /** May the charger send one more CALL now? At most {@code callsPerSecond} in any one-second window. */
    public synchronized boolean admit(long nowMillis) {
        if (nowMillis - windowStart >= 1000) {
            windowStart = nowMillis;
            inWindow = 0;
        }
        return ++inWindow <= callsPerSecond;
    }

    public OutgoingCalls calls() {
        return calls;
    }

    public void close(CloseReason.CloseCode code, String why) {
        try {
            if (session.isOpen()) {
                session.close(new CloseReason(code, why));
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "charge point {0}: close failed: {1}", new Object[] {chargePointId, e.toString()});
        }
    }

    public String chargePointId() {
        return chargePointId;
    }

    public String connectionId() {
        return connectionId;
    }

    public OcppVersion version() {
        return version;
    }

    public boolean isOpen() {
        return session.isOpen();
    }
}
