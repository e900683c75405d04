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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.config.BppConfig;
import org.evcharging.bpp.core.logging.LogText;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.network.OnSubscribeAnswerer.Answer;
import org.evcharging.bpp.core.network.OnSubscribeAnswerer.Kind;
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
 * back what the registry holds for us. A challenge is answered only while a subscription we asked for awaits it
 * ({@link SubscriptionRequests}, in the database, so any replica can answer): a challenge the registry relays for a
 * subscription someone else asked for in our name gets no answer. A Subscription is signed with a key the registry
 * already holds for us as SUBSCRIBED (the first time, with the key it publishes), and one the registry already holds
 * as it would be is not sent again, so new replicas that subscribe on start leave the registry alone.
 */
@ApplicationScoped
public class NetworkOnboarding {

    private static final SafeLog LOG = SafeLog.of(NetworkOnboarding.class);

    @Inject
    BppConfig config;

    @Inject
    RegistryGateway registry;

    @Inject
    SubscriptionRequests requests;

    /** How long after we subscribed the registry's challenge is answered; after it, on_subscribe is refused (409). */
    @Inject
    @ConfigProperty(name = "beckn.registry.challenge-window", defaultValue = "PT10M")
    String challengeWindow;

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

    private final Clock clock = Clock.systemUTC();
    private RegistrySubscriber subscriber;

    @PostConstruct
    void init() {
        String base = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
        subscriber = new RegistrySubscriber(URI.create(subscribeUrl.orElse(base + "/subscribe")),
                Duration.ofSeconds(5));
    }

    /** Whether everything subscribing and answering needs is configured; what is missing otherwise. */
    public Optional<String> missingConfiguration() {
        Map<String, Optional<String>> needed = new LinkedHashMap<>();
        needed.put("beckn.encryption-private-key", encryptionPrivateKey);
        needed.put("beckn.registry.subscriber-id", registryId);
        needed.put("beckn.registry.signing-public-key", registrySigningKey);
        needed.put("beckn.registry.encryption-public-key", registryEncryptionKey);
        List<String> missing = needed.entrySet().stream().filter(e -> e.getValue().filter(v -> !v.isBlank()).isEmpty())
                .map(Map.Entry::getKey).toList();
        return missing.isEmpty() ? Optional.empty() : Optional.of("not configured: " + String.join(", ", missing));
    }

