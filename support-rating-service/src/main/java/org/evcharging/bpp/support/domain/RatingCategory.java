package org.evcharging.bpp.support.domain;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a Beckn rating rates ({@code rating_category}, core 1.1.0), and which aggregate ratings it counts for:
 * <ul>
 *   <li>{@code Order}: the BAP's own confirmed order; counts for its provider.</li>
 *   <li>{@code Fulfillment} (the workflow document's {@code charger}): the charger of an order (by the order id, as
 *       the document does) or a connector, swap station or mobile swap (by its id); counts for the provider and the
 *       item delivered there.</li>
 *   <li>{@code Item}: an item (or an order's item); counts for the provider and the item.</li>
 *   <li>{@code Provider}: a provider (or an order's provider); counts for the provider.</li>
 *   <li>{@code Support}: a support ticket the BAP opened (its {@code SUP-…} reference); kept for the provider to
 *       see, counts for no aggregate.</li>
 *   <li>{@code Agent}: not supported (self-service charging has no agent): 50003.</li>
 * </ul>
 */
public enum RatingCategory {

    ORDER("Order", true, false), FULFILLMENT("Fulfillment", true, true), ITEM("Item", true, true), PROVIDER("Provider",
            true, false), SUPPORT("Support", false, false), AGENT("Agent", false, false);

    private final String beckn;
    private final boolean countsForProvider;
    private final boolean countsForItem;

    RatingCategory(String beckn, boolean countsForProvider, boolean countsForItem) {
        this.beckn = beckn;
        this.countsForProvider = countsForProvider;
        this.countsForItem = countsForItem;
    }

    public String beckn() {
        return beckn;
    }

    public boolean supported() {
        return this != AGENT;
    }

    /** The categories whose ratings make a provider's aggregate. */
    public static Set<RatingCategory> forProvider() {
        Set<RatingCategory> s = new LinkedHashSet<>();
        for (RatingCategory c : values()) {
            if (c.countsForProvider) {
                s.add(c);
            }
        }
        return s;
    }

    /** The categories whose ratings make an item's aggregate. */
    public static Set<RatingCategory> forItem() {
        Set<RatingCategory> s = new LinkedHashSet<>();
        for (RatingCategory c : values()) {
            if (c.countsForItem) {
                s.add(c);
            }
        }
        return s;
    }

    /** The aggregates a rating of this category about this provider and item moves (none without a provider). */
    public Set<AggregateKey> aggregates(String providerId, String itemId) {
        Set<AggregateKey> keys = new LinkedHashSet<>();
        if (providerId == null) {
            return keys;
        }
        if (countsForProvider) {
            keys.add(AggregateKey.provider(providerId));
        }
        if (countsForItem && itemId != null) {
            keys.add(AggregateKey.item(providerId, itemId));
        }
        return keys;
    }

    /**
     * The category a BAP named: a core name in any case, or the document's {@code charger} (beckn-core's
     * WorkflowLeniency already turns it into {@code Fulfillment}; accepted here too).
     */
    public static Optional<RatingCategory> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim();
        if ("charger".equalsIgnoreCase(n)) {
            return Optional.of(FULFILLMENT);
        }
        for (RatingCategory c : values()) {
            if (c.beckn.equalsIgnoreCase(n)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** For stored names ({@code ORDER}) and Beckn names ({@code Order}) alike; an unknown one is a 400 in the admin API. */
    public static Optional<RatingCategory> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return of(name);
        }
    }
}
