package org.evcharging.bpp.order.beckn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.evcharging.bpp.core.inbound.BecknActionHandler;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.order.application.session.Sessions;

/**
 * Beckn {@code status}: the order named by {@code message.order_id} (of the asking BAP) as it stands: a draft, active
 * with its start instructions, charging with live progress (energy, percentage, time elapsed and remaining, amount
 * so far), ended with its final bill and refund, or cancelled. An unknown order is the on_status error 30010.
 */
@ApplicationScoped
public class StatusHandler implements BecknActionHandler {

    @Inject
    Sessions sessions;

    @Inject
    OrderMessages messages;

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
        Sessions.Current c = id == null ? null : sessions.current(id, request.bapId());
        if (c == null) {
            throw new BecknException(ErrorCode.ORDER_NOT_FOUND, "$.message.order_id", "no order '" + id + "'");
        }
        return messages.message(c.order(), c.order().confirmedAt() != null, c.progress());
    }
}
