package org.evcharging.bpp.payment.infrastructure.gateway;

import java.math.BigDecimal;

/**
 * A refund as asked of the provider: {@code refundId} is the caller's idempotency key, passed on to the provider;
 * {@code orderRef} goes with it as the merchant's reference (Razorpay notes, Stripe metadata);
 * {@code paymentGatewayRef} is the provider's reference of the payment the money goes back from.
 */
public record RefundOrder(String refundId, String orderRef, String paymentId, String paymentGatewayRef,
        BigDecimal amount, String currency, String reason) {
}
