package org.evcharging.bpp.quote.infrastructure.catalog;

/** The catalog could not answer (down, slow, failing). */
public class CatalogUnavailable extends RuntimeException {

    public CatalogUnavailable(String message) {
        super(message);
    }
}
