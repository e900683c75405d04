package org.evcharging.bpp.catalog.offers;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.evcharging.bpp.core.rest.Caller;
import org.evcharging.bpp.core.rest.Problem.FieldError;
import org.evcharging.bpp.core.rest.ProblemException;

/**
 * A provider's unit prices as an operator sees them at the edge: what search shows per connector and swap station
 * ({@link PriceLists}), and a way to forget them. quote-service publishes them from the provider's tariff through
 * the internal {@link PriceListPublicationResource}.
 */
@Path("/catalog/v1/providers/{providerId}/unit-prices")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Unit prices", description = "What search shows per connector and swap station")
public class PriceListResource {

    static final String HHMM = "^([01]\\d|2[0-3]):[0-5]\\d$";
    static final String AMOUNT = "^\\d{1,9}(\\.\\d{1,6})?$";

    /** The unit prices of a provider's tariff (see quote-service's {@code UnitPrices}). */
    @Schema(name = "UnitPrices")
    public record PriceListSpec(
            @Schema(description = "when the tariff changed, epoch milliseconds: a version older than the one kept is refused (409),"
                    + " one more than a day ahead too (400)") @NotNull @PositiveOrZero Long version,
            @NotNull @Pattern(regexp = "^[A-Z]{3}$") String currency,
            @Schema(examples = "+05:30", description = "the provider's UTC offset: windows are in its local time")
            @NotNull @Pattern(regexp = "^[+-]\\d{2}:\\d{2}$") String utcOffset,
            @Schema(description = "the charger types the tariff's rates name; others are 'any other' (no chargerType)")
            @Size(max = 20) List<@NotBlank @Size(max = 10) String> chargerTypes,
            @Schema(description = "the locations the rates name; others are 'any other' (no locationId)")
            @Size(max = 20_000) List<@NotBlank @Size(max = 100) String> locations,
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

    @Inject
    PriceLists prices;

    @DELETE
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "Forget a provider's unit prices: search shows the items' list prices until its tariff changes "
            + "again (a version kept by mistake, far ahead, is undone so)")
    @APIResponse(responseCode = "204", description = "Forgotten (or there were none)")
    public void delete(@PathParam("providerId") String providerId) {
        prices.delete(providerId);
    }

    @GET
    @RolesAllowed(Caller.OPERATOR)
    @Operation(summary = "A provider's unit prices as last published")
    @APIResponse(responseCode = "404", description = "None published: search shows the items' list prices")
    public PriceListSpec get(@PathParam("providerId") String providerId) {
        return prices.get(providerId).orElseThrow(() -> ProblemException.notFound("unit prices of '" + providerId + "'"));
    }

    /** A version (a time) is at most this far ahead: one far in the future would keep every later one out. */
    static final long AHEAD_MILLIS = java.time.Duration.ofDays(1).toMillis();

    /** Windows start at 00:00 and go forward; a key is given once; the version is no more than a day ahead. */
    static void check(PriceListSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (spec.version() > System.currentTimeMillis() + AHEAD_MILLIS) {
            errors.add(new FieldError("version", "more than a day ahead of now: a version is when the tariff changed"));
        }
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (int i = 0; i < spec.prices().size(); i++) {
            EntrySpec e = spec.prices().get(i);
            if (!keys.add(e.service() + "|" + e.chargerType() + "|" + e.locationId())) {
                errors.add(new FieldError("prices[" + i + "]", "this service, charger type and location is given twice"));
            }
            if (!"00:00".equals(e.windows().get(0).from())) {
                errors.add(new FieldError("prices[" + i + "].windows[0].from", "the day's first window starts at 00:00"));
            }
            for (int w = 1; w < e.windows().size(); w++) {
                if (e.windows().get(w).from().compareTo(e.windows().get(w - 1).from()) <= 0) {
                    errors.add(new FieldError("prices[" + i + "].windows[" + w + "].from", "windows are in order of their start"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " fields are invalid", errors);
        }
    }
}
