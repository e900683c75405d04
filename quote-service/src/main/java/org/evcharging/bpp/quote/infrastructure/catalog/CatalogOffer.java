package org.evcharging.bpp.quote.infrastructure.catalog;

import java.math.BigDecimal;
import java.util.List;

/** The catalog's answer to an offer lookup, as this service reads it (its own copy of the contract). */
public record CatalogOffer(Provider provider, Item item, Fulfillment fulfillment) {

    public record Provider(String id, String name, String shortDesc, List<String> images, String energySource) {
    }

    public record Item(String id, String code, String name, String unit, BigDecimal price, String currency,
            BigDecimal availableQuantity, List<String> fulfillmentTypes, List<AddOn> addOns) {
    }

    public record AddOn(String id, String name, BigDecimal price) {
    }

    public record Fulfillment(String id, String type, String locationId, String gps, String chargerType,
            String connectorType, Double powerKw, String availability, String openingHours) {
    }
}
