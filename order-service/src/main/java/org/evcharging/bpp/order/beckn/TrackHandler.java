package org.evcharging.bpp.order.beckn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.regex.Pattern;
import org.evcharging.bpp.core.inbound.BecknActionHandler;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.order.application.tracking.Tracking;
import org.evcharging.bpp.order.domain.Order;

/**
 * Beckn {@code track}: for the BAP's own confirmed order, {@code on_track} gives {@code tracking.url}, a public page
 * (no login, nothing personal on it) that follows the charging session or swap by itself, with {@code status}
 * {@code active} while the order is ACTIVE and {@code inactive} once it is complete or cancelled (the page then
 * shows how it ended). Unknown, or another BAP's: 30010; not confirmed: 40005. {@code callback_url} is not used:
 * the page is the live view, and the BPP pushes progress with unsolicited {@code on_status}.
 */
@ApplicationScoped
public class TrackHandler implements BecknActionHandler {

    static final String ORDER_ID = "$.message.order_id";
    /** An order id this BPP makes (a UUID) or a BAP may reasonably send: printable, no spaces, at most 64 characters. */
    private static final Pattern ORDER_ID_FORMAT = Pattern.compile("[\\x21-\\x7E]{1,64}");

    @Inject
    Tracking tracking;

    @Override
    public String action() {
        return "track";
    }

    @Override
    public void check(InboundRequest request) {
        orderId(request.message());
    }

    @Override
    public ObjectNode handle(InboundRequest request) {
        Tracking.Tracked t = tracking.track(orderId(request.message()), request.bapId());
        return message(t);
    }

    /** {@code message.order_id}, or a NACK naming it when it is absent, blank or not an id. */
    static String orderId(JsonNode message) {
        JsonNode id = message.path("order_id");
        String text = id.isTextual() ? id.asText().trim() : null;
        if (text == null || !ORDER_ID_FORMAT.matcher(text).matches()) {
            throw new BecknException(ErrorCode.INVALID_REQUEST, ORDER_ID,
                    "order_id must be the id of an order (on_confirm's order.id): 1 to 64 printable characters");
        }
        return text;
    }

    /** The on_track {@code message}: the tracking page, whether it is live, and where the charger stands. */
    static ObjectNode message(Tracking.Tracked t) {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        ObjectNode tracking = message.putObject("tracking");
        Order o = t.order();
        tracking.put("id", o.id());
        tracking.put("url", t.url());
        if (o.stationGps() != null) {
            ObjectNode location = tracking.putObject("location");
            if (o.stationId() != null) {
                location.put("id", o.stationId());
            }
            location.put("gps", o.stationGps());
        }
        tracking.put("status", t.active() ? "active" : "inactive");
        return message;
    }
}
