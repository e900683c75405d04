package org.evcharging.bpp.core.rest;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Keys of public pages that people open from a link without logging in (a feedback form, a live tracking page): 256
 * random bits, URL-safe Base64 without padding (43 characters). Being the page's only key, a token must not be
 * guessable, and nothing about what it opens can be read from it (it is never an order or rating id, which BAPs and
 * their logs know).
 */
public final class PageTokens {

    private static final Pattern FORMAT = Pattern.compile("^[A-Za-z0-9_-]{43}$");

    private final RandomGenerator random;

    public PageTokens(RandomGenerator random) {
        this.random = random;
    }

    public static PageTokens secure() {
        return new PageTokens(new SecureRandom());
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
