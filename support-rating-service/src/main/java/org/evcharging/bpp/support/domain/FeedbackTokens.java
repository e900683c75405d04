package org.evcharging.bpp.support.domain;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Feedback form tokens: 256 random bits, URL-safe Base64 without padding (43 characters). Being in the form's URL,
 * the token is the form's only key, so it must not be guessable; nothing about the rating can be read from it.
 */
public final class FeedbackTokens {

    private static final Pattern FORMAT = Pattern.compile("^[A-Za-z0-9_-]{43}$");

    private final RandomGenerator random;

    public FeedbackTokens(RandomGenerator random) {
        this.random = random;
    }

    public static FeedbackTokens secure() {
        return new FeedbackTokens(new SecureRandom());
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
