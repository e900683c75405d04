package org.evcharging.bpp.ocpp;

import java.util.List;
import java.util.Optional;

/**
 * The OCPP versions this platform speaks over OCPP-J, each named by the WebSocket subprotocol a charger offers in its
 * handshake ({@code Sec-WebSocket-Protocol}). The version decides the schemas a message is held to, the spelling of
 * the error codes in a CALLERROR and the names of the schema files.
 */
public enum OcppVersion {

    OCPP_1_6("ocpp1.6", "1.6", ""), OCPP_2_0_1("ocpp2.0.1", "2.0.1", "Request");

    private final String subprotocol;
    private final String schemaFolder;
    private final String requestSuffix;

    OcppVersion(String subprotocol, String schemaFolder, String requestSuffix) {
        this.subprotocol = subprotocol;
        this.schemaFolder = schemaFolder;
        this.requestSuffix = requestSuffix;
    }

    /** The WebSocket subprotocol name, as OCPP-J registers it. */
    public String subprotocol() {
        return subprotocol;
    }

    /**
     * The version to speak with a peer that offered {@code offered} (the handshake's subprotocols, in its order of
     * preference): the newest one we support, since 2.0.1 reports transactions and faults more precisely. Empty when
     * none is supported, and then the handshake is refused. Names are compared exactly, as RFC 6455 tokens are.
     */
    public static Optional<OcppVersion> negotiate(List<String> offered) {
        for (OcppVersion v : List.of(OCPP_2_0_1, OCPP_1_6)) {
            if (offered.contains(v.subprotocol)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The classpath resource of the schema of {@code action}'s request or response in this version. */
    String schemaResource(String action, Direction direction) {
        String suffix = direction == Direction.REQUEST ? requestSuffix : "Response";
        return "ocpp/" + schemaFolder + "/" + action + suffix + ".json";
    }

    /** The classpath resource listing the actions whose schemas this version has. */
    String actionsResource() {
        return "ocpp/" + schemaFolder + "/actions.txt";
    }
}
