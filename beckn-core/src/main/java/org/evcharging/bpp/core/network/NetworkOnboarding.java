package org.evcharging.bpp.core.network;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.config.BppConfig;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.network.OnSubscribeAnswerer.Answer;
import org.evcharging.bpp.core.network.OnSubscribeAnswerer.Refused;
import org.evcharging.bpp.core.registry.RegistryGateway;
import org.evcharging.bpp.core.registry.Subscriber;
import org.evcharging.bpp.core.signing.Ed25519Keys;
import org.evcharging.bpp.core.signing.HttpSigner;
import org.evcharging.bpp.core.signing.SigningKeyRing;
import org.evcharging.bpp.core.signing.VerificationKey;

/**
 * Joining the network (docs/network-onboarding.md): {@code subscribe} to the registry once per domain served and per
 * signing key of the ring (the next key of a rotation is published ahead of its switch, the current one is published
 * until the switch plus the overlap and then retired), answer the registry's {@code on_subscribe} challenge, and read
 * back what the registry holds for us. Stateless: any replica can answer a challenge, since it needs only our
 * encryption key and the registry's published keys, all configuration.
 */
@ApplicationScoped
public class NetworkOnboarding {

    private static final SafeLog LOG = SafeLog.of(NetworkOnboarding.class);

    @Inject
    BppConfig config;

    @Inject
    RegistryGateway registry;

    @Inject
    @ConfigProperty(name = "beckn.registry.url")
    String registryUrl;

    @Inject
    @ConfigProperty(name = "beckn.registry.subscribe-url")
    Optional<String> subscribeUrl;

    @Inject
    @ConfigProperty(name = "beckn.registry.subscriber-id")
    Optional<String> registryId;

    @Inject
    @ConfigProperty(name = "beckn.registry.signing-public-key")
    Optional<String> registrySigningKey;

    @Inject
    @ConfigProperty(name = "beckn.registry.encryption-public-key")
    Optional<String> registryEncryptionKey;

    @Inject
    @ConfigProperty(name = "beckn.registry.challenge-cipher", defaultValue = "aes-256-ecb")
    String challengeCipher;

    @Inject
    @ConfigProperty(name = "beckn.encryption-private-key")
    Optional<String> encryptionPrivateKey;

    @Inject
    @ConfigProperty(name = "beckn.city", defaultValue = "*")
    String city;

    /** When our current key's registry entry ends if no rotation is configured; default a year from subscribing. */
    @Inject
    @ConfigProperty(name = "beckn.key-valid-until")
    Optional<String> keyValidUntil;

    /** How long the old key stays valid in the registry after callbacks switched to the next one. */
    @Inject
    @ConfigProperty(name = "beckn.rotation.overlap", defaultValue = "PT1H")
    String rotationOverlap;

    private Clock clock = Clock.systemUTC();
    private RegistrySubscriber subscriber;

    @PostConstruct
    void init() {
        String base = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
        subscriber = new RegistrySubscriber(URI.create(subscribeUrl.orElse(base + "/subscribe")),
                Duration.ofSeconds(5));
    }

