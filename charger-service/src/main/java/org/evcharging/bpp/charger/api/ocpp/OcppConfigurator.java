package org.evcharging.bpp.charger.api.ocpp;

import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

import org.evcharging.bpp.ocpp.OcppVersion;

/**
 * Picks the subprotocol: the one the charger is registered for, which {@link OcppHandshakeFilter} has found among
 * those offered and hands over for the handshake it is filtering; without it (not through the filter), the newest
 * OCPP version both sides have (a mismatch is then closed at open).
 */
public class OcppConfigurator extends ServerEndpointConfig.Configurator {

    /**
     * The registered subprotocol of the handshake being filtered on this thread. A charger registered for 1.6 that
     * offers {@code ocpp2.0.1, ocpp1.6} (one that can speak both) used to be given 2.0.1, the newest, and was then
     * closed at open as not speaking its registered version: it could never connect. The container negotiates
     * inside the filter chain's call, on the filter's thread.
     */
    private static final ThreadLocal<String> REGISTERED = new ThreadLocal<>();

    static void registered(String subprotocol) {
        if (subprotocol == null) {
            REGISTERED.remove();
        } else {
            REGISTERED.set(subprotocol);
        }
    }

    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        String registered = REGISTERED.get();
        if (registered != null) {
            return requested.contains(registered) ? registered : "";
        }
        return OcppVersion.negotiate(requested).map(OcppVersion::subprotocol).orElse("");
    }
}
