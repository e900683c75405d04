package org.evcharging.bpp.payment.infrastructure.gateway;

/**
 * The provider could not be reached, failed, or its answer was lost: whether it acted is unknown, and a retry with the
 * same idempotency key is safe (it gets the provider's answer, never a second refund).
 */
public class GatewayUnavailableException extends RuntimeException {

    public GatewayUnavailableException(String message) {
        super(message);
    }

    public GatewayUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
