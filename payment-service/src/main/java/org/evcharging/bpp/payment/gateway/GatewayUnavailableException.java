package org.evcharging.bpp.payment.gateway;

/** The provider could not be reached or failed: nothing happened, a retry with the same idempotency key is safe. */
public class GatewayUnavailableException extends RuntimeException {

    public GatewayUnavailableException(String message) {
        super(message);
    }

    public GatewayUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
