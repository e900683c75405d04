package org.evcharging.bpp.support.beckn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.evcharging.bpp.core.inbound.BecknActionHandler;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.support.application.support.SupportDesk;

/**
 * Beckn {@code support}: the contacts that apply to an order, a provider or a transaction, and a ticket
 * ({@link SupportDesk}). Errors in {@code on_support}: 30010 (no such order, or a {@code ref_id} that names nothing
 * known), 50004 (no support configured at all), 40000 (a peer could not be reached: send it again).
 */
@ApplicationScoped
public class SupportHandler implements BecknActionHandler {

    @Inject
    SupportDesk desk;

    @Override
    public String action() {
        return "support";
    }

    @Override
    public void check(InboundRequest request) {
        SupportRequest.from(request.message());
    }

    @Override
    public ObjectNode handle(InboundRequest request) {
        SupportDesk.Request asked = SupportRequest.from(request.message());
        SupportDesk.Answer a = desk.help(request, asked);
        // the BAP's ref_id is echoed only when it was what the request was about (looked up and found): with an
        // order_id beside it, the order is the subject and ref_id was never checked
        String refId = asked.orderId() == null ? asked.refId() : null;
        return SupportMessages.onSupport(request.context(), a.ticketRef(), refId, a.orderId(), a.contacts());
    }
}
