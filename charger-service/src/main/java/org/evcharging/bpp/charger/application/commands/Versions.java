package org.evcharging.bpp.charger.application.commands;

import org.evcharging.bpp.charger.domain.Protocol;
import org.evcharging.bpp.ocpp.OcppVersion;

/** The kit's version of a registered protocol. */
public final class Versions {

    private Versions() {
    }

    public static OcppVersion of(Protocol protocol) {
        return protocol == Protocol.OCPP16 ? OcppVersion.OCPP_1_6 : OcppVersion.OCPP_2_0_1;
    }

    public static Protocol of(OcppVersion version) {
        return version == OcppVersion.OCPP_1_6 ? Protocol.OCPP16 : Protocol.OCPP201;
    }
}
