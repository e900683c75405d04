package org.evcharging.bpp.catalog.domain;

/** How an item is delivered, with the Beckn fulfillment type it is published as. */
public enum FulfillmentType {

    CHARGING("CHARGING"), BATTERY_SWAP("BATTERY-SWAP"), MOBILE_BATTERY_SWAP("MOBILE-BATTERY-SWAP");

    private final String beckn;

    FulfillmentType(String beckn) {
        this.beckn = beckn;
    }

    public String beckn() {
        return beckn;
    }

    public static FulfillmentType fromBeckn(String type) {
        for (FulfillmentType t : values()) {
            if (t.beckn.equalsIgnoreCase(type) || t.name().equalsIgnoreCase(type)) {
                return t;
            }
        }
        return null;
    }
}
