package org.evcharging.bpp.support.domain;

import java.util.Objects;

/**
 * Which aggregate rating: a provider's ({@code itemId} null) or one item's. {@link #subject()} is its key in the
 * push queue: {@code provider:<id>} or {@code item:<provider id>/<item id>} (catalog ids cannot contain a slash).
 */
public record AggregateKey(String providerId, String itemId) implements Comparable<AggregateKey> {

    public AggregateKey {
        Objects.requireNonNull(providerId, "providerId");
    }

    public static AggregateKey provider(String providerId) {
        return new AggregateKey(providerId, null);
    }

    public static AggregateKey item(String providerId, String itemId) {
        return new AggregateKey(providerId, Objects.requireNonNull(itemId, "itemId"));
    }

    public boolean isItem() {
        return itemId != null;
    }

    public String subject() {
        return itemId == null ? "provider:" + providerId : "item:" + providerId + "/" + itemId;
    }

    /** A stable order, so that transactions lock push rows in the same order and cannot deadlock. */
    @Override
    public int compareTo(AggregateKey o) {
        return subject().compareTo(o.subject());
    }
}
