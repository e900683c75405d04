package org.evcharging.bpp.catalog.domain;

/**
 * The one rule for aggregate ratings of providers and items: an aggregate computed before the one already set
 * ({@code asOf}, epoch ms) is left out; one without {@code asOf} (set by hand) is always taken and keeps the last
 * version, so a late push is still recognised after it.
 */
final class RatingVersions {

    private RatingVersions() {
    }

    /** Is an aggregate computed at {@code asOf} older than the one set at {@code current}? */
    static boolean older(Long asOf, Long current) {
        return asOf != null && current != null && asOf < current;
    }

    /** The version to keep once an aggregate computed at {@code asOf} is taken. */
    static Long after(Long asOf, Long current) {
        return asOf != null ? asOf : current;
    }
}
