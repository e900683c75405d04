package org.evcharging.bpp.payment.infrastructure.gateway;

/** A webhook delivery that is not provably from the provider, or too old to be fresh: answered 401, nothing changes. */
public class WebhookRejectedException extends RuntimeException {

    public WebhookRejectedException(String message) {
        super(message);
    }
}
