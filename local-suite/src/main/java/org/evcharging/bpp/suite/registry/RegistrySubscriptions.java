package org.evcharging.bpp.suite.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.network.ChallengeCipher;
import org.evcharging.bpp.core.network.X25519Keys;
import org.evcharging.bpp.core.signing.Ed25519Keys;
import org.evcharging.bpp.core.signing.HttpSigner;
import org.evcharging.bpp.core.signing.InboundSignatureVerifier;
import org.evcharging.bpp.core.signing.SignatureException;
import org.evcharging.bpp.core.signing.VerificationKey;

/**
 * The registry side of registry.yaml {@code /subscribe} and {@code /on_subscribe}, for the local suite: a Subscription
 * signed with the key it publishes is taken as {@code UNDER_SUBSCRIPTION}; the registry then sends a random challenge,
 * encrypted for the subscriber's {@code encr_public_key}, to its {@code url}{@code /on_subscribe}, signed with the
 * registry's own key, and makes the entry {@code SUBSCRIBED} only when the answer is the challenge. A subscription that
 * replaces a SUBSCRIBED one (the same subscriber, key and domain, subscribed again) leaves the old one in force until
 * the answer comes, so a re-subscription never makes a key unusable. A subscriber already known keeps its url (a
 * subscribe naming another one is refused: a real registry changes it by its own admission process), must sign with a
 * key the registry holds for it as SUBSCRIBED (a new subscriber signs with the key it publishes), and cannot give an
 * existing key id another key.
 */
public final class RegistrySubscriptions implements AutoCloseable {

    /** What the registry answers a subscribe with: an HTTP status and a JSON body. */
    public record Reply(int status, ObjectNode body) {
    }

