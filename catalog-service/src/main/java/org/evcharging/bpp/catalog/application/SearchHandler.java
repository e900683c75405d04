package org.evcharging.bpp.catalog.application;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.evcharging.bpp.core.inbound.BecknActionHandler;
import org.evcharging.bpp.core.model.InboundRequest;

/**
 * Answers {@code search} with this BPP's catalog. Until provider onboarding lands (the catalog issue) the
 * catalog has no providers: the answer is still a signed, schema-valid {@code on_search}.
 */
@ApplicationScoped
public class SearchHandler implements BecknActionHandler {

    @Override
    public String action() {
        return "search";
    }

    @Override
    public ObjectNode handle(InboundRequest request) {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        ObjectNode catalog = message.putObject("catalog");
        catalog.putObject("descriptor").put("name", "EV charging and battery swap");
        catalog.putArray("providers");
        return message;
    }
}
