package org.evcharging.bpp.core.signing;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The BECKN-006 rules for an inbound signature, in one place: well-formed header, {@code created} not
 * in the future beyond a small clock skew and not older than {@code maxAge} (a captured request cannot be replayed
 * after that, whatever {@code expires} it carries), {@code expires} not past and not more than {@code maxValidity}
 * ahead, the signer is who it must be, a valid registered key for {@code subscriber|key_id}, and an Ed25519 signature
 * over the raw body.
 */
public final class InboundSignatureVerifier {

    /** Resolves a subscriber's currently valid signing key, from the registry or its cache. */
    @FunctionalInterface
    public interface KeyResolver {

        Optional<VerificationKey> signingKey(String subscriberId, String keyId);
    }

    /** BECKN-006's worked example signs for one hour: what a conforming sender may ask. */
    public static final Duration DEFAULT_MAX_VALIDITY = Duration.ofHours(1);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

    private final KeyResolver keys;
    private final Clock clock;
    private final long skewSeconds;
    private final long maxAgeSeconds;
    private final long maxValiditySeconds;

    public InboundSignatureVerifier(KeyResolver keys, Clock clock, long skewSeconds) {
        this(keys, clock, skewSeconds, DEFAULT_MAX_AGE, DEFAULT_MAX_VALIDITY);
    }

    /**
     * @param maxAge      how long after {@code created} a signature is taken
     * @param maxValidity how far ahead of now {@code expires} may be
     */
    public InboundSignatureVerifier(KeyResolver keys, Clock clock, long skewSeconds, Duration maxAge,
            Duration maxValidity) {
        this.keys = keys;
        this.clock = clock;
        this.skewSeconds = skewSeconds;
        this.maxAgeSeconds = maxAge.toSeconds();
        this.maxValiditySeconds = maxValidity.toSeconds();
    }

    /**
     * Verifies {@code headerValue} over {@code body}; {@code expectedSigner} is the subscriber that must have
     * signed (the {@code bap_id} for {@code Authorization}), or null when any registered subscriber may (a gateway).
     */
    public SignatureHeader verify(String headerValue, byte[] body, String expectedSigner) {
        SignatureHeader header = SignatureHeader.parse(headerValue);
        long now = clock.instant().getEpochSecond();
        if (header.created() > now + skewSeconds) {
            throw new SignatureException("signature created in the future");
        }
        if (header.expires() < now - skewSeconds) {
            throw new SignatureException("signature expired");
        }
        if (header.expires() < header.created()) {
            throw new SignatureException("signature expires before it was created");
        }
        if (header.created() < now - maxAgeSeconds - skewSeconds) {
            throw new SignatureException("signature created more than " + maxAgeSeconds + " s ago");
        }
        if (header.expires() > now + maxValiditySeconds + skewSeconds) {
            throw new SignatureException("signature expires more than " + maxValiditySeconds + " s from now");
        }
        if (expectedSigner != null && !expectedSigner.equals(header.subscriberId())) {
            throw new SignatureException("signer " + header.subscriberId() + " is not the sender " + expectedSigner);
        }
        VerificationKey key = keys.signingKey(header.subscriberId(), header.keyId())
                .orElseThrow(() -> new SignatureException("no valid key registered for " + header.subscriberId()
                        + "|" + header.keyId()));
        if (!HttpSigner.verify(header, body, key)) {
            throw new SignatureException("signature does not verify");
        }
        return header;
    }
}