    private static final SafeLog LOG = SafeLog.of(RegistrySubscriptions.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TYPES = Set.of("BAP", "BPP", "BG");

    private final LocalRegistry registry;
    private final HttpSigner signer;
    private final byte[] encryptionPrivateKey;
    private final ChallengeCipher.Mechanism mechanism;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ExecutorService challenges = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "registry-challenges");
        t.setDaemon(true);
        return t;
    });

    public RegistrySubscriptions(LocalRegistry registry, String registryId, String keyId, PrivateKey signingKey,
            byte[] encryptionPrivateKey, ChallengeCipher.Mechanism mechanism, Clock clock) {
        this.registry = registry;
        this.signer = new HttpSigner(registryId, keyId, signingKey, clock);
        this.encryptionPrivateKey = encryptionPrivateKey.clone();
        this.mechanism = mechanism;
        this.clock = clock;
    }

    /** Checks and takes a subscribe; the challenge goes out after the reply. */
    public Reply subscribe(byte[] body, String authorization) {
        JsonNode s;
        try {
            s = JSON.readTree(body);
        } catch (IOException e) {
            return refuse(400, "the subscription is not JSON");
        }
        if (s == null || !s.isObject()) {
            return refuse(400, "the subscription must be a JSON object");
        }
        for (String f : new String[] {"subscriber_id", "url", "type", "domain", "key_id", "signing_public_key",
                "encr_public_key", "valid_from", "valid_until"}) {
            if (!s.path(f).isTextual() || s.get(f).asText().isBlank()) {
                return refuse(400, f + " is required");
            }
        }
        String url = s.get("url").asText();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            return refuse(400, "url must be http(s)");
        }
        if (!TYPES.contains(s.get("type").asText())) {
            return refuse(400, "type must be BAP, BPP or BG");
        }
        VerificationKey key;
        try {
            key = VerificationKey.of(Ed25519Keys.publicKey(s.get("signing_public_key").asText()));
            X25519Keys.publicKey(s.get("encr_public_key").asText());
        } catch (IllegalArgumentException e) {
            return refuse(400, "a public key is not valid: " + e.getMessage());
        }
        OffsetDateTime from;
        OffsetDateTime until;
        try {
            from = OffsetDateTime.parse(s.get("valid_from").asText());
            until = OffsetDateTime.parse(s.get("valid_until").asText());
        } catch (DateTimeParseException e) {
            return refuse(400, "valid_from and valid_until must be RFC 3339 date-times");
        }
        if (!until.isAfter(from)) {
            return refuse(400, "valid_until must be after valid_from");
        }
        String subscriberId = s.get("subscriber_id").asText();
        String keyId = s.get("key_id").asText();
        List<RegistryEntry> known = registry.lookup(JSON.createObjectNode().put("subscriber_id", subscriberId));
        if (known.stream().anyMatch(e -> e.url() != null && !e.url().equals(url))) {
            return refuse(403, "subscriber " + subscriberId + " is registered with another url");
        }
        if (known.stream().anyMatch(e -> e.keyId().equals(keyId)
                && !e.signingPublicKey().equals(s.get("signing_public_key").asText()))) {
            return refuse(409, "key " + keyId + " of " + subscriberId + " is registered with another signing key: "
                    + "a new key needs a new key_id");
        }
        // A subscriber we hold as SUBSCRIBED vouches for what it asks with a key we hold for it; a new one signs with
        // the key it publishes. So nobody else can publish a key in its name, even with its url and encryption key.
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<String, VerificationKey> vouching = new HashMap<>();
        for (RegistryEntry e : known) {
            if ("SUBSCRIBED".equals(e.status()) && validAt(e, now)) {
                try {
                    vouching.put(e.keyId(), VerificationKey.of(Ed25519Keys.publicKey(e.signingPublicKey())));
                } catch (IllegalArgumentException bad) {
                    // a malformed key vouches for nothing
                }
            }
        }
        try {
            new InboundSignatureVerifier((id, k) -> !subscriberId.equals(id) ? Optional.empty()
                    : !vouching.isEmpty() ? Optional.ofNullable(vouching.get(k))
                            : keyId.equals(k) ? Optional.of(key) : Optional.empty(),
                    clock, 5).verify(authorization, body, subscriberId);
        } catch (SignatureException e) {
            return refuse(401, (vouching.isEmpty() ? "a new subscriber signs with the key it publishes: "
                    : "a subscriber signs with a key the registry holds for it as SUBSCRIBED: ") + e.getMessage());
        }
        RegistryEntry asked = new RegistryEntry(subscriberId, keyId, s.get("type").asText(), url,
                s.get("domain").asText(), s.get("signing_public_key").asText(), "UNDER_SUBSCRIPTION",
                RegistryEntry.rfc3339(from), RegistryEntry.rfc3339(until), s.get("encr_public_key").asText());
        boolean inForce = registry.entries().stream()
                .anyMatch(e -> e.sameSubscription(asked) && "SUBSCRIBED".equals(e.status()));
        if (!inForce) {
            registry.put(asked);
        }
        challenges.execute(() -> challenge(asked));
        ObjectNode ok = JSON.createObjectNode().put("status", "UNDER_SUBSCRIPTION");
        return new Reply(200, ok);
    }

    private static boolean validAt(RegistryEntry e, OffsetDateTime now) {
        try {
            return (e.validFrom() == null || !now.isBefore(OffsetDateTime.parse(e.validFrom())))
                    && (e.validUntil() == null || now.isBefore(OffsetDateTime.parse(e.validUntil())));
        } catch (DateTimeParseException bad) {
            return false;
        }
    }

    private void challenge(RegistryEntry asked) {
        String what = asked.subscriberId() + "|" + asked.keyId() + " in " + asked.domain();
        try {
            String plain = UUID.randomUUID().toString();
            ChallengeCipher cipher = new ChallengeCipher(mechanism, encryptionPrivateKey,
                    X25519Keys.publicKey(asked.encrPublicKey()));
            ObjectNode request = JSON.createObjectNode().put("subscriber_id", asked.subscriberId())
                    .put("status", "UNDER_SUBSCRIPTION").put("challenge", cipher.encrypt(plain));
            byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
            String base = asked.url().endsWith("/") ? asked.url().substring(0, asked.url().length() - 1)
                    : asked.url();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/on_subscribe"))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .header("Authorization", signer.authorization(body, 60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
            if (answer != null && plain.equals(answer.path("answer").asText(null))) {
                registry.put(asked.withStatus("SUBSCRIBED"));
                LOG.info(() -> "registry: " + what + " SUBSCRIBED");
            } else {
                LOG.warning(() -> "registry: " + what + " stays unsubscribed: on_subscribe answered HTTP "
                        + response.statusCode() + " without the challenge");
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "registry: " + what + " stays unsubscribed: on_subscribe failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Reply refuse(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", status == 401 ? "10001" : "10000").put("message", message);
        return new Reply(status, body);
    }

    @Override
    public void close() {
        challenges.shutdownNow();
    }
}
