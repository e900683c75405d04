package org.evcharging.bpp.core.network;

/**
 * What the registry said to one {@code /subscribe}: its status ({@code UNDER_SUBSCRIPTION} when it goes on to send its
 * challenge to our {@code /on_subscribe}), or why there is none (unreachable, timed out, an HTTP error, an answer that
 * is not one).
 */
public record SubscribeOutcome(String keyId, String domain, String status, String error) {

    public boolean accepted() {
        return error == null;
    }
}
