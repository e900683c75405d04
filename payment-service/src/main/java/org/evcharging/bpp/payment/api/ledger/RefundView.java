package org.evcharging.bpp.payment.api.ledger;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.evcharging.bpp.payment.domain.Money;
import org.evcharging.bpp.payment.domain.Refund;

/** A refund as the API answers it. */
@Schema(name = "Refund")
@JsonbNillable
public record RefundView(
        String refundId,
        String orderRef,
        @Schema(examples = "10.00") String amount,
        String currency,
        @Schema(enumeration = {
                "REFUNDED", "FAILED"}) String status,
        String gatewayRef,
        Instant createdAt,
        String reason){

    static RefundView of(Refund r) {
        return new RefundView(r.refundId(), r.orderRef(), Money.format(r.amount()), r.currency(), r.status().name(),
                r.gatewayRef(), r.createdAt(), r.reason());
    }
}
