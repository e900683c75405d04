package org.evcharging.bpp.order.beckn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.evcharging.bpp.core.inbound.BecknActionHandler;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.order.booking.Bookings;
import org.evcharging.bpp.order.domain.Order;
import org.evcharging.bpp.order.domain.OrderStatus;

/**
 * Beckn {@code status}: the order named by {@code message.order_id} (of the asking BAP) as it stands: draft, active
 * with its instructions, or lapsed. The charging session's live progress comes with the session (update) work.
 * An unknown order is the on_status error 30010.
 */
@ApplicationScoped
public class StatusHandler implements BecknActionHandler {

    @Inject
    Bookings bookings;

    @Override
    public String action() {
        return "status";
    }

    /** It only reads: status requests stored together are answered in one transaction. */
    @Override
    public boolean answersInBatches() {
        return true;
    }

    @Override
    public ObjectNode handle(InboundRequest request) {
        String id = InitRequest.text(request.message().path("order_id"));
        Order o = id == null ? null : bookings.find(id, request.bapId());
        if (o == null) {
            throw new BecknException(ErrorCode.ORDER_NOT_FOUND, "$.message.order_id", "no order '" + id + "'");
        }
        return bookings.messages().message(o, o.status() == OrderStatus.ACTIVE || o.status() == OrderStatus.COMPLETE);
    }
}
