package org.evcharging.bpp.core.signing;

/** A signature that cannot be accepted; always answered with HTTP 401 and a NACK. */
public class SignatureException extends RuntimeException {

    public SignatureException(String message) {
        super(message);
    }
}
