package org.evcharging.bpp.catalog.application.search;

import org.evcharging.bpp.catalog.domain.Geo;

/** A location as search reads it: plain columns, no entity, because search only reads. */
public record Site(long id, String providerId, String ref, String name, double latitude, double longitude,
        String address, String cityCode, String areaCode, String openingHours) {

    public String gps() {
        return Geo.format(latitude, longitude);
    }
}
