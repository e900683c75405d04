package org.evcharging.bpp.payment.application.ledger;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.evcharging.bpp.payment.domain.Money;

/** {@code POST /payments/v1/orders/{orderRef}/refunds}. */
@Schema(name = "RefundRequest")
public record RefundRequest(
        @Schema(description = "the caller's idempotency key: the same id again answers the stored refund") @NotBlank @Size(max = 100) String refundId,
        @Schema(examples = "10.00") @NotNull @Pattern(regexp = Money.POSITIVE_AMOUNT_REGEX, message = Money.POSITIVE_AMOUNT_MESSAGE) String amount,
        @Size(max = 500) String reason) {
}
