package org.evcharging.bpp.charger.api.ocpp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;

import org.eclipse.microprofile.config.ConfigProvider;
import org.evcharging.bpp.charger.application.commands.Versions;
import org.evcharging.bpp.charger.application.stations.Stations;
import org.evcharging.bpp.charger.domain.ChargePoint;
import org.evcharging.bpp.charger.infrastructure.ocpp.ChargerLink;
import org.evcharging.bpp.charger.infrastructure.ocpp.Connections;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.ocpp.Direction;
import org.evcharging.bpp.ocpp.ErrorCode;
import org.evcharging.bpp.ocpp.Frame;
import org.evcharging.bpp.ocpp.Frames;
import org.evcharging.bpp.ocpp.OcppSchemas;
import org.evcharging.bpp.ocpp.OcppVersion;
import org.evcharging.bpp.ocpp.Parsed;
import org.evcharging.bpp.ocpp.Violation;

/**
 * A charger's OCPP-J connection, {@code /ocpp/{chargePointId}} (the handshake was checked by
 * {@link OcppHandshakeFilter}). Every CALL a charger sends is framed, rate-limited, validated against its version's
 * OCA schema, carried out (stored) and only then answered with a schema-valid CALLRESULT; a malformed or invalid one
 * gets the CALLERROR the spec names and the connection stays up. Answers to our CALLs go to the link's outgoing calls.
 */
@ServerEndpoint(value = "/ocpp/{chargePointId}", subprotocols = {"ocpp2.0.1",
        "ocpp1.6"}, configurator = OcppConfigurator.class)
public class OcppEndpoint {

    private static final SafeLog LOG = SafeLog.of(OcppEndpoint.class);

    private ChargerLink link;
    private Stations.Link from;
    private ChargerMessages messages;
    private int maxFrameBytes;

    @OnOpen
    public void open(Session session, @PathParam("chargePointId") String chargePointId) {
        Stations stations = bean(Stations.class);
        ChargePoint cp = stations.find(chargePointId);
        Optional<OcppVersion> version = OcppVersion.negotiate(List.of(session.getNegotiatedSubprotocol()));
        if (cp == null || version.isEmpty() || Versions.of(version.get()) != cp.protocol()) {
            LOG.log(Level.WARNING, "cp={0}: closed at open, subprotocol {1} is not the one it is registered for",
                    new Object[] {chargePointId, session.getNegotiatedSubprotocol()});
            close(session, CloseReason.CloseCodes.PROTOCOL_ERROR, "subprotocol");
            return;
        }
        maxFrameBytes = ConfigProvider.getConfig().getOptionalValue("charger.max-frame-bytes", Integer.class)
                .orElse(Frames.DEFAULT_MAX_FRAME_BYTES);
        int rate = ConfigProvider.getConfig().getOptionalValue("charger.rate-limit-per-second", Integer.class)
                .orElse(20);
        String replica = ConfigProvider.getConfig().getValue("charger.replica-url", String.class);
        session.setMaxTextMessageBufferSize(maxFrameBytes);
        session.setMaxIdleTimeout(0);
        String connectionId = UUID.randomUUID().toString();
        link = new ChargerLink(chargePointId, connectionId, version.get(), session, rate, Clock.systemUTC());
        from = new Stations.Link(replica, connectionId);
        messages = version.get() == OcppVersion.OCPP_1_6 ? bean(Ocpp16Messages.class) : bean(Ocpp201Messages.class);
        bean(Connections.class).put(link).ifPresent(old -> {
            LOG.log(Level.INFO, "charge point {0} reconnected: its previous socket is closed", chargePointId);
            old.close(CloseReason.CloseCodes.NORMAL_CLOSURE, "replaced by a new connection");
        });
        stations.connected(chargePointId, replica, connectionId);
        LOG.log(Level.INFO, "charge point {0} connected ({1})",
                new Object[] {chargePointId, version.get().subprotocol()});
    }

    @OnMessage
    public void message(String text) {
        if (link == null) {
            return;
        }
        if (tooBig(text)) {
            // Liberty does not enforce setMaxTextMessageBufferSize: a 70 KiB frame reached us whole, the kit refused
            // it without an answer (it is not read) and the socket stayed open, the charger left waiting. The cap is
            // kept here: the connection is closed with 1009 (message too big), as charger.max-frame-bytes promises.
            LOG.log(Level.WARNING, "cp={0}: a frame of more than {1} bytes; closing its connection (1009)",
                    new Object[] {link.chargePointId(), String.valueOf(maxFrameBytes)});
            link.close(CloseReason.CloseCodes.TOO_BIG, "frame larger than " + maxFrameBytes + " bytes");
            return;
        }
        Parsed parsed = Frames.parse(text, link.version(), maxFrameBytes);
        if (parsed instanceof Parsed.Rejected r) {
            LOG.log(Level.WARNING, "cp={0}: frame refused: {1}",
                    new Object[] {link.chargePointId(), r.reason()});
            r.answer().ifPresent(this::send);
            return;
        }
        Frame frame = ((Parsed.Message) parsed).frame();
        if (frame instanceof Frame.CallResult result) {
            if (!link.calls().onResult(result)) {
                LOG.log(Level.INFO, "charge point {0}: an answer to no outstanding call (late, or not ours)",
                        link.chargePointId());
            }
        } else if (frame instanceof Frame.CallError error) {
            if (!link.calls().onError(error)) {
                LOG.log(Level.INFO, "charge point {0}: a CALLERROR for no outstanding call", link.chargePointId());
            }
        } else {
            send(answer((Frame.Call) frame));
        }
    }

