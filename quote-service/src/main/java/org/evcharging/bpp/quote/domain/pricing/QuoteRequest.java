package org.evcharging.bpp.quote.domain.pricing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What is to be priced: {@code quantity} units (kWh or swaps) of an item whose catalog list price is
 * {@code listPrice}, delivered by {@code service} at a charger of {@code chargerType} at {@code locationId},
 * optionally blocking it from {@code slotStart} to {@code slotEnd}, with add-ons, for a customer.
 */
public record QuoteRequest(Tariff.Service service, String chargerType, String locationId, BigDecimal quantity,
        String unit, BigDecimal listPrice, OffsetDateTime slotStart, OffsetDateTime slotEnd,
        boolean block, List<AddOn> addOns, Tariff.Customer customer) {

    public record AddOn(String id, String name, BigDecimal price) {
    }
}
