package org.evcharging.bpp.core.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.evcharging.bpp.core.outbound.OutboxDispatcher;

/** Live while the callback dispatcher's poller is scheduled: without it, retries would silently stop. */
@Liveness
@ApplicationScoped
public class DispatcherLiveness implements HealthCheck {

    @Inject
    OutboxDispatcher dispatcher;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("callback-dispatcher").status(dispatcher.running()).build();
    }
}
