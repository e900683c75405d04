package org.evcharging.bpp.payment.api.links;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.evcharging.bpp.payment.domain.Money;
import org.evcharging.bpp.payment.domain.PaymentLink;

/** A payment link as the API answers it; {@code paidAt} and {@code gatewayRef} are {@code null} until paid. */
@Schema(name = "PaymentLink")
@JsonbNillable
public record PaymentLinkView(
        String paymentId,
        String orderRef,
        @Schema(examples = "47.20") String amount,
        String currency,
        @Schema(enumeration = {
                "NOT-PAID", "PAID", "FAILED", "EXPIRED", "CANCELLED"}) String status,
        String url,
        Instant expiresAt,
        Instant createdAt,
        Instant paidAt,
        String gatewayRef){

    public static PaymentLinkView of(PaymentLink link, String url, Instant now) {
        return new PaymentLinkView(link.id(), link.orderRef(), Money.format(link.amount()), link.currency(),
                link.statusAt(now).wire(), url, link.expiresAt(), link.createdAt(), link.paidAt(), link.gatewayRef());
    }
}
