package org.evcharging.bpp.core.signing;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Our signing keys through a rotation: the current key, and optionally the next one with the instant from which our
 * callbacks are signed with it. Both are published in the registry before that instant (the overlap window), so a BAP
 * verifies a callback signed with either; after it, the current key is only kept until the registry retires it
 * ({@code valid_until}). Without a next key the ring is just the current key.
 */
public final class SigningKeyRing {

    private final HttpSigner current;
    private final HttpSigner next;
    private final Instant nextFrom;
    private final Clock clock;

    public SigningKeyRing(HttpSigner current, HttpSigner next, Instant nextFrom, Clock clock) {
        this.current = Objects.requireNonNull(current, "current signing key");
        if ((next == null) != (nextFrom == null)) {
            throw new IllegalArgumentException("a next signing key needs the instant it signs from, and only then");
        }
        if (next != null && next.keyId().equals(current.keyId())) {
            throw new IllegalArgumentException("the next signing key needs a key id of its own, not " + next.keyId());
        }
        this.next = next;
        this.nextFrom = nextFrom;
        this.clock = clock;
    }

    /** The key to sign with now. */
    public HttpSigner signer() {
        return next != null && !clock.instant().isBefore(nextFrom) ? next : current;
    }

    /** The key configured as current (signing until the switch). */
    public HttpSigner current() {
        return current;
    }

    /** The next key, or null. */
    public HttpSigner next() {
        return next;
    }

    /** When callbacks switch to the next key, or null. */
    public Instant nextFrom() {
        return nextFrom;
    }

    /** Every key of the ring, the current first. */
    public List<HttpSigner> keys() {
        List<HttpSigner> out = new ArrayList<>();
        out.add(current);
        if (next != null) {
            out.add(next);
        }
        return out;
    }
}
