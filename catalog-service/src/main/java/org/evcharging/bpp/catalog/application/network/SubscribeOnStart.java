package org.evcharging.bpp.catalog.application.network;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.network.NetworkOnboarding;
import org.evcharging.bpp.core.network.SubscribeOutcome;

/**
 * With {@code beckn.registry.subscribe-on-start=true}, subscribes to the registry once after start-up (after
 * {@code beckn.registry.subscribe-delay}, so the challenge finds a ready replica behind the ingress): a rollout that
 * brings the next key of a rotation publishes it by itself. Only what the registry does not already hold as it would
 * be is sent, so the replicas an autoscaler adds leave the registry alone. Off by default: the operator's
 * {@code POST /catalog/v1/network/subscriptions} does the same on demand.
 */
@ApplicationScoped
public class SubscribeOnStart {

    private static final SafeLog LOG = SafeLog.of(SubscribeOnStart.class);

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    NetworkOnboarding onboarding;

    @Inject
    @ConfigProperty(name = "beckn.registry.subscribe-on-start", defaultValue = "false")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "beckn.registry.subscribe-delay", defaultValue = "PT30S")
    String delay;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!enabled) {
            return;
        }
        scheduler.schedule(() -> {
            try {
                var outcomes = onboarding.subscribe(false);
                long sent = outcomes.stream().filter(SubscribeOutcome::sent).count();
                long failed = outcomes.stream().filter(o -> !o.accepted()).count();
                LOG.info(() -> "subscribe on start: " + sent + " subscription(s) sent, " + (outcomes.size() - sent)
                        + " already held by the registry, " + failed + " failed");
            } catch (RuntimeException e) {
                LOG.warning(() -> "subscribe on start failed: " + e.getMessage());
            }
        }, Duration.parse(delay).toMillis(), TimeUnit.MILLISECONDS);
    }
}
