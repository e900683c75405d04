package org.evcharging.bpp.suite.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One Subscription of the local registry, in the field names of registry.yaml {@code /lookup}
 * (plus {@code ukId}, which common registries send instead of {@code key_id}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistryEntry(
        @JsonProperty("subscriber_id") String subscriberId,
        @JsonProperty("key_id") String keyId,
        @JsonProperty("type") String type,
        @JsonProperty("url") String url,
        @JsonProperty("domain") String domain,
        @JsonProperty("signing_public_key") String signingPublicKey,
        @JsonProperty("status") String status,
        @JsonProperty("valid_from") String validFrom,
        @JsonProperty("valid_until") String validUntil,
        @JsonProperty("encr_public_key") String encrPublicKey) {

    public static final String DOMAIN = "dent:0.1.0";

    /** An entry without an encryption key (one made by hand, as the demo network's first entries are). */
    public RegistryEntry(String subscriberId, String keyId, String type, String url, String domain,
            String signingPublicKey, String status, String validFrom, String validUntil) {
        this(subscriberId, keyId, type, url, domain, signingPublicKey, status, validFrom, validUntil, null);
    }

    public RegistryEntry {
        Objects.requireNonNull(subscriberId, "subscriber_id");
        Objects.requireNonNull(keyId, "key_id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(signingPublicKey, "signing_public_key");
    }

    @JsonProperty("ukId")
    public String ukId() {
        return keyId;
    }

    /** A SUBSCRIBED entry valid from {@code from} to {@code until}. */
    public static RegistryEntry subscribed(String subscriberId, String keyId, String type, String url,
            String signingPublicKey, OffsetDateTime from, OffsetDateTime until) {
        return new RegistryEntry(subscriberId, keyId, type, url, DOMAIN, signingPublicKey, "SUBSCRIBED",
                rfc3339(from), rfc3339(until));
    }

    public RegistryEntry withValidity(OffsetDateTime from, OffsetDateTime until) {
        return new RegistryEntry(subscriberId, keyId, type, url, domain, signingPublicKey, status,
                rfc3339(from), rfc3339(until), encrPublicKey);
    }

    /** RFC 3339 in UTC, to the second ({@code 2026-11-25T12:00:00Z}). */
    public static String rfc3339(OffsetDateTime t) {
        return t == null ? null
                : t.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** Whether {@code other} is the same subscription: subscriber, key and domain. */
    public boolean sameSubscription(RegistryEntry other) {
        return subscriberId.equals(other.subscriberId) && keyId.equals(other.keyId)
                && Objects.equals(domain, other.domain);
    }

    public RegistryEntry withStatus(String newStatus) {
        return new RegistryEntry(subscriberId, keyId, type, url, domain, signingPublicKey, newStatus, validFrom,
                validUntil, encrPublicKey);
    }
}
