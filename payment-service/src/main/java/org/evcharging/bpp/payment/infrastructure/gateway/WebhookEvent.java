package org.evcharging.bpp.payment.infrastructure.gateway;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a provider reported about a payment, after its signature was checked: captured or failed, for which link
 * ({@code paymentId}), with the provider's own reference, amount and currency.
 */
public record WebhookEvent(String eventId, Type type, String paymentId, String gatewayRef, BigDecimal amount,
        String currency, Instant createdAt) {

    public enum Type {

        CAPTURED("payment.captured"), FAILED("payment.failed"), OTHER("other");

        private final String wire;

        Type(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** A provider's event type; anything but a capture or a failure is {@code OTHER} and ignored. */
        public static Type of(String wire) {
            return Arrays.stream(values()).filter(t -> t != OTHER && t.wire.equals(wire)).findFirst().orElse(OTHER);
        }
    }

    public WebhookEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
    }
}