    /** Is the frame longer than the cap in UTF-8 bytes? (Encoded only when its length in chars cannot tell.) */
    private boolean tooBig(String text) {
        if (text.length() > maxFrameBytes) {
            return true;
        }
        return (long) text.length() * 3 > maxFrameBytes
                && text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > maxFrameBytes;
    }

    /** The answer to a charger's CALL: a CALLRESULT once it is carried out, or the CALLERROR that says why not. */
    private Frame answer(Frame.Call call) {
        OcppVersion v = link.version();
        if (!link.admit(System.currentTimeMillis())) {
            LOG.log(Level.WARNING, "cp={0}: more CALLs than its rate limit allows; {1} refused",
                    new Object[] {link.chargePointId(), call.action()});
            return new Frame.CallError(call.messageId(),
                    v == OcppVersion.OCPP_1_6 ? ErrorCode.V16.GenericError : ErrorCode.V201.GenericError,
                    "rate limit exceeded: slow down");
        }
        List<Violation> violations = OcppSchemas.validate(v, call.action(), Direction.REQUEST, call.payload());
        if (!violations.isEmpty()) {
            LOG.log(Level.WARNING, "cp={0}: {1} refused: {2}", new Object[] {link.chargePointId(),
                    OcppSchemas.actions(v).contains(call.action()) ? call.action() : "an unknown action",
                    violations.get(0).path() + " " + violations.get(0).description()});
            return Violation.answer(call.messageId(), violations);
        }
        try {
            ObjectNode result = messages.handle(new ChargerMessages.From(link.chargePointId(), from), call.action(),
                    call.payload());
            List<Violation> ours = OcppSchemas.validate(v, call.action(), Direction.RESPONSE, result);
            if (!ours.isEmpty()) {
                LOG.log(Level.SEVERE, "cp={0}: our answer to {1} breaks its schema: {2}",
                        new Object[] {link.chargePointId(), call.action(), ours.get(0)});
                return new Frame.CallError(call.messageId(), internal(v), "internal error");
            }
            return new Frame.CallResult(call.messageId(), result);
        } catch (OcppRefusal e) {
            LOG.log(Level.WARNING, "cp={0}: {1} refused: {2}",
                    new Object[] {link.chargePointId(), call.action(), e.getMessage()});
            return new Frame.CallError(call.messageId(), e.code(), e.getMessage());
        } catch (RuntimeException e) {
            // SafeLog has no template-and-trace form: the line is made safe as a whole
            LOG.log(Level.SEVERE, "cp=" + link.chargePointId() + ": " + call.action() + " failed", e);
            return new Frame.CallError(call.messageId(), internal(v), "internal error; send it again later");
        }
    }

    private static ErrorCode internal(OcppVersion v) {
        return v == OcppVersion.OCPP_1_6 ? ErrorCode.V16.InternalError : ErrorCode.V201.InternalError;
    }

    private void send(Frame frame) {
        try {
            link.send(frame);
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "charge point {0}: answer not sent: {1}",
                    new Object[] {link.chargePointId(), e.getMessage()});
        }
    }

    @OnClose
    public void closed(Session session, CloseReason reason) {
        if (link == null) {
            return;
        }
        link.calls().close("the connection closed");
        if (bean(Connections.class).remove(link)) {
            bean(Stations.class).disconnected(link.chargePointId(), link.connectionId());
        }
        // the close code as text: MessageFormat would print 1009 as "1,009", which no one greps for
        LOG.log(Level.INFO, "charge point {0} disconnected ({1})",
                new Object[] {link.chargePointId(), String.valueOf(reason.getCloseCode().getCode())});
    }

    @OnError
    public void error(Session session, Throwable t) {
        LOG.log(Level.WARNING, "cp={0}: socket error: {1}",
                new Object[] {link == null ? "?" : link.chargePointId(), t.toString()});
    }

    private static void close(Session session, CloseReason.CloseCode code, String why) {
        try {
            session.close(new CloseReason(code, why));
        } catch (java.io.IOException e) {
            // closing anyway
        }
    }

    private static <T> T bean(Class<T> type) {
        return CDI.current().select(type).get();
    }
}
