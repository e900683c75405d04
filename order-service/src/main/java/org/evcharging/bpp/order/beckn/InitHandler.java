package org.evcharging.bpp.order.beckn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.evcharging.bpp.core.inbound.BecknActionHandler;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.order.application.booking.Bookings;

/**
 * Beckn {@code init}: billing and customer are checked before the ACK; then the quote is re-verified, the slot held
 * and a payment link made ({@link Bookings#init}), and {@code on_init} answers with the draft order: state
 * {@code order-initiated}, the quote, the payment (link, NOT-PAID) and the cancellation terms.
 */
@ApplicationScoped
public class InitHandler implements BecknActionHandler {

    @Inject
    Bookings bookings;

    @Inject
    OrderMessages messages;

    @Override
    public String action() {
        return "init";
    }

    @Override
    public void check(InboundRequest request) {
        InitRequest.from(request.message());
    }

    @Override
    public ObjectNode handle(InboundRequest request) {
        return messages.message(bookings.init(InitRequest.from(request.message()).booking(request)), false);
    }
}
