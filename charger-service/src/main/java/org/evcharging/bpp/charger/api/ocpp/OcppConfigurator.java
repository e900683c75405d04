package org.evcharging.bpp.charger.api.ocpp;

import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

import org.evcharging.bpp.ocpp.OcppVersion;

/**
 * Picks the subprotocol: the newest OCPP version both sides have (the handshake filter has already made sure the one
 * the charger is registered for is offered; a mismatch is closed at open).
 */
public class OcppConfigurator extends ServerEndpointConfig.Configurator {

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return OcppVersion.negotiate(requested).map(OcppVersion::subprotocol).orElse("");
    }
}
