package org.evcharging.bpp.charger.application.commands;

/** A CALL to a charger that did not get an answer to act on. The message is ours, safe to log and to show. */
public class CommandFailed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** No replica holds the charger's socket. */
        NOT_CONNECTED,
        /** No answer in time. */
        TIMEOUT,
        /** The charger answered with a CALLERROR. */
        CALL_ERROR,
        /** Anything else: a closed socket, an unreachable replica, an answer that fails the schema. */
        FAILED
    }

    private final Kind kind;

    public CommandFailed(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
