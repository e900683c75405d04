package org.evcharging.bpp.quote.application.tariffs;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.evcharging.bpp.quote.domain.pricing.Tariff;

/** A provider's tariff as the admin API takes and returns it. Amounts in {@code currency}, rates per kWh or swap. */
@Schema(name = "Tariff", description = "Rates, reservation fee, taxes and discounts of one provider")
public record TariffSpec(
        @Schema(examples = "INR") @NotNull @Pattern(regexp = "^[A-Z]{3}$") String currency,
        @Size(max = 500) List<@NotNull @Valid RateSpec> rates,
        @Valid BlockFeeSpec blockFee,
        @Size(max = 10) List<@NotNull @Valid TaxSpec> taxes,
        @Size(max = 50) List<@NotNull @Valid DiscountSpec> discounts) {

    static final String SERVICE = "CHARGING|BATTERY_SWAP|MOBILE_BATTERY_SWAP";
    static final String HHMM = "^([01]\\d|2[0-3]):[0-5]\\d$";

    @Schema(name = "Rate", description = "A price per unit; absent fields match anything; the most specific match wins "
            + "(location, then charger type, then time window)")
    public record RateSpec(
            @Pattern(regexp = SERVICE) String service,
            @Pattern(regexp = "AC|DC") String chargerType,
            @Size(max = 100) String locationId,
            @Schema(examples = "22:00", description = "local time, HH:mm; a window may wrap midnight") @Pattern(regexp = HHMM) String from,
            @Schema(examples = "06:00") @Pattern(regexp = HHMM) String to,
            @Schema(examples = "12.50") @NotNull @DecimalMin("0") @Digits(integer = 8, fraction = 4) BigDecimal pricePerUnit) {
    }

    @Schema(name = "BlockFee", description = "For blocking a charger during a slot")
    public record BlockFeeSpec(
            @NotNull @DecimalMin("0") @Digits(integer = 8, fraction = 2) BigDecimal perSlot,
            @NotNull @DecimalMin("0") @Digits(integer = 8, fraction = 4) BigDecimal perMinute) {
    }

    @Schema(name = "Tax", description = "A tax on what is sold, after discounts; for one service or all")
    public record TaxSpec(
            @Schema(examples = "GST") @NotBlank @Size(max = 40) String name,
            @Schema(examples = "18") @NotNull @DecimalMin("0") @DecimalMax("100") BigDecimal percent,
            @Pattern(regexp = SERVICE) String service) {
    }

    @Schema(name = "Discount", description = "Percent of, or amount off, energy and reservation; conditions absent mean anyone")
    public record DiscountSpec(
            @NotBlank @Size(max = 60) String id,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Pattern(regexp = "PERCENT|AMOUNT") String kind,
            @NotNull @DecimalMin("0") @Digits(integer = 8, fraction = 2) BigDecimal value,
            boolean combinable,
            @Size(max = 900) String forBapId,
            @Size(max = 40) String forVehicleType,
            @Size(max = 60) String forSubscription,
            Boolean firstTimeUser) {
    }

    /** The pricing engine's tariff. */
    public Tariff toTariff(String providerId) {
        return new Tariff(providerId, currency,
                rates == null ? List.of() : rates.stream().map(r -> new Tariff.Rate(
                        r.service() == null ? null : Tariff.Service.valueOf(r.service()), r.chargerType(),
                        r.locationId(),
                        r.from() == null ? null : LocalTime.parse(r.from()),
                        r.to() == null ? null : LocalTime.parse(r.to()),
                        r.pricePerUnit())).toList(),
                blockFee == null ? Tariff.BlockFee.NONE : new Tariff.BlockFee(blockFee.perSlot(), blockFee.perMinute()),
                taxes == null ? List.of() : taxes.stream().map(t -> new Tariff.Tax(t.name(), t.percent(),
                        t.service() == null ? null : Tariff.Service.valueOf(t.service()))).toList(),
                discounts == null ? List.of() : discounts.stream().map(d -> new Tariff.Discount(d.id(), d.name(),
                        Tariff.Discount.Kind.valueOf(d.kind()), d.value(), d.combinable(), d.forBapId(),
                        d.forVehicleType(),
                        d.forSubscription(), d.firstTimeUser())).toList());
    }
}
