package org.evcharging.bpp.charger.domain;

/** The OCPP version a charge point is registered for; its WebSocket handshake must offer this one. */
public enum Protocol {

    OCPP16("ocpp1.6"), OCPP201("ocpp2.0.1");

    private final String subprotocol;

    Protocol(String subprotocol) {
        this.subprotocol = subprotocol;
    }

    /** The WebSocket subprotocol name (OCPP-J). */
    public String subprotocol() {
        return subprotocol;
    }

    /** From the onboarding API's spelling: {@code 1.6}, {@code 1.6J}, {@code 2.0.1} (or the subprotocol name). */
    public static Protocol parse(String text) {
        if (text == null) {
            return null;
        }
        return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "1.6", "1.6j", "ocpp1.6", "ocpp16" -> OCPP16;
            case "2.0.1", "ocpp2.0.1", "ocpp201" -> OCPP201;
            default -> null;
        };
    }

    /** The onboarding API's spelling. */
    public String label() {
        return this == OCPP16 ? "1.6J" : "2.0.1";
    }
}
