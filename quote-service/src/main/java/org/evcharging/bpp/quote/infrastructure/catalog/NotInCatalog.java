package org.evcharging.bpp.quote.infrastructure.catalog;

/** The catalog has no such provider, item or fulfillment ({@code field}: providerId, itemId or fulfillmentId). */
public class NotInCatalog extends RuntimeException {

    private final String field;

    public NotInCatalog(String field) {
        super(field + " not in the catalog");
        this.field = field;
    }

    public String field() {
        return field;
    }
}