    /**
     * The Subscriptions we ask for now: one per domain and per key of the ring that is not retired. Throws
     * {@link IllegalStateException} naming the setting at fault when the configuration cannot give them.
     */
    public List<SubscriptionEntry> entries() {
        String encryptionPublic;
        try {
            encryptionPublic = X25519Keys
                    .spkiBase64(X25519Keys.publicOf(X25519Keys.privateKey(encryptionPrivateKey.orElseThrow())));
        } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
            throw new IllegalStateException("beckn.encryption-private-key: " + e.getMessage());
        }
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
        if (out.isEmpty()) {
            throw new IllegalStateException("no signing key to publish: the current key's validity ("
                    + "beckn.key-valid-until or the rotation's switch plus overlap) is over");
        }
        return out;
    }

    private Instant validUntil(SigningKeyRing ring, HttpSigner key, Instant now) {
        if (ring.next() != null && key == ring.current()) {
            return ring.nextFrom().plus(overlap());
        }
        if (ring.next() != null) {
            return ring.nextFrom().plus(Duration.ofDays(365));
        }
        return keyValidUntil.filter(s -> !s.isBlank()).map(NetworkOnboarding::instant)
                .orElse(now.plus(Duration.ofDays(365)));
    }

    /** Whether the current key's end floats (a year from each subscription) rather than being fixed by configuration. */
    private boolean floating(SigningKeyRing ring) {
        return ring.next() == null && keyValidUntil.filter(s -> !s.isBlank()).isEmpty();
    }

    private Duration overlap() {
        try {
            return Duration.parse(rotationOverlap);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalStateException("beckn.rotation.overlap is not an ISO-8601 duration: " + rotationOverlap);
        }
    }

    /**
     * Subscribes every entry the registry does not already hold as it would be ({@code force}: every entry); one outcome
     * per entry. Throws {@link IllegalStateException} when the configuration is incomplete or wrong.
     */
    public List<SubscribeOutcome> subscribe(boolean force) {
        Optional<String> missing = missingConfiguration();
        if (missing.isPresent()) {
            throw new IllegalStateException("network onboarding is " + missing.get());
        }
        List<SubscriptionEntry> entries = entries();
        SigningKeyRing ring = config.signingKeys();
        Instant now = clock.instant();
        List<Subscriber> held;
        try {
            held = ours(registered());
        } catch (IOException | RuntimeException e) {
            held = List.of(); // the registry will say it again when we subscribe
        }
        HttpSigner vouching = vouching(ring, held, now);
        Duration window = Duration.parse(challengeWindow);
        List<SubscribeOutcome> outcomes = new ArrayList<>();
        List<SubscriptionEntry> later = new ArrayList<>();
        for (SubscriptionEntry entry : entries) {
            if (!force && upToDate(entry, held, floating(ring), now)) {
                outcomes.add(new SubscribeOutcome(entry.keyId(), entry.domain(), "SUBSCRIBED", null, false));
            } else if (vouching == null && !entry.keyId().equals(ring.signer().keyId())) {
                later.add(entry); // the first time: our other keys wait until the registry holds the one signing now
            } else {
                outcomes.add(send(entry, vouching != null ? vouching : ring.signer(), now, window));
            }
        }
        if (!later.isEmpty()) {
            HttpSigner vouched = awaitVouching(ring, Duration.ofSeconds(15));
            for (SubscriptionEntry entry : later) {
                outcomes.add(vouched != null ? send(entry, vouched, clock.instant(), window)
                        : new SubscribeOutcome(entry.keyId(), entry.domain(), null, "not sent: the registry does not "
                                + "hold " + ring.signer().keyId()
                                + " as SUBSCRIBED yet to vouch for it; subscribe again"));
            }
        }
        return outcomes;
    }

    private SubscribeOutcome send(SubscriptionEntry entry, HttpSigner signer, Instant now, Duration window) {
        requests.record(entry.keyId(), entry.domain(), now, window);
        SubscribeOutcome outcome = subscriber.subscribe(entry, signer, config.callbackSignatureValiditySeconds());
        if (outcome.accepted()) {
            LOG.info(() -> "subscribe " + entry.keyId() + " in " + entry.domain() + " (signed with " + signer.keyId()
                    + "): " + outcome.status());
        } else {
            LOG.warning(() -> "subscribe " + entry.keyId() + " in " + entry.domain() + " failed: " + outcome.error());
        }
        return outcome;
    }

    /** Waits (at most {@code max}) until the registry holds a key of ours as SUBSCRIBED; that key, or null. */
    private HttpSigner awaitVouching(SigningKeyRing ring, Duration max) {
        long until = System.nanoTime() + max.toNanos();
        while (true) {
            try {
                HttpSigner k = vouching(ring, ours(registered()), clock.instant());
                if (k != null) {
                    return k;
                }
            } catch (IOException | RuntimeException e) {
                // asked again below
            }
            if (System.nanoTime() > until) {
                return null;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** The key the registry holds for us as SUBSCRIBED that signs our subscriptions (the one signing now first), or null. */
    private static HttpSigner vouching(SigningKeyRing ring, List<Subscriber> held, Instant now) {
        List<HttpSigner> candidates = new ArrayList<>();
        candidates.add(ring.signer());
        candidates.addAll(ring.keys());
        for (HttpSigner k : candidates) {
            boolean subscribed = held.stream().anyMatch(s -> k.keyId().equals(s.keyId())
                    && k.publicKeyBase64().equals(s.signingPublicKey()) && s.usableAt(now.atOffset(ZoneOffset.UTC)));
            if (subscribed) {
                return k;
            }
        }
        return null;
    }

    /**
     * Whether the registry holds {@code entry} as it would be: SUBSCRIBED, the same signing and encryption keys, and the
     * same end (within a minute),
     * or for an end that floats a year ahead, one more than 30 days away.
     */
    private static boolean upToDate(SubscriptionEntry entry, List<Subscriber> held, boolean floatingEnd, Instant now) {
        return held.stream().anyMatch(s -> entry.keyId().equals(s.keyId()) && entry.domain().equals(s.domain())
                && entry.signingPublicKey().equals(s.signingPublicKey()) && sameKey(entry.encryptionPublicKey(),
                        s.encrPublicKey())
                && "SUBSCRIBED".equalsIgnoreCase(s.status())
                && s.validUntil() != null
                && (floatingEnd ? s.validUntil().toInstant().isAfter(now.plus(Duration.ofDays(30)))
                        : Duration.between(s.validUntil().toInstant(), entry.validUntil()).abs()
                                .compareTo(Duration.ofMinutes(1)) <= 0));
    }

    /** Whether two encryption public keys are the same key, whatever form each is written in. */
    private static boolean sameKey(String a, String b) {
        try {
            return a != null && b != null && java.util.Arrays.equals(X25519Keys.publicKey(a), X25519Keys.publicKey(b));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private List<Subscriber> ours(List<Subscriber> entries) {
        return entries.stream().filter(s -> config.subscriberId().equals(s.subscriberId())).toList();
    }

    /** Answers the registry's challenge; see {@link OnSubscribeAnswerer}. */
    public Answer answer(byte[] body, String authorization) throws Refused {
        Optional<String> missing = missingConfiguration();
        if (missing.isPresent()) {
            LOG.warning(() -> "on_subscribe refused: network onboarding is " + missing.get());
            throw new Refused(Kind.UNAVAILABLE, "network onboarding is not configured here");
        }
        ChallengeCipher cipher;
        VerificationKey registryKey;
        try {
            cipher = new ChallengeCipher(ChallengeCipher.Mechanism.of(challengeCipher),
                    X25519Keys.privateKey(encryptionPrivateKey.get()),
                    X25519Keys.publicKey(registryEncryptionKey.get()));
            registryKey = VerificationKey.of(Ed25519Keys.publicKey(registrySigningKey.get()));
        } catch (IllegalArgumentException e) {
            LOG.warning(() -> "on_subscribe refused: network onboarding is misconfigured: " + e.getMessage());
            throw new Refused(Kind.UNAVAILABLE, "network onboarding is not configured here");
        }
        Instant now = clock.instant();
        Answer answer = new OnSubscribeAnswerer(registryId.get(), registryKey, config.subscriberId(), cipher, clock,
                config.clockSkewSeconds()).answer(body, authorization, request -> {
                    if (!requests.awaitingChallenge(now)) {
                        LOG.warning(() -> "on_subscribe refused: no subscription of ours awaits a challenge (status "
                                + LogText.safe(request.path("status").asText("none"), 40) + ")");
                        throw new Refused(Kind.NOT_AWAITED, "no subscription of ours awaits a challenge");
                    }
                });
        String status = answer.status();
        if (status == null || Set.of("INITIATED", "UNDER_SUBSCRIPTION", "SUBSCRIBED").contains(status)) {
            LOG.info(() -> "on_subscribe answered" + (status == null ? "" : " (status " + status + ")"));
        } else {
            LOG.warning(() -> "on_subscribe answered; the registry says our status is " + LogText.safe(status, 40));
        }
        return answer;
    }

    /** What the registry holds for us now (every key and domain), or an error when it cannot be asked. */
    public List<Subscriber> registered() throws IOException {
        return registry.lookup(config.subscriberId(), null);
    }

    /**
     * What an operator must act on, from what the registry holds: callbacks signed with a key it does not hold as
     * SUBSCRIBED, that key's entry ending within 14 days, a next key not SUBSCRIBED before its switch.
     */
    public List<String> warnings(List<Subscriber> registered) {
        List<String> out = new ArrayList<>();
        SigningKeyRing ring = config.signingKeys();
        Instant now = clock.instant();
        List<Subscriber> held = ours(registered);
        HttpSigner signing = ring.signer();
        for (String domain : config.domains()) {
            Optional<Subscriber> entry = held.stream().filter(s -> signing.keyId().equals(s.keyId())
                    && domain.equals(s.domain()) && "SUBSCRIBED".equalsIgnoreCase(s.status())).findFirst();
            if (entry.isEmpty()) {
                out.add("callbacks are signed with " + signing.keyId() + ", which the registry does not hold as "
                        + "SUBSCRIBED in " + domain + ": BAPs cannot verify them there");
            } else if (entry.get().validUntil() != null
                    && entry.get().validUntil().toInstant().isBefore(now.plus(Duration.ofDays(14)))
                    && !(ring.next() != null && signing == ring.current())) {
                out.add(signing.keyId() + "'s registry entry in " + domain + " ends at " + entry.get().validUntil()
                        + ": subscribe again, or rotate");
            }
            if (ring.next() != null && now.isBefore(ring.nextFrom())) {
                boolean nextHeld = held.stream().anyMatch(s -> ring.next().keyId().equals(s.keyId())
                        && domain.equals(s.domain()) && "SUBSCRIBED".equalsIgnoreCase(s.status()));
                if (!nextHeld) {
                    out.add("the next key " + ring.next().keyId() + " signs from " + ring.nextFrom()
                            + " but is not SUBSCRIBED in " + domain
                            + ": subscribe, or move beckn.next-key-active-from later");
                }
            }
        }
        return out;
    }

    private static Instant instant(String rfc3339) {
        try {
            return OffsetDateTime.parse(rfc3339.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("beckn.key-valid-until is not an RFC 3339 date-time: " + rfc3339);
        }
    }
}
