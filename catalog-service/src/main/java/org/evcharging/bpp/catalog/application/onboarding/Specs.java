package org.evcharging.bpp.catalog.application.onboarding;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The documents of the onboarding API. What a partner PUTs is what it GETs back; fields marked read-only are
 * filled by the platform and ignored on input. Ids are the partner's own and are published in the Beckn catalog.
 */
public final class Specs {

    /** Ids: letters, digits and {@code . _ : -}, up to 100 characters. */
    public static final String ID = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$";
    public static final String GPS = "^\\s*-?\\d{1,2}(\\.\\d+)?\\s*,\\s*-?\\d{1,3}(\\.\\d+)?\\s*$";
    /** Absolute http(s) URLs in plain ASCII (what the Beckn schema's uri format accepts). */
    public static final String URL = "^https?://[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]+$";

    private Specs() {
    }

    @Schema(name = "Provider", description = "A provider: who sells charging or battery swaps, and how to reach its support.")
    public record ProviderSpec(
            @Schema(examples = "chargezone.in", description = "Provider id, unique on the platform; published as the catalog's provider id") @NotBlank @Pattern(regexp = ID) String id,
            @Schema(examples = "CZ", description = "Short code a BAP may search by") @Size(max = 40) String code,
            @Schema(examples = "Chargezone") @NotBlank @Size(max = 200) String name,
            @Schema(examples = "Chargezone Technologies Pvt Ltd") @Size(max = 500) String shortDesc,
            @Size(max = 4000) String longDesc,
            @Schema(description = "Logo and pictures (https URLs)") @Size(max = 7) List<@NotBlank @Size(max = 500) @Pattern(regexp = URL) String> images,
            @Schema(enumeration = {
                    "CHARGING_NETWORK", "SOLAR_FARM", "HOME",
                    "BATTERY_SWAP"}, examples = "CHARGING_NETWORK") @NotNull @Pattern(regexp = "CHARGING_NETWORK|SOLAR_FARM|HOME|BATTERY_SWAP") String energySource,
            @Valid Support support,
            @Schema(readOnly = true, description = "Aggregate rating 1..5 from user ratings") Double rating,
            @Schema(readOnly = true) Integer ratingCount,
            @Schema(readOnly = true, enumeration = {"ACTIVE", "RETIRED"}) String status){
    }

    @Schema(name = "Support", description = "Where users get help; given to BAPs in on_support")
    public record Support(
            @Size(max = 40) @Pattern(regexp = "^\\+?[0-9 ()-]{5,40}$") String phone,
            @Size(max = 200) @Email String email,
            @Size(max = 500) @Pattern(regexp = URL) String url) {
    }

    @Schema(name = "Network", description = "A provider's whole network, for a bulk import that replaces what was there in one transaction")
    public record Network(
            @NotNull @Valid ProviderSpec provider,
            @Size(max = 100) List<@NotNull @Valid CategorySpec> categories,
            @Size(max = 20_000) List<@NotNull @Valid LocationSpec> locations,
            @Size(max = 1_000) List<@NotNull @Valid ItemSpec> items) {
    }

    @Schema(name = "Category", description = "A category of items, e.g. green-tariff")
    public record CategorySpec(
            @Schema(examples = "1") @NotBlank @Pattern(regexp = ID) String id,
            @Schema(examples = "green-tariff") @NotBlank @Size(max = 100) String code,
            @Schema(examples = "green tariff") @Size(max = 200) String name) {
    }

    @Schema(name = "Location", description = "A charging station or battery-swap point, with its EVSEs")
    public record LocationSpec(
            @Schema(examples = "cz-blr-mg-road") @NotBlank @Pattern(regexp = ID) String id,
            @Schema(examples = "MG Road hub") @Size(max = 200) String name,
            @Schema(examples = "12.9752,77.6067", description = "latitude,longitude") @NotBlank @Pattern(regexp = GPS) String gps,
            @Size(max = 500) String address,
            @Schema(examples = "std:080") @Size(max = 20) String cityCode,
            @Schema(examples = "560001") @Size(max = 20) String areaCode,
            @Size(max = 200) List<@NotNull @Valid EvseSpec> evses,
            @Schema(examples = "06:00-23:00", description = "Local opening hours HH:mm-HH:mm (may pass midnight); absent means always open") @Pattern(regexp = "^([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d$") String openingHours) {
    }

