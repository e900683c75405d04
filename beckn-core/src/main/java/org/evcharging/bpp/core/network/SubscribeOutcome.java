package org.evcharging.bpp.core.network;

/**
 * What became of one Subscription: sent and the registry's status ({@code UNDER_SUBSCRIPTION} when it goes on to
 * challenge our {@code /on_subscribe}), not sent because the registry already holds it as it would be
 * ({@code sent == false}, status {@code SUBSCRIBED}), or why there is none (unreachable, timed out, an HTTP error, an
 * answer that is not one).
 */
public record SubscribeOutcome(String keyId, String domain, String status, String error, boolean sent) {

    public SubscribeOutcome(String keyId, String domain, String status, String error) {
        this(keyId, domain, status, error, true);
    }

    public boolean accepted() {
        return error == null;
    }
}
