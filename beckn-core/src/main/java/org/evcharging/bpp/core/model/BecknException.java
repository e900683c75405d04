package org.evcharging.bpp.core.model;

/**
 * A business problem found while handling an ACKed request (provider not found, quote expired, ...). The
 * pipeline answers it with the {@code on_*} callback carrying {@code error}. Thrown from
 * {@code BecknActionHandler.check}, before the ACK, it becomes a synchronous 400 NACK instead.
 */
public class BecknException extends RuntimeException {

    private final transient BecknError error;

    public BecknException(ErrorCode code, String paths, String message) {
        super(message);
        this.error = new BecknError(code, paths, message);
    }

    public BecknException(ErrorCode code, String message) {
        this(code, null, message);
    }

    public BecknError error() {
        return error;
    }
}
