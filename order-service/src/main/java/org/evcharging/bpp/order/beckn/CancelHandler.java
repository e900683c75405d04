package org.evcharging.bpp.order.beckn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.evcharging.bpp.core.inbound.BecknActionHandler;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.order.application.cancel.CancellationReasons;
import org.evcharging.bpp.order.application.cancel.Cancellations;
import org.evcharging.bpp.order.domain.Order;

/**
 * Beckn {@code cancel} by the user: {@code message.order_id} with a {@code cancellation_reason_id} of
 * {@link CancellationReasons} (another is refused at once, NACK 30011). The fee follows the order's cancellation
 * terms ({@link Cancellations}); {@code on_cancel} shows the refund as the document's example does. An ended or
 * already cancelled order: 50001; an unknown one: 30010.
 */
@ApplicationScoped
public class CancelHandler implements BecknActionHandler {

    @Inject
    Cancellations cancellations;

    @Inject
    OrderMessages messages;

    @Override
    public String action() {
        return "cancel";
    }

    @Override
    public void check(InboundRequest request) {
        String reason = InitRequest.text(request.message().path("cancellation_reason_id"));
        if (CancellationReasons.of(reason).isEmpty()) {
            throw new BecknException(ErrorCode.INVALID_CANCELLATION_REASON, "$.message.cancellation_reason_id",
                    (reason == null ? "a cancellation_reason_id is required"
                            : "unknown cancellation reason '" + reason + "'")
                            + "; the reasons are listed at /orders/v1/cancellation-reasons (1 to 7)");
        }
    }

    @Override
    public ObjectNode handle(InboundRequest request) {
        String id = InitRequest.text(request.message().path("order_id"));
        CancellationReasons.Reason reason = CancellationReasons.of(
                InitRequest.text(request.message().path("cancellation_reason_id"))).orElseThrow();
        Order o = cancellations.byUser(id, request.bapId(), reason);
        return messages.message(o, o.confirmedAt() != null, null);
    }
}
