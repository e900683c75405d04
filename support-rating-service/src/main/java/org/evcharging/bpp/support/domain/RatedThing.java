package org.evcharging.bpp.support.domain;

/**
 * What a rated id stands for, once checked with the order service, the catalog or the tickets: its provider and,
 * where they apply, the item, the fulfillment (connector, swap station), the order and the support ticket.
 */
public record RatedThing(String providerId, String itemId, String fulfillmentId, String orderId, String ticketRef) {

    /** How the feedback page and the admin API describe it, e.g. {@code charger cz-mg-1-ccs2 of order 6743…}. */
    public String describe(RatingCategory category, String ratedId) {
        String what = switch (category) {
            case ORDER -> "order " + ratedId;
            case FULFILLMENT ->
                (fulfillmentId != null ? "charger or station " + fulfillmentId : "fulfillment " + ratedId)
                        + (orderId != null ? " of order " + orderId : "");
            case ITEM ->
                "item " + (itemId != null ? itemId : ratedId) + (orderId != null ? " of order " + orderId : "");
            case PROVIDER -> "provider " + (providerId != null ? providerId : ratedId);
            case SUPPORT -> "support ticket " + ratedId;
            case AGENT -> "agent " + ratedId;
        };
        return providerId == null || category == RatingCategory.PROVIDER ? what : what + " (" + providerId + ")";
    }
}
