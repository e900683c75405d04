package org.evcharging.bpp.order.beckn;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The one {@link OrderMessages} of this server, written with the provider's time zone, slot grace and terms. */
@ApplicationScoped
public class OrderMessagesProducer {

    @Inject
    @ConfigProperty(name = "order.provider-utc-offset", defaultValue = "+05:30")
    String providerOffset;

    @Inject
    @ConfigProperty(name = "order.slot-grace", defaultValue = "PT10M")
    String slotGrace;

    @Inject
    @ConfigProperty(name = "order.cancellation.after-start-percent", defaultValue = "30")
    BigDecimal afterStartPercent;

    @Inject
    @ConfigProperty(name = "order.cancellation.terms-url")
    Optional<String> termsUrl;

    private OrderMessages messages;

    @PostConstruct
    void init() {
        messages = new OrderMessages(ZoneOffset.of(providerOffset), Duration.parse(slotGrace),
                new OrderMessages.Terms(afterStartPercent, termsUrl.orElse(null)));
    }

    /** Immutable, so every injection point shares the one instance. */
    @Produces
    OrderMessages messages() {
        return messages;
    }
}
