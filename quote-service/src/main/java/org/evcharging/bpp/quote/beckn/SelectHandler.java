package org.evcharging.bpp.quote.beckn;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.evcharging.bpp.core.inbound.BecknActionHandler;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.core.persistence.BecknReferences;
import org.evcharging.bpp.quote.application.Quoting;
import org.evcharging.bpp.quote.application.SelectRequest;

/**
 * Beckn {@code select}: checks the order's shape before the ACK ({@link SelectRequest}), then has it priced and stored
 * ({@link Quoting}) and answers {@code on_select} with the itemised quote and its validity. Business problems become
 * the on_select's {@code error} with the code and path.
 */
@ApplicationScoped
public class SelectHandler implements BecknActionHandler {

    @Inject
    Quoting quoting;

    @Override
    public String action() {
        return "select";
    }

    @Override
    public void check(InboundRequest request) {
        SelectRequest.from(request.message());
    }

    @Override
    public ObjectNode handle(InboundRequest request) {
        return quoting.quote(SelectRequest.from(request.message()), request.message(),
                BecknReferences.of(request.bapId(), request.transactionId(), request.messageId())).message();
    }
}
