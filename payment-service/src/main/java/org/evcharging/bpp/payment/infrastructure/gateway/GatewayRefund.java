package org.evcharging.bpp.payment.infrastructure.gateway;

/** The provider's answer to a refund: done (with its reference) or refused (with its reason). */
public record GatewayRefund(boolean succeeded, String gatewayRef, String failureReason) {

    public static GatewayRefund done(String gatewayRef) {
        return new GatewayRefund(true, gatewayRef, null);
    }

    public static GatewayRefund refused(String gatewayRef, String reason) {
        return new GatewayRefund(false, gatewayRef, reason);
    }
}
