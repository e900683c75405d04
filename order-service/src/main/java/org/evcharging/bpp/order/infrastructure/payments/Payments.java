package org.evcharging.bpp.order.infrastructure.payments;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.evcharging.bpp.core.rest.PeerCalls;
import org.evcharging.bpp.core.rest.PeerErrors;

/**
 * payment-service as orders use it, behind fault tolerance. Creating a link is safe to repeat (the same order and
 * amount give the same link) and so is a refund (the refund id is the idempotency key), so both are retried.
 */
@ApplicationScoped
// the fault tolerance of every peer call (PeerCalls); a method says where it differs
public class Payments extends PeerCalls {

    @Inject
    @RestClient
    PaymentClient client;

    public PaymentClient.PaymentLink link(PaymentClient.LinkRequest request) {
        return client.createLink(request);
    }

    /** The order's ledger; a 404 (no link was ever made) surfaces as {@link PeerErrors.PeerRefused}. */
    public PaymentClient.Ledger ledger(String orderRef) {
        return client.ledger(orderRef);
    }

    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = {PeerErrors.PeerRefused.class,
            CircuitBreakerOpenException.class})
    public PaymentClient.Refund refund(String orderRef, PaymentClient.RefundRequest request) {
        return client.refund(orderRef, request);
    }
}
