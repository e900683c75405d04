package org.evcharging.bpp.core.network;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One Subscription we ask the registry for (registry.yaml {@code /subscribe}): us as a BPP in one domain and city,
 * with one signing key and our encryption key, valid for a window.
 */
public record SubscriptionEntry(String subscriberId, String url, String domain, String cityCode, String keyId,
        String signingPublicKey, String encryptionPublicKey, Instant validFrom, Instant validUntil) {

    /** The request body, with a fresh {@code nonce}. */
    public ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("subscriber_id", subscriberId);
        body.put("url", url);
        body.put("type", "BPP");
        body.put("domain", domain);
        body.putObject("location").putObject("city").put("code", cityCode);
        body.put("key_id", keyId);
        body.put("signing_public_key", signingPublicKey);
        body.put("encr_public_key", encryptionPublicKey);
        body.put("valid_from", rfc3339(validFrom));
        body.put("valid_until", rfc3339(validUntil));
        body.put("nonce", UUID.randomUUID().toString());
        return body;
    }

    static String rfc3339(Instant t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME
                .format(t.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }
}
