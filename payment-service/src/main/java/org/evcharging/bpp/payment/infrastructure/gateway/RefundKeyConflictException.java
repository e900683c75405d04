package org.evcharging.bpp.payment.infrastructure.gateway;

/**
 * The provider already made a refund under this idempotency key with other terms (another payment, amount or
 * currency), as Stripe answers an {@code idempotency_error}: nothing moved now, and the same key never will for
 * these terms. A caller bug, answered 409.
 */
public class RefundKeyConflictException extends RuntimeException {

    public RefundKeyConflictException(String message) {
        super(message);
    }
}
