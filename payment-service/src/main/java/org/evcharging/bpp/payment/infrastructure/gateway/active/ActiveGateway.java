package org.evcharging.bpp.payment.infrastructure.gateway.active;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.evcharging.bpp.core.logging.SafeLog;
import org.evcharging.bpp.payment.infrastructure.gateway.PaymentGateway;
import org.evcharging.bpp.payment.infrastructure.gateway.sandbox.SandboxGateway;
import org.evcharging.bpp.payment.infrastructure.gateway.stripe.StripeGateway;

/**
 * Chooses the {@link PaymentGateway} from config {@code payment.gateway}. An unknown name, or a known one without the
 * settings it needs (Stripe's keys), stops the application at start, naming what is wrong, rather than at the first
 * payment. In a package of its own: it names every driver, and the drivers name the port, so beside the port in
 * {@code gateway/} it would make the two packages depend on each other.
 */
@ApplicationScoped
public class ActiveGateway {

    private static final SafeLog LOG = SafeLog.of(ActiveGateway.class);

    /** Every gateway this build knows; a new provider adds its name here and a case in {@link #gateway()}. */
    public static final List<String> KNOWN = List.of(SandboxGateway.NAME, StripeGateway.NAME);

    @Inject
    @ConfigProperty(name = "payment.gateway", defaultValue = SandboxGateway.NAME)
    String name;

    @Inject
    Instance<SandboxGateway> sandbox;

    @Inject
    Instance<StripeGateway> stripe;

    @Produces
    @ApplicationScoped
    PaymentGateway gateway() {
        return switch (name.trim()) {
            case SandboxGateway.NAME -> sandbox.get();
            case StripeGateway.NAME -> stripe.get();
            default -> throw unknown();
        };
    }

    void check(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (!KNOWN.contains(name.trim())) {
            IllegalStateException e = unknown();
            LOG.severe(e.getMessage());
            throw e;
        }
        if (StripeGateway.NAME.equals(name.trim())) {
            List<String> missing = stripe.get().missingSettings();
            if (!missing.isEmpty()) {
                IllegalStateException e = new IllegalStateException("payment.gateway=stripe needs "
                        + String.join(" and ", missing) + "; not set");
                LOG.severe(e.getMessage());
                throw e;
            }
        }
        LOG.info(() -> "payment gateway: " + name.trim());
    }

    private IllegalStateException unknown() {
        return new IllegalStateException("payment.gateway=" + name + " is not a gateway this build knows; known: "
                + String.join(", ", KNOWN) + " (set PAYMENT_GATEWAY)");
    }
}
