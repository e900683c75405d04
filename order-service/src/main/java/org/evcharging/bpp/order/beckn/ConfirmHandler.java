package org.evcharging.bpp.order.beckn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.evcharging.bpp.core.inbound.BecknActionHandler;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.order.application.booking.Bookings;

/**
 * Beckn {@code confirm}: the order (by {@code order.id}, or the transaction's) is confirmed only when payment-service
 * says it is paid in full (the BAP's own "PAID" is not taken on trust); {@code on_confirm} answers the ACTIVE order
 * with state {@code payment-completed} and where and how to start. A repeated confirm answers the same order.
 */
@ApplicationScoped
public class ConfirmHandler implements BecknActionHandler {

    @Inject
    Bookings bookings;

    @Inject
    OrderMessages messages;

    @Override
    public String action() {
        return "confirm";
    }

    @Override
    public ObjectNode handle(InboundRequest request) {
        String orderId = InitRequest.text(request.message().path("order").path("id"));
        return messages.message(bookings.confirm(orderId, request.bapId(), request.transactionId()), true);
    }
}
