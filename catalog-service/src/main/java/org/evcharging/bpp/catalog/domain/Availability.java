package org.evcharging.bpp.catalog.domain;

/** Whether a connector (or swap station) can serve a user now. Only AVAILABLE ones are published as "Available". */
public enum Availability {

    AVAILABLE("Available"), OCCUPIED("Occupied"), OUT_OF_SERVICE("Out of service");

    private final String label;

    Availability(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
