package org.evcharging.bpp.payment.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.payment.gateway.sandbox.SandboxGateway;

/**
 * Chooses the {@link PaymentGateway} from config {@code payment.gateway}. An unknown name stops the application at
 * start, with the name and the known ones, rather than at the first payment.
 */
@ApplicationScoped
public class ActiveGateway {

    private static final SafeLog LOG = SafeLog.of(ActiveGateway.class);

    /** Every gateway this build knows; a new provider adds its name here and a case in {@link #gateway()}. */
    public static final List<String> KNOWN = List.of(SandboxGateway.NAME);

    @Inject
    @ConfigProperty(name = "payment.gateway", defaultValue = SandboxGateway.NAME)
    String name;

    @Inject
    Instance<SandboxGateway> sandbox;

    @Produces
    @ApplicationScoped
    PaymentGateway gateway() {
        return switch (name.trim()) {
            case SandboxGateway.NAME -> sandbox.get();
            default -> throw unknown();
        };
    }

    void check(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!KNOWN.contains(name.trim())) {
            IllegalStateException e = unknown();
            LOG.severe(e.getMessage());
            throw e;
        }
        LOG.info(() -> "payment gateway: " + name.trim());
    }

    private IllegalStateException unknown() {
        return new IllegalStateException("payment.gateway=" + name + " is not a gateway this build knows; known: "
                + String.join(", ", KNOWN) + " (set PAYMENT_GATEWAY)");
    }
}
