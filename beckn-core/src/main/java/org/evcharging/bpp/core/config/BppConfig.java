package org.evcharging.bpp.core.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.inbound.RateLimits;
import org.evcharging.bpp.core.outbound.CallbackTargets;
import org.evcharging.bpp.core.signing.Ed25519Keys;
import org.evcharging.bpp.core.signing.HttpSigner;
import org.evcharging.bpp.core.signing.SigningKeyRing;

/**
 * Who this BPP is on the network and how strictly it talks, from MicroProfile Config (environment variables
 * such as {@code BECKN_SUBSCRIBER_ID} and {@code BECKN_SIGNING_PRIVATE_KEY}; a Secret in Kubernetes). The
 * private key is never logged and never has a default.
 */
@ApplicationScoped
public class BppConfig {

    public static final String DEFAULT_DOMAINS = "dent:0.1.0,dent:ev-charging:0.1.0";

    @Inject
    @ConfigProperty(name = "beckn.subscriber-id")
    String subscriberId;

    @Inject
    @ConfigProperty(name = "beckn.subscriber-uri")
    String subscriberUri;

    @Inject
    @ConfigProperty(name = "beckn.key-id")
    String keyId;

    @Inject
    @ConfigProperty(name = "beckn.signing-private-key")
    String signingPrivateKey;

    /** The next signing key of a rotation (docs/key-rotation.md): its key id, seed and the instant it signs from. */
    @Inject
    @ConfigProperty(name = "beckn.next-key-id")
    Optional<String> nextKeyId;

    @Inject
    @ConfigProperty(name = "beckn.next-signing-private-key")
    Optional<String> nextSigningPrivateKey;

    @Inject
    @ConfigProperty(name = "beckn.next-key-active-from")
    Optional<String> nextKeyActiveFrom;

    /**
     * The domains served, first the one we publish as our own; a request in any of them is answered in its own. The
     * DENT implementation guide says {@code dent:0.1.0}, the published DENT example files {@code dent:ev-charging:0.1.0}.
     */
    @Inject
    @ConfigProperty(name = "beckn.domains", defaultValue = DEFAULT_DOMAINS)
    String domains;

    @Inject
    @ConfigProperty(name = "beckn.signature.clock-skew-seconds", defaultValue = "5")
    long clockSkewSeconds;

    @Inject
    @ConfigProperty(name = "beckn.signature.max-age", defaultValue = "PT5M")
    String signatureMaxAge;

    @Inject
    @ConfigProperty(name = "beckn.signature.max-validity", defaultValue = "PT1H")
    String signatureMaxValidity;

    @Inject
    @ConfigProperty(name = "beckn.request.max-ttl", defaultValue = "PT1H")
    String maxRequestTtl;

    @Inject
    @ConfigProperty(name = "beckn.max-body-bytes", defaultValue = "262144")
    int maxBodyBytes;

    @Inject
    @ConfigProperty(name = "beckn.callback.default-ttl", defaultValue = "PT30S")
    String defaultCallbackTtl;

    @Inject
    @ConfigProperty(name = "beckn.callback.max-window", defaultValue = "PT1H")
    String maxCallbackWindow;

    @Inject
    @ConfigProperty(name = "beckn.callback.signature-validity-seconds", defaultValue = "60")
    long callbackSignatureValiditySeconds;

    @Inject
    @ConfigProperty(name = "beckn.callback.bap-uri", defaultValue = "under-registered")
    String callbackBapUriPolicy;

    @Inject
    @ConfigProperty(name = "beckn.callback.allow-private-addresses", defaultValue = "false")
    boolean callbackAllowPrivateAddresses;

    @Inject
    @ConfigProperty(name = "beckn.callback.senders", defaultValue = "32")
    int callbackSenders;

    @Inject
    @ConfigProperty(name = "beckn.inbound.answering", defaultValue = "true")
    boolean answering;

    /**
     * The door's rate limits (docs/rate-limits.md), per replica: requests per second and burst for each BAP, BAPs with
     * their own ({@code id=rate[/burst],...}), the service's own, and how many BAPs are tracked at most. A rate of 0 or
     * less is no limit.
     */
    @Inject
    @ConfigProperty(name = "beckn.rate-limit.per-bap", defaultValue = "100")
    double rateLimitPerBap;

    @Inject
    @ConfigProperty(name = "beckn.rate-limit.per-bap-burst", defaultValue = "200")
    int rateLimitPerBapBurst;

    @Inject
    @ConfigProperty(name = "beckn.rate-limit.bap-overrides")
    Optional<String> rateLimitBapOverrides;

    @Inject
    @ConfigProperty(name = "beckn.rate-limit.global", defaultValue = "1000")
    double rateLimitGlobal;

    @Inject
    @ConfigProperty(name = "beckn.rate-limit.global-burst", defaultValue = "2000")
    int rateLimitGlobalBurst;

