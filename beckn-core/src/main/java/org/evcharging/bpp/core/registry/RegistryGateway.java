package org.evcharging.bpp.core.registry;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The network registry as a remote peer: {@link RegistryLookup} behind MicroProfile Fault Tolerance. The HTTP
 * client's own timeout (2 s) sits below {@code @Timeout} (3 s) because a timeout does not interrupt a blocked read.
 */
@ApplicationScoped
public class RegistryGateway {

    @Inject
    @ConfigProperty(name = "beckn.registry.url")
    String registryUrl;

    private RegistryLookup lookup;

    @PostConstruct
    void init() {
        lookup = new RegistryLookup(registryUrl, Duration.ofSeconds(2));
    }

    @Timeout(3000)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = IOException.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, failOn = IOException.class)
    public List<Subscriber> lookup(String subscriberId, String keyId) throws IOException {
        return lookup.lookup(subscriberId, keyId);
    }
}