    @Schema(name = "Evse", description = "A charger (with connectors) or a battery-swap station")
    public record EvseSpec(
            @Schema(examples = "cz-mg-1") @NotBlank @Pattern(regexp = ID) String id,
            @Schema(enumeration = {
                    "CHARGER",
                    "SWAP_STATION"}, defaultValue = "CHARGER") @Pattern(regexp = "CHARGER|SWAP_STATION") String kind,
            @Schema(enumeration = {"AC",
                    "DC"}, description = "Required for a charger") @Pattern(regexp = "AC|DC") String chargerType,
            @Schema(examples = "60", description = "Power rating in kW") @NotNull @DecimalMin("0") @DecimalMax("1000") Double powerKw,
            @Schema(enumeration = {"AVAILABLE", "OCCUPIED",
                    "OUT_OF_SERVICE"}, description = "Swap stations only") @Pattern(regexp = "AVAILABLE|OCCUPIED|OUT_OF_SERVICE") String availability,
            @Size(max = 20) List<@NotNull @Valid ConnectorSpec> connectors,
            @Schema(examples = "LFP-48V", description = "Swap stations only: the battery type it swaps") @Size(max = 40) String batteryType){
    }

    @Schema(name = "Connector", description = "One plug; published as a CHARGING fulfillment with this id")
    public record ConnectorSpec(
            @Schema(examples = "cz-mg-1-ccs2") @NotBlank @Pattern(regexp = ID) String id,
            @Schema(enumeration = {
                    "CCS2", "Type2", "CHAdeMO", "GB_T",
                    "Type1"}) @NotNull @Pattern(regexp = "CCS2|Type2|CHAdeMO|GB_T|Type1") String type,
            @Schema(enumeration = {"AVAILABLE", "OCCUPIED",
                    "OUT_OF_SERVICE"}, defaultValue = "AVAILABLE") @Pattern(regexp = "AVAILABLE|OCCUPIED|OUT_OF_SERVICE") String availability){
    }

    @Schema(name = "Item", description = "What is sold: energy per kWh, or battery swaps per swap")
    public record ItemSpec(
            @Schema(examples = "pe-charging-01") @NotBlank @Pattern(regexp = ID) String id,
            @Schema(examples = "energy") @NotBlank @Size(max = 40) String code,
            @Size(max = 200) String name,
            @Schema(enumeration = {
                    "KWH", "SWAP"}) @NotNull @Pattern(regexp = "KWH|SWAP") String unit,
            @Schema(examples = "18.50", description = "List price per unit") @NotNull @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal price,
            @Schema(examples = "INR") @NotNull @Pattern(regexp = "^[A-Z]{3}$") String currency,
            @Schema(examples = "100", description = "Quantity that can be sold now (kWh or swaps)") @NotNull @DecimalMin("0") @Digits(integer = 11, fraction = 3) BigDecimal availableQuantity,
            @Schema(description = "Ids of this provider's categories") @Size(max = 19) List<@NotBlank @Size(max = 100) String> categoryIds,
            @Schema(description = "Ids of the locations where it is offered; empty or absent means all") @Size(max = 20_000) List<@NotBlank @Size(max = 100) String> locationIds,
            @Schema(description = "CHARGING, BATTERY_SWAP, MOBILE_BATTERY_SWAP") @NotEmpty List<@NotNull @Pattern(regexp = "CHARGING|BATTERY_SWAP|MOBILE_BATTERY_SWAP") String> fulfillmentTypes,
            @Schema(description = "Tracking page of a mobile battery swap") @Size(max = 500) @Pattern(regexp = URL) String trackingUrl,
            @Size(max = 20) List<@NotNull @Valid AddOnSpec> addOns,
            @Schema(readOnly = true) Double rating,
            @Schema(readOnly = true) Integer ratingCount,
            @Schema(readOnly = true, enumeration = {"ACTIVE", "RETIRED"}) String status){
    }

    @Schema(name = "AddOn", description = "Offered with an item, e.g. a free car wash")
    public record AddOnSpec(
            @NotBlank @Pattern(regexp = ID) String id,
            @Schema(examples = "Free car wash") @NotBlank @Size(max = 200) String name,
            @Schema(examples = "0") @NotNull @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal price) {
    }

    @Schema(name = "AvailabilityChange", description = "A connector's or swap station's availability; visible in the next search")
    public record AvailabilityChange(
            @Schema(enumeration = {
                    "AVAILABLE", "OCCUPIED",
                    "OUT_OF_SERVICE"}) @NotNull @Pattern(regexp = "AVAILABLE|OCCUPIED|OUT_OF_SERVICE") String availability){
    }

    @Schema(name = "RatingAggregate", description = "Set by the support-rating service from users' ratings")
    public record RatingAggregate(
            @NotNull @DecimalMin("1") @DecimalMax("5") Double value,
            @NotNull @PositiveOrZero Integer count,
            @Schema(description = "When the aggregate was computed (epoch milliseconds). An aggregate older than the "
                    + "one already set is left out (answered 204 all the same: the newer one stands); without it, "
                    + "the aggregate is always taken.") @PositiveOrZero Long asOf) {
    }
}
