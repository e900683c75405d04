package org.evcharging.bpp.catalog.application.network;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.core.network.NetworkOnboarding;
import org.evcharging.bpp.core.tasks.Sweep;

/**
 * Every hour (once network onboarding is configured), asks the registry what it holds for us and logs a warning for
 * what an operator must act on before BAPs stop verifying our callbacks: the signing key not SUBSCRIBED, its entry
 * ending soon, a rotation's next key not published before its switch (the same list as
 * {@code GET /catalog/v1/network/subscriptions}).
 */
@ApplicationScoped
public class RegistryKeyCheck implements Sweep {

    private static final SafeLog LOG = SafeLog.of(RegistryKeyCheck.class);

    @Inject
    NetworkOnboarding onboarding;

    @Inject
    @ConfigProperty(name = "beckn.registry.key-check-every", defaultValue = "PT1H")
    String every;

    @Override
    public String name() {
        return "registry key check";
    }

    @Override
    public Duration every() {
        return Duration.parse(every);
    }

    @Override
    public void sweep() {
        if (onboarding.missingConfiguration().isPresent()) {
            return;
        }
        try {
            onboarding.warnings(onboarding.registered()).forEach(w -> LOG.warning(() -> "registry: " + w));
        } catch (IOException e) {
            LOG.warning(() -> "registry: cannot check our keys: " + e.getMessage());
        }
    }
}
