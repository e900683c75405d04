package org.evcharging.bpp.order.beckn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.evcharging.bpp.core.inbound.BecknActionHandler;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.model.InboundRequest;
import org.evcharging.bpp.order.application.fulfillment.Fulfillments;
import org.evcharging.bpp.order.domain.FulfillmentState;

/**
 * Beckn {@code update} of {@code order.fulfillments[0].state}: {@code start-charging} / {@code end-charging} (and
 * {@code start-swap} / {@code end-swap}) for the order named by {@code order.id}, or the transaction's. Another
 * {@code update_target} or code is refused at once (NACK 30012). on_update answers the order in its new state:
 * {@code charging-started}, or {@code charging-ended} with the final bill and the refund. When the charger turns out
 * to have failed as it is stopped, the provider cancels (state {@code charger-error}, the undelivered part refunded).
 */
@ApplicationScoped
public class UpdateHandler implements BecknActionHandler {

    static final String TARGET = "order.fulfillments[0].state";
    private static final Set<String> CODES = Set.of(FulfillmentState.START_CHARGING, FulfillmentState.END_CHARGING,
            FulfillmentState.START_SWAP, FulfillmentState.END_SWAP);
    private static final String CODE_PATH = "$.message.order.fulfillments[0].state.descriptor.code";

    @Inject
    Fulfillments fulfillments;

    @Inject
    OrderMessages messages;

    @Override
    public String action() {
        return "update";
    }

    @Override
    public void check(InboundRequest request) {
        String target = InitRequest.text(request.message().path("update_target"));
        if (!TARGET.equals(target)) {
            throw new BecknException(ErrorCode.INVALID_UPDATE_TARGET, "$.message.update_target",
                    "update_target '" + target + "' is not supported: only " + TARGET
                            + " (start-charging, end-charging,"
                            + " start-swap, end-swap)");
        }
        String code = code(request.message());
        if (code == null || !CODES.contains(code)) { // Set.of(...).contains(null) throws
            throw new BecknException(ErrorCode.INVALID_UPDATE_TARGET, CODE_PATH, (code == null ? "no state code"
                    : "unknown state code '" + code + "'")
                    + ": use start-charging, end-charging, start-swap or end-swap");
        }
    }

    @Override
    public ObjectNode handle(InboundRequest request) {
        JsonNode order = request.message().path("order");
        String id = InitRequest.text(order.path("id"));
        String code = code(request.message());
        boolean swap = FulfillmentState.START_SWAP.equals(code) || FulfillmentState.END_SWAP.equals(code);
        Fulfillments.Updated u = FulfillmentState.START_CHARGING.equals(code)
                || FulfillmentState.START_SWAP.equals(code)
                        ? fulfillments.start(id, request.bapId(), request.transactionId(),
                                InitRequest.text(order.path("fulfillments").path(0).path("id")), swap)
                        : fulfillments.stop(id, request.bapId(), request.transactionId(), swap);
        return messages.message(u.order(), true, u.progress());
    }

    private static String code(JsonNode message) {
        return InitRequest
                .text(message.path("order").path("fulfillments").path(0).path("state").path("descriptor").path("code"));
    }
}