    @Inject
    @ConfigProperty(name = "beckn.rate-limit.max-baps", defaultValue = "10000")
    int rateLimitMaxBaps;

    private SigningKeyRing keys;
    private Set<String> domainSet;

    @PostConstruct
    void init() {
        keys = keyRing(subscriberId, keyId, signingPrivateKey, nextKeyId.orElse(null),
                nextSigningPrivateKey.orElse(null), nextKeyActiveFrom.orElse(null), Clock.systemUTC());
        Set<String> served = Arrays.stream(domains.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        domainSet = Collections.unmodifiableSet(served);
        if (domainSet.isEmpty()) {
            throw new IllegalStateException("beckn.domains names no domain");
        }
        rateLimits(); // a malformed override fails the start, naming it
    }

    /**
     * The key ring of the configuration; a next key needs all three of its settings, and a start with only some of them
     * fails naming what is missing rather than signing with a key nobody published.
     */
    static SigningKeyRing keyRing(String subscriberId, String keyId, String privateKey, String nextKeyId,
            String nextPrivateKey, String nextFrom, Clock clock) {
        HttpSigner current = new HttpSigner(subscriberId, keyId, Ed25519Keys.privateKey(privateKey), clock);
        boolean anyNext = isSet(nextKeyId) || isSet(nextPrivateKey) || isSet(nextFrom);
        if (!anyNext) {
            return new SigningKeyRing(current, null, null, clock);
        }
        if (!isSet(nextKeyId) || !isSet(nextPrivateKey) || !isSet(nextFrom)) {
            throw new IllegalStateException("a key rotation needs beckn.next-key-id, beckn.next-signing-private-key "
                    + "and beckn.next-key-active-from together");
        }
        Instant from;
        try {
            from = OffsetDateTime.parse(nextFrom.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("beckn.next-key-active-from is not an RFC 3339 date-time: " + nextFrom);
        }
        return new SigningKeyRing(current,
                new HttpSigner(subscriberId, nextKeyId.trim(), Ed25519Keys.privateKey(nextPrivateKey), clock), from,
                clock);
    }

    private static boolean isSet(String v) {
        return v != null && !v.isBlank();
    }

    public String subscriberId() {
        return subscriberId;
    }

    public String subscriberUri() {
        return subscriberUri;
    }

    /** The domains served, in the configured order (the first is our own). */
    public Set<String> domains() {
        return domainSet;
    }

    public long clockSkewSeconds() {
        return clockSkewSeconds;
    }

    /** How long after its {@code created} an inbound signature is still taken (replays are refused after it). */
    public Duration signatureMaxAge() {
        return Duration.parse(signatureMaxAge);
    }

    /** How far ahead of now an inbound signature's {@code expires} may be. */
    public Duration signatureMaxValidity() {
        return Duration.parse(signatureMaxValidity);
    }

    /** The longest {@code context.ttl} a request may ask for; a longer one is NACKed naming it. */
    public Duration maxRequestTtl() {
        return Duration.parse(maxRequestTtl);
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public Duration defaultCallbackTtl() {
        return Duration.parse(defaultCallbackTtl);
    }

    /** The longest we keep trying to deliver a callback, whatever ttl the request asked for. */
    public Duration maxCallbackWindow() {
        return Duration.parse(maxCallbackWindow);
    }

    public long callbackSignatureValiditySeconds() {
        return callbackSignatureValiditySeconds;
    }

    /** How many callbacks may be in flight at once (threads of the dispatcher's own pool). */
    /** How a request's {@code bap_uri} must relate to the url the registry has for its signing key. */
    public CallbackTargets.Policy callbackBapUriPolicy() {
        return CallbackTargets.Policy.of(callbackBapUriPolicy);
    }

    /**
     * Whether callbacks may go to loopback, private and other non-public addresses: only for a local suite and tests,
     * where every BAP runs on this machine.
     */
    public boolean callbackAllowPrivateAddresses() {
        return callbackAllowPrivateAddresses;
    }

    public int callbackSenders() {
        return Math.max(1, callbackSenders);
    }

    /**
     * False for a replica that only takes requests: it verifies, validates, stores and ACKs them, and leaves
     * answering to the replicas that answer (their recovery takes its rows, which carry no lease, 5 to 10 s after they
     * arrive) or to itself after a restart with answering on. For measuring the door on its own, or for a replica kept off the
     * database-heavy work while others answer.
     */
    public boolean answering() {
        return answering;
    }

    /** The door's rate limits, per replica (docs/rate-limits.md). */
    public RateLimits.Settings rateLimits() {
        return RateLimits.Settings.of(rateLimitPerBap, rateLimitPerBapBurst, rateLimitBapOverrides.orElse(""),
                rateLimitGlobal, rateLimitGlobalBurst, rateLimitMaxBaps);
    }

    /** The key our callbacks are signed with now: the current one, or the next one after its switch. */
    public HttpSigner signer() {
        return keys.signer();
    }

    public SigningKeyRing signingKeys() {
        return keys;
    }
}
