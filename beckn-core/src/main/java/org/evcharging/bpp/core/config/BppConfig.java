package org.evcharging.bpp.core.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.outbound.CallbackTargets;
import org.evcharging.bpp.core.signing.Ed25519Keys;
import org.evcharging.bpp.core.signing.HttpSigner;

/**
 * Who this BPP is on the network and how strictly it talks, from MicroProfile Config (environment variables
 * such as {@code BECKN_SUBSCRIBER_ID} and {@code BECKN_SIGNING_PRIVATE_KEY}; a Secret in Kubernetes). The
 * private key is never logged and never has a default.
 */
@ApplicationScoped
public class BppConfig {

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

    @Inject
    @ConfigProperty(name = "beckn.domains", defaultValue = "dent:0.1.0")
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

    private HttpSigner signer;
    private Set<String> domainSet;

    @PostConstruct
    void init() {
        signer = new HttpSigner(subscriberId, keyId, Ed25519Keys.privateKey(signingPrivateKey), Clock.systemUTC());
        domainSet = Arrays.stream(domains.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    public String subscriberId() {
        return subscriberId;
    }

    public String subscriberUri() {
        return subscriberUri;
    }

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

    public HttpSigner signer() {
        return signer;
    }
}
