package org.evcharging.bpp.payment.infrastructure.gateway;

import java.util.Map;
import org.evcharging.bpp.payment.domain.PaymentLink;

/**
 * The port to a payment provider: where a person pays, how the provider tells us they did, and how money goes
 * back. The service never trusts the page a person sees: a link becomes paid only when {@link #verifyWebhook}
 * accepts an event the provider signed.
 *
 * <p>The active implementation is chosen by config {@code payment.gateway} ({@code active.ActiveGateway}); only
 * {@code sandbox}, a stand-in that runs inside this service, and {@code stripe} (packages of their own under this one)
 * exist. A provider (Razorpay...) plugs in as another {@code @ApplicationScoped @Typed} bean named in
 * {@code ActiveGateway}, with:
 * <ul>
 *   <li>{@link #checkoutUrl}: create the checkout at the provider (Razorpay Payment Link, Stripe Checkout Session)
 *       with the link's id as reference (Razorpay {@code reference_id}, Stripe {@code client_reference_id}) and
 *       return the provider's hosted URL;</li>
 *   <li>{@link #verifyWebhook}: check the provider's signature over the raw body (Razorpay
 *       {@code X-Razorpay-Signature}, Stripe {@code Stripe-Signature} with its timestamp tolerance) and map the
 *       provider's event ({@code payment_link.paid}, {@code checkout.session.completed}...) to a {@link WebhookEvent}
 *       whose {@code paymentId} is our link id; a webhook resource at {@code /payments/v1/webhooks/<provider>}
 *       ({@code api.webhooks}) hands it to {@code application.webhooks.WebhookProcessor}, which is the same for every
 *       provider;</li>
 *   <li>{@link #refund}: call the provider's refund API with our {@code refundId} as its idempotency key
 *       (Razorpay receipt / Stripe {@code Idempotency-Key}), so a retry after a crash never refunds twice.</li>
 * </ul>
 */
public interface PaymentGateway {

    /** The config name of this gateway ({@code payment.gateway}). */
    String name();

    /** The page where a person pays this link. */
    String checkoutUrl(PaymentLink link);

    /**
     * Authenticate a webhook delivery and read its event.
     *
     * @param headers the request's headers, looked up case-insensitively
     * @param rawBody the body exactly as received: the signature is over these bytes
     * @throws WebhookRejectedException when the signature is missing, malformed, wrong or too old
     * @throws IllegalArgumentException when an authentic body cannot be read as an event
     */
    WebhookEvent verifyWebhook(Map<String, String> headers, byte[] rawBody);

    /**
     * Give money back against a captured payment, at most once per {@code refundId}: asked again with the same id
     * (after a lost answer, a crash, a concurrent retry), the provider answers the refund it made, with the same
     * reference, and moves no money.
     *
     * @return the provider's answer: done, or refused (recorded as a failed refund)
     * @throws GatewayUnavailableException when the provider cannot be reached, errs, or its answer is lost: the refund
     *         may or may not have been made, nothing is recorded, and the caller retries with the same {@code refundId}
     * @throws RefundKeyConflictException when the provider made a refund under this {@code refundId} with other terms
     */
    GatewayRefund refund(RefundOrder order);

    /**
     * A link that will not be paid any more (another amount replaced it): close its checkout at the provider, if one
     * is open, so the person cannot pay a stale page. Best effort, after the change committed: money that arrives on
     * it anyway is booked and paid back in full ({@code OwedBackPayments}). Nothing to do for a gateway whose page
     * reads the link's own state.
     *
     * @throws GatewayUnavailableException when the provider cannot be reached
     */
    default void withdraw(String paymentId) {
    }
}
