package org.evcharging.bpp.order.beckn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.model.InboundRequest;
import org.junit.jupiter.api.Test;

/**
 * update's state code is checked before the ACK. Found by the fuzzer (issue 21): an update without a state code (its
 * {@code descriptor} or its whole fulfillment left out) was answered HTTP 500, "internal error", where the BPP owes a
 * NACK 30012 naming the code's path.
 */
class UpdateHandlerTest {

    private static InboundRequest update(ObjectNode order) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("context").put("action", "update");
        body.putObject("message").put("update_target", UpdateHandler.TARGET).set("order", order);
        return new InboundRequest("update", body);
    }

    @Test
    void an_update_without_a_state_code_is_a_nack_30012_not_a_failure() {
        ObjectNode noDescriptor = JsonNodeFactory.instance.objectNode().put("id", "o-1");
        noDescriptor.putArray("fulfillments").addObject().putObject("state");
        ObjectNode noFulfillment = JsonNodeFactory.instance.objectNode().put("id", "o-1");
        noFulfillment.putArray("fulfillments");
        ObjectNode nullCode = JsonNodeFactory.instance.objectNode().put("id", "o-1");
        nullCode.putArray("fulfillments").addObject().putObject("state").putObject("descriptor").putNull("code");
        for (ObjectNode order : new ObjectNode[] {noDescriptor, noFulfillment, nullCode}) {
            BecknException e = assertThrows(BecknException.class, () -> new UpdateHandler().check(update(order)));
            assertEquals(ErrorCode.INVALID_UPDATE_TARGET, e.error().code(), order.toString());
            assertEquals("$.message.order.fulfillments[0].state.descriptor.code", e.error().paths());
        }
    }

    @Test
    void a_known_state_code_passes_the_check() {
        ObjectNode order = JsonNodeFactory.instance.objectNode().put("id", "o-1");
        order.putArray("fulfillments").addObject().putObject("state").putObject("descriptor").put("code",
                "start-charging");
        new UpdateHandler().check(update(order));
    }
}
