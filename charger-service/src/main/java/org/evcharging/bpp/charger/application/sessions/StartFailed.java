package org.evcharging.bpp.charger.application.sessions;

/** A remote start that did not become a transaction: refused by the charger, or not started in time. */
public class StartFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean timedOut;

    public StartFailed(String message, boolean timedOut) {
        super(message);
        this.timedOut = timedOut;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
