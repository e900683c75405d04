package org.evcharging.bpp.order.infrastructure.charging;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.Optional;

import org.evcharging.bpp.core.rest.PeerErrors;

/**
 * Real chargers, through charger-service's OCPP central system: a start is a remote start on the booked connector
 * keyed by the order (a retried start is the same transaction), a reading is the charger's own meter, a stop a remote
 * stop with the charger's final meter. The session id is the order id. A charger that refuses, is offline or starts
 * nothing in time makes {@link #start} throw with charger-service's words, which the BAP gets in its on_update error.
 */
public class OcppChargePoints implements ChargePoints {

    private final ChargerService charger;

    public OcppChargePoints(ChargerService charger) {
        this.charger = charger;
    }

    @Override
    public String start(Start start) {
        try {
            charger.start(new ChargerClient.StartCommand(start.orderId(), start.connectorId(), start.targetKwh()));
            return start.orderId();
        } catch (PeerErrors.PeerRefused | PeerErrors.PeerUnavailable e) {
            // refused (409), not started in time (504), charger-service in trouble (5xx): its own words
            throw new IllegalStateException(detail(e.getMessage()), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the charger did not answer in time", e);
        }
    }

    @Override
    public Optional<Reading> read(String sessionId) {
        try {
            return Optional.of(reading(charger.read(sessionId)));
        } catch (PeerErrors.PeerRefused e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<Reading> stop(String sessionId) {
        try {
            return Optional.of(reading(charger.stop(sessionId)));
        } catch (PeerErrors.PeerRefused e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static Reading reading(ChargerClient.SessionReading r) {
        return new Reading(r.sessionId(), r.at() == null ? Instant.now() : r.at(), r.deliveredKwh(), r.socPercent(),
                State.valueOf(r.state()), r.error());
    }

    /** The problem's {@code detail} of "HTTP 409: {...}", else the message as it is (cut). */
    static String detail(String message) {
        int brace = message == null ? -1 : message.indexOf('{');
        if (brace >= 0) {
            try (JsonReader reader = Json.createReader(new StringReader(message.substring(brace)))) {
                JsonObject o = reader.readObject();
                if (o.containsKey("detail")) {
                    return o.getString("detail");
                }
            } catch (RuntimeException unreadable) {
                // the message as it is
            }
        }
        return message == null ? "the charger did not start"
                : message.length() > 200 ? message.substring(0, 200) : message;
    }
}
