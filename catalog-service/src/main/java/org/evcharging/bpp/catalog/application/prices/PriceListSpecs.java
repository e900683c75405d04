package org.evcharging.bpp.catalog.application.prices;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The documents of the unit-price API: what quote-service publishes and an operator reads back. */
public final class PriceListSpecs {

    static final String HHMM = "^([01]\\d|2[0-3]):[0-5]\\d$";
    static final String AMOUNT = "^\\d{1,9}(\\.\\d{1,6})?$";

    private PriceListSpecs() {
    }

    /** The unit prices of a provider's tariff (see quote-service's {@code UnitPrices}). */
    @Schema(name = "UnitPrices")
    public record PriceListSpec(
            @Schema(description = "when the tariff changed, epoch milliseconds: a version older than the one kept is refused (409),"
                    + " one more than a day ahead too (400)") @NotNull @PositiveOrZero Long version,
            @NotNull @Pattern(regexp = "^[A-Z]{3}$") String currency,
            @Schema(examples = "+05:30", description = "the provider's UTC offset: windows are in its local time") @NotNull @Pattern(regexp = "^[+-]\\d{2}:\\d{2}$") String utcOffset,
            @Schema(description = "the charger types the tariff's rates name; others are 'any other' (no chargerType)") @Size(max = 20) List<@NotBlank @Size(max = 10) String> chargerTypes,
            @Schema(description = "the locations the rates name; others are 'any other' (no locationId)") @Size(max = 20_000) List<@NotBlank @Size(max = 100) String> locations,
            @NotNull @Size(max = 200_000) List<@NotNull @Valid EntrySpec> prices) {
    }

    @Schema(name = "UnitPriceEntry")
    public record EntrySpec(
            @NotNull @Pattern(regexp = "CHARGING|BATTERY_SWAP|MOBILE_BATTERY_SWAP") String service,
            @Size(max = 10) String chargerType,
            @Size(max = 100) String locationId,
            @Schema(description = "in order, the first from 00:00") @NotNull @Size(min = 1, max = 200) List<@NotNull @Valid WindowSpec> windows) {
    }

    @Schema(name = "UnitPriceWindow")
    public record WindowSpec(
            @Schema(examples = "07:00") @NotNull @Pattern(regexp = HHMM) String from,
            @Schema(examples = "12.50", description = "per kWh or swap; absent: the item's list price") @Pattern(regexp = AMOUNT) String price) {
    }
}
