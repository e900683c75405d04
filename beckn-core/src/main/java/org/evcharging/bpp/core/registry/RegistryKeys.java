package org.evcharging.bpp.core.registry;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.config.BppConfig;
import org.evcharging.bpp.core.signing.VerificationKey;

/** The cached view of other subscribers' signing keys that inbound verification uses. */
@ApplicationScoped
public class RegistryKeys {

    @Inject
    RegistryGateway gateway;

    @Inject
    BppConfig config;

    @Inject
    /** How long a registry entry is used before it is looked up again: a revoked key works this long at most. */
    @ConfigProperty(name = "beckn.registry.cache-max-age", defaultValue = "PT1M")
    String maxAge;

    private SubscriberKeyCache cache;

    @PostConstruct
    void init() {
        cache = new SubscriberKeyCache(gateway::lookup, Clock.systemUTC(), Duration.parse(maxAge),
                Duration.ofSeconds(10), config.domains());
    }

    public Optional<VerificationKey> signingKey(String subscriberId, String keyId) {
        return cache.signingKey(subscriberId, keyId);
    }

    public Optional<Subscriber> subscriber(String subscriberId, String keyId) {
        return cache.subscriber(subscriberId, keyId);
    }
}
