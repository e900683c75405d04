package org.evcharging.bpp.order.domain;

/** The fulfillment state codes of the workflow document ({@code fulfillments[].state.descriptor.code}). */
public final class FulfillmentState {

    public static final String ORDER_INITIATED = "order-initiated";
    public static final String PAYMENT_COMPLETED = "payment-completed";
    public static final String CHARGING_STARTED = "charging-started";
    public static final String CHARGING_ENDED = "charging-ended";
    public static final String ORDER_CANCELLED = "order-cancelled";
    public static final String ORDER_EXPIRED = "order-expired";

    private FulfillmentState() {
    }
}
