package org.evcharging.bpp.payment.application.links;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.evcharging.bpp.payment.domain.Money;

/** {@code POST /internal/payments/v1/links}: what an order asks to be paid. */
@Schema(name = "CreatePaymentLink")
public record CreateLinkRequest(
        @Schema(examples = "order-7f3a") @NotBlank @Size(max = 100) String orderRef,
        @Schema(examples = "47.20", description = "greater than 0, at most 2 decimals, as a string") @NotNull @Pattern(regexp = Money.POSITIVE_AMOUNT_REGEX, message = Money.POSITIVE_AMOUNT_MESSAGE) String amount,
        @Schema(examples = "INR") @NotNull @Pattern(regexp = Money.CURRENCY_REGEX, message = "must be a 3-letter ISO 4217 code such as INR") String currency,
        @Size(max = 200) String description,
        @Schema(examples = "2026-11-29T10:15:00Z", description = "RFC 3339 instant; default now + payment.link.validity") @Size(max = 40) String expiresAt,
        @Valid PayerSpec payer) {

    /** Who pays; optional, passed to the provider's checkout, never logged. */
    @Schema(name = "Payer")
    public record PayerSpec(
            @Size(max = 100) String name,
            @Email @Size(max = 254) String email,
            @Pattern(regexp = "^\\+?[0-9][0-9 ()-]{4,30}$", message = "must be a phone number such as +919876543210") String phone) {
    }
}
