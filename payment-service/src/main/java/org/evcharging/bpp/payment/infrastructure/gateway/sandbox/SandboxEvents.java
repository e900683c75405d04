package org.evcharging.bpp.payment.infrastructure.gateway.sandbox;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.evcharging.bpp.payment.domain.Money;
import org.evcharging.bpp.payment.infrastructure.gateway.WebhookEvent;

/**
 * The sandbox's webhook body: {@code {"eventId", "type": "payment.captured"|"payment.failed", "paymentId",
 * "gatewayRef", "amount": "47.20", "currency", "createdAt": <epoch seconds>}}.
 */
final class SandboxEvents {

    private SandboxEvents() {
    }

    static byte[] write(WebhookEvent e) {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("eventId", e.eventId())
                .add("type", e.type().wire())
                .add("paymentId", e.paymentId())
                .add("amount", Money.format(e.amount()))
                .add("currency", e.currency())
                .add("createdAt", e.createdAt().getEpochSecond());
        if (e.gatewayRef() != null) {
            b.add("gatewayRef", e.gatewayRef());
        }
        return b.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException when the body is not an event */
    static WebhookEvent read(byte[] raw) {
        JsonObject o;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(raw))) {
            o = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new IllegalArgumentException("the webhook body is not a JSON object");
        }
        String eventId = string(o, "eventId", true);
        if (eventId.length() > 100) {
            throw new IllegalArgumentException("eventId is longer than 100 characters");
        }
        return new WebhookEvent(eventId, WebhookEvent.Type.of(string(o, "type", true)), string(o, "paymentId", false),
                string(o, "gatewayRef", false), amount(o.get("amount")), string(o, "currency", false),
                o.get("createdAt") instanceof JsonNumber n ? Instant.ofEpochSecond(n.longValue()) : null);
    }

    private static String string(JsonObject o, String name, boolean required) {
        JsonValue v = o.get(name);
        if (v instanceof JsonString s && !s.getString().isBlank()) {
            return s.getString();
        }
        if (required || (v != null && v.getValueType() != JsonValue.ValueType.NULL)) {
            throw new IllegalArgumentException(name + " must be a non-empty string");
        }
        return null;
    }

    private static BigDecimal amount(JsonValue v) {
        try {
            if (v instanceof JsonString s) {
                return new BigDecimal(s.getString());
            }
            if (v instanceof JsonNumber n) {
                return n.bigDecimalValue();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount is not a number");
        }
        return null;
    }
}
