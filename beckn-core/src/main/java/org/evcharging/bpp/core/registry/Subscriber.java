package org.evcharging.bpp.core.registry;

import java.time.OffsetDateTime;

/**
 * One registry entry (registry.yaml {@code Subscription}) as far as this platform needs it: who, which key,
 * where callbacks go, and for how long the key is valid.
 */
public record Subscriber(String subscriberId, String keyId, String type, String url, String signingPublicKey,
        String status, OffsetDateTime validFrom, OffsetDateTime validUntil, String domain, String encrPublicKey) {

    /** An entry without an encryption key. */
    public Subscriber(String subscriberId, String keyId, String type, String url, String signingPublicKey,
            String status, OffsetDateTime validFrom, OffsetDateTime validUntil, String domain) {
        this(subscriberId, keyId, type, url, signingPublicKey, status, validFrom, validUntil, domain, null);
    }

    /** An entry that names no domain. */
    public Subscriber(String subscriberId, String keyId, String type, String url, String signingPublicKey,
            String status, OffsetDateTime validFrom, OffsetDateTime validUntil) {
        this(subscriberId, keyId, type, url, signingPublicKey, status, validFrom, validUntil, null, null);
    }

    /** A key is usable when it is subscribed (or the registry gives no status) and inside its validity window. */
    public boolean usableAt(OffsetDateTime now) {
        boolean statusOk = status == null || status.isBlank() || "SUBSCRIBED".equalsIgnoreCase(status);
        boolean fromOk = validFrom == null || !now.isBefore(validFrom);
        boolean untilOk = validUntil == null || now.isBefore(validUntil);
        return statusOk && fromOk && untilOk && signingPublicKey != null && !signingPublicKey.isBlank();
    }
}
