package org.evcharging.bpp.order.domain;

/** The fulfillment state codes of the workflow document ({@code fulfillments[].state.descriptor.code}). */
public final class FulfillmentState {

    public static final String ORDER_INITIATED = "order-initiated";
    public static final String PAYMENT_COMPLETED = "payment-completed";
    public static final String CHARGING_STARTED = "charging-started";
    public static final String CHARGING_ENDED = "charging-ended";
    public static final String ORDER_CANCELLED = "order-cancelled";
    public static final String ORDER_EXPIRED = "order-expired";
    /** The provider ended it: the charger failed during the session (the document's BPP-initiated on_cancel). */
    public static final String CHARGER_ERROR = "charger-error";
    /** The provider (an operator) called the order off: a site closed. Not the user's cancel ({@link #ORDER_CANCELLED}). */
    public static final String CANCELLED_BY_PROVIDER = "cancelled-by-provider";
    /**
     * The state the cancellation terms name for "once charging has started", as the workflow document's terms do; the
     * fulfillment itself is then {@link #CHARGING_STARTED}.
     */
    public static final String CHARGING_START_TERM = "charging-start";
    public static final String SWAP_SCHEDULED = "swap-scheduled";
    public static final String SWAP_IN_PROGRESS = "swap-in-progress";
    public static final String SWAP_COMPLETED = "swap-completed";

    /** The update codes a BAP sends ({@code fulfillments[0].state.descriptor.code} of update). */
    public static final String START_CHARGING = "start-charging";
    public static final String END_CHARGING = "end-charging";
    public static final String START_SWAP = "start-swap";
    public static final String END_SWAP = "end-swap";

    private FulfillmentState() {
    }
}
