package org.evcharging.bpp.order.infrastructure.payments;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.evcharging.bpp.core.rest.ServiceTokens;
import org.evcharging.bpp.core.rest.PeerErrors;

/** payment-service's internal API ({@code payment/mp-rest/url}, env {@code PAYMENT_MP_REST_URL}). */
@RegisterRestClient(configKey = "payment")
@ClientHeaderParam(name = "Authorization", value = "{bearer}")
@RegisterProvider(PeerErrors.class)
@Path("/internal/payments/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface PaymentClient {

    @POST
    @Path("links")
    PaymentLink createLink(LinkRequest request);

    @GET
    @Path("orders/{orderRef}")
    Ledger ledger(@PathParam("orderRef") String orderRef);

    @POST
    @Path("orders/{orderRef}/refunds")
    Refund refund(@PathParam("orderRef") String orderRef, RefundRequest request);

    record Payer(String name, String email, String phone) {
    }

    record LinkRequest(String orderRef, String amount, String currency, String description, String expiresAt,
            Payer payer) {
    }

    record PaymentLink(String paymentId, String orderRef, String amount, String currency, String status, String url,
            String expiresAt, String createdAt, String paidAt, String gatewayRef) {
    }

    record Entry(String type, String id, String amount, String status, String gatewayRef, String at) {
    }

    /** {@code refundable}: the order's own money (a payment on a link it replaced is given back by payments). */
    record Ledger(String orderRef, String currency, String paid, String refunded, String balance, String refundable,
            String status, List<Entry> entries, List<PaymentLink> links) {

        /** The order's own money; the balance from a payment-service older than {@code refundable}. */
        public String ownMoney() {
            return refundable != null ? refundable : balance;
        }
    }

    record RefundRequest(String refundId, String amount, String reason) {
    }

    record Refund(String refundId, String orderRef, String amount, String currency, String status, String gatewayRef,
            String createdAt, String reason) {
    }

    /** This service's token for payment (see {@link ServiceTokens}). */
    default String bearer() {
        return ServiceTokens.bearer("payment");
    }
}
