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
        domainSet = Arrays.stream(domains.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
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
