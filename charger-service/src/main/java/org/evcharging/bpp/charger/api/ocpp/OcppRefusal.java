package org.evcharging.bpp.charger.api.ocpp;

import org.evcharging.bpp.ocpp.ErrorCode;

/** A charger's CALL we will not carry out: answered with this CALLERROR (our words), the connection stays up. */
public class OcppRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public OcppRefusal(ErrorCode code, String description) {
        super(description);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
