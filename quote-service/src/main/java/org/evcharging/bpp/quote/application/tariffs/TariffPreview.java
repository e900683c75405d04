package org.evcharging.bpp.quote.application.tariffs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.rest.ProblemException;
import org.evcharging.bpp.quote.domain.pricing.Quote;
import org.evcharging.bpp.quote.domain.pricing.QuoteCalculator;
import org.evcharging.bpp.quote.domain.pricing.QuoteRequest;
import org.evcharging.bpp.quote.domain.pricing.Tariff;

/**
 * A quote priced with a tariff that is not saved yet, for the console's tariff editor: what a user would be quoted for
 * {@code kwh} at {@code at} (the provider's local time, today), with the charger blocked for {@code blockMinutes}.
 * The same arithmetic as select ({@link QuoteCalculator}); when no rate matches, {@code listPrice} stands in for the
 * catalog's price, and without it the preview is refused (naming {@code listPrice}) rather than priced at zero.
 */
@ApplicationScoped
public class TariffPreview {

    public record Request(@NotNull @Valid TariffSpec tariff,
            @NotNull @Pattern(regexp = TariffSpec.SERVICE) String service,
            @Pattern(regexp = "AC|DC") String chargerType,
            @Size(max = 100) String locationId,
            @NotNull @DecimalMin("0.001") @DecimalMax("10000") @Digits(integer = 5, fraction = 3) BigDecimal kwh,
            @Pattern(regexp = TariffSpec.HHMM, message = "HH:mm") String at,
            @Min(0) @Max(1440) int blockMinutes,
            @DecimalMin("0") @Digits(integer = 8, fraction = 4) BigDecimal listPrice) {
    }

    @Inject
    Tariffs tariffs;

    @Inject
    @ConfigProperty(name = "quote.provider-utc-offset", defaultValue = "+05:30")
    String providerOffset;

    public Quote price(String providerId, Request r) {
        tariffs.check(r.tariff());
        ZoneOffset zone = ZoneOffset.of(providerOffset);
        OffsetDateTime now = OffsetDateTime.now(zone);
        OffsetDateTime start = r.at() == null ? now
                : OffsetDateTime.of(LocalDate.now(zone), LocalTime.parse(r.at()), zone);
        OffsetDateTime end = r.blockMinutes() > 0 ? start.plusMinutes(r.blockMinutes()) : null;
        Tariff.Service service = Tariff.Service.valueOf(r.service());
        QuoteRequest q = new QuoteRequest(service, r.chargerType(), r.locationId(), r.kwh(),
                service == Tariff.Service.CHARGING ? "kWh" : "swap", r.listPrice(), start, end, r.blockMinutes() > 0,
                List.of(), new Tariff.Customer(null, null, null, false));
        Tariff tariff = r.tariff().toTariff(providerId);
        QuoteCalculator calculator = new QuoteCalculator(zone);
        if (r.listPrice() == null && calculator.rateAt(tariff, q, start).isEmpty()) {
            // a real quote would take the catalog's price of the item: without it, a preview would understate
            throw new ProblemException(400, "no rate of the tariff applies to this request", "listPrice",
                    "give the catalog's price of the item, or add a rate for this service, charger type and time");
        }
        return calculator.price(tariff, q, now);
    }
}
