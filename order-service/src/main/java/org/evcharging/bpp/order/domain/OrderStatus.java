package org.evcharging.bpp.order.domain;

/**
 * Where an order is in its life. A DRAFT holds its slot until the quote's validity ends; it becomes ACTIVE when a
 * paid confirm arrives, or EXPIRED when its time runs out first.
 */
public enum OrderStatus {

    DRAFT, ACTIVE, COMPLETE, CANCELLED, EXPIRED;

    /** The Beckn {@code order.status} (core 1.1.0 allows ACTIVE, COMPLETE, CANCELLED); none for a draft. */
    public String beckn() {
        return switch (this) {
            case ACTIVE -> "ACTIVE";
            case COMPLETE -> "COMPLETE";
            case CANCELLED, EXPIRED -> "CANCELLED";
            case DRAFT -> null;
        };
    }
}
