package org.evcharging.bpp.charger.infrastructure.replicas;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/** REST clients of the other replicas, one per replica URL (a pod's address), built on first use. */
@ApplicationScoped
public class Replicas {

    private final ConcurrentHashMap<String, ReplicaApi> clients = new ConcurrentHashMap<>();

    /** Sends a CALL through the replica at {@code replicaUrl}; waits a little longer than the CALL's own timeout. */
    public ReplicaApi.ForwardedAnswer call(String replicaUrl, String chargePointId, String action, String payload,
            Duration timeout) {
        ReplicaApi api = clients.computeIfAbsent(replicaUrl,
                url -> RestClientBuilder.newBuilder().baseUri(URI.create(url)).connectTimeout(1, TimeUnit.SECONDS)
                        .readTimeout(timeout.toMillis() + 2000, TimeUnit.MILLISECONDS).build(ReplicaApi.class));
        return api.call(chargePointId, new ReplicaApi.ForwardedCall(action, payload, timeout.toMillis()));
    }
}
