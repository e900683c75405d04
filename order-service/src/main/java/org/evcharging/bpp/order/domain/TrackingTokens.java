package org.evcharging.bpp.order.domain;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Tracking page tokens: 256 random bits, URL-safe Base64 without padding (43 characters). The token is the public
 * tracking page's only key (the page needs no login, as the BAP's user opens it from anywhere), so it must not be
 * guessable, and it is never the order id, which the BAP and its logs know.
 */
public final class TrackingTokens {

    private static final Pattern FORMAT = Pattern.compile("^[A-Za-z0-9_-]{43}$");

    private final RandomGenerator random;

    public TrackingTokens(RandomGenerator random) {
        this.random = random;
    }

    public static TrackingTokens secure() {
        return new TrackingTokens(new SecureRandom());
    }

    public String next() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Checked before any database read: anything else in the URL is simply not found. */
    public static boolean wellFormed(String token) {
        return token != null && FORMAT.matcher(token).matches();
    }
}