    /** Whether everything subscribing and answering needs is configured; what is missing otherwise. */
    public Optional<String> missingConfiguration() {
        List<String> missing = new ArrayList<>();
        if (encryptionPrivateKey.filter(s -> !s.isBlank()).isEmpty()) {
            missing.add("beckn.encryption-private-key");
        }
        if (registryId.filter(s -> !s.isBlank()).isEmpty()) {
            missing.add("beckn.registry.subscriber-id");
        }
        if (registrySigningKey.filter(s -> !s.isBlank()).isEmpty()) {
            missing.add("beckn.registry.signing-public-key");
        }
        if (registryEncryptionKey.filter(s -> !s.isBlank()).isEmpty()) {
            missing.add("beckn.registry.encryption-public-key");
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("not configured: " + String.join(", ", missing));
    }

    /** The Subscriptions we ask for now: one per domain and per key of the ring that is not retired. */
    public List<SubscriptionEntry> entries() {
        String encryptionPublic = X25519Keys
                .spkiBase64(X25519Keys.publicOf(X25519Keys.privateKey(encryptionPrivateKey.orElseThrow())));
        SigningKeyRing ring = config.signingKeys();
        Instant now = clock.instant();
        List<SubscriptionEntry> out = new ArrayList<>();
        for (HttpSigner key : ring.keys()) {
            Instant until = validUntil(ring, key, now);
            if (!now.isBefore(until)) {
                continue; // retired: the old key of a finished rotation is not published again
            }
            for (String domain : config.domains()) {
                out.add(new SubscriptionEntry(config.subscriberId(), config.subscriberUri(), domain, city,
                        key.keyId(), key.publicKeyBase64(), encryptionPublic, now, until));
            }
        }
        return out;
    }

    private Instant validUntil(SigningKeyRing ring, HttpSigner key, Instant now) {
        if (ring.next() != null && key == ring.current()) {
            return ring.nextFrom().plus(Duration.parse(rotationOverlap));
        }
        if (ring.next() != null) {
            return ring.nextFrom().plus(Duration.ofDays(365));
        }
        return keyValidUntil.filter(s -> !s.isBlank()).map(NetworkOnboarding::instant)
                .orElse(now.plus(Duration.ofDays(365)));
    }

    /** Subscribes every entry, each signed with the key it publishes; one outcome per entry, never an exception. */
    public List<SubscribeOutcome> subscribe() {
        Optional<String> missing = missingConfiguration();
        if (missing.isPresent()) {
            return List.of(new SubscribeOutcome(null, null, null, missing.get()));
        }
        List<SubscribeOutcome> outcomes = new ArrayList<>();
        SigningKeyRing ring = config.signingKeys();
        for (SubscriptionEntry entry : entries()) {
            HttpSigner signer = ring.keys().stream().filter(k -> k.keyId().equals(entry.keyId())).findFirst()
                    .orElseThrow();
            SubscribeOutcome outcome = subscriber.subscribe(entry, signer, config.callbackSignatureValiditySeconds());
            if (outcome.accepted()) {
                LOG.info(() -> "subscribe " + entry.keyId() + " in " + entry.domain() + ": " + outcome.status());
            } else {
                LOG.warning(() -> "subscribe " + entry.keyId() + " in " + entry.domain() + " failed: "
                        + outcome.error());
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /** Answers the registry's challenge; see {@link OnSubscribeAnswerer}. */
    public Answer answer(byte[] body, String authorization) throws Refused {
        Optional<String> missing = missingConfiguration();
        if (missing.isPresent()) {
            throw new Refused(false, "network onboarding is " + missing.get());
        }
        ChallengeCipher cipher;
        VerificationKey registryKey;
        try {
            cipher = new ChallengeCipher(ChallengeCipher.Mechanism.of(challengeCipher),
                    X25519Keys.privateKey(encryptionPrivateKey.get()),
                    X25519Keys.publicKey(registryEncryptionKey.get()));
            registryKey = VerificationKey.of(Ed25519Keys.publicKey(registrySigningKey.get()));
        } catch (IllegalArgumentException e) {
            throw new Refused(false, "network onboarding is misconfigured: " + e.getMessage());
        }
        Answer answer = new OnSubscribeAnswerer(registryId.get(), registryKey, cipher, clock,
                config.clockSkewSeconds()).answer(body, authorization);
        LOG.info(() -> "on_subscribe answered" + (answer.status() == null ? "" : " (status " + answer.status() + ")"));
        return answer;
    }

    /** What the registry holds for us now (every key and domain), or an error when it cannot be asked. */
    public List<Subscriber> registered() throws IOException {
        return registry.lookup(config.subscriberId(), null);
    }

    private static Instant instant(String rfc3339) {
        try {
            return OffsetDateTime.parse(rfc3339.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("beckn.key-valid-until is not an RFC 3339 date-time: " + rfc3339);
        }
    }
}
