package org.evcharging.bpp.order.application.booking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** The slot a quote booked: its times, whether the charger is blocked for it, and the kind of fulfillment. */
record Slot(Instant start, Instant end, boolean block, String fulfillmentType) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** From the quoted order (on_select's {@code order}, as JSON text). */
    static Slot of(String quotedOrder) {
        try {
            return of(quotedOrder == null ? JSON.createObjectNode() : JSON.readTree(quotedOrder));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Slot of(JsonNode quotedOrder) {
        JsonNode f = quotedOrder.path("fulfillments").path(0);
        Instant start = null;
        Instant end = null;
        for (JsonNode stop : f.path("stops")) {
            String t = stop.path("time").path("timestamp").asText(null);
            if (t == null) {
                continue;
            }
            if ("start".equals(stop.path("type").asText())) {
                start = OffsetDateTime.parse(t).toInstant();
            } else if ("end".equals(stop.path("type").asText())) {
                end = OffsetDateTime.parse(t).toInstant();
            }
        }
        boolean block = true;
        for (JsonNode group : f.path("tags")) {
            for (JsonNode tag : group.path("list")) {
                if ("block".equals(tag.path("descriptor").path("code").asText())) {
                    block = !"N".equalsIgnoreCase(tag.path("value").asText());
                }
            }
        }
        String type = f.path("type").asText("CHARGING");
        return new Slot(start, end != null ? end : start, block && start != null && end != null, type);
    }
}
