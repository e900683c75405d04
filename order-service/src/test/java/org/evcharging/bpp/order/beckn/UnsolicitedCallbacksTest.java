package org.evcharging.bpp.order.beckn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.evcharging.bpp.core.outbound.Outbox;
import org.evcharging.bpp.core.persistence.BecknReferences;
import org.evcharging.bpp.order.application.Orders;
import org.evcharging.bpp.order.application.events.FulfillmentEnded;
import org.evcharging.bpp.order.application.events.ProviderCancelled;
import org.evcharging.bpp.order.domain.FulfillmentState;
import org.evcharging.bpp.order.domain.Order;
import org.junit.jupiter.api.Test;

/**
 * What the BPP sends by itself goes out in the context the BAP used for the transaction: a BAP on
 * {@code dent:ev-charging:0.1.0} hears back on that domain, not on the default one.
 */
class UnsolicitedCallbacksTest {

    private final List<JsonNode> contexts = new ArrayList<>();
    private final List<String> actions = new ArrayList<>();

    private UnsolicitedCallbacks callbacks() {
        UnsolicitedCallbacks c = new UnsolicitedCallbacks();
        c.outbox = new Outbox() {

            @Override
            public String unsolicited(JsonNode transactionContext, String callbackAction, ObjectNode message,
                    Instant deadline) {
                contexts.add(transactionContext);
                actions.add(callbackAction);
                return "out-" + actions.size();
            }
        };
        c.messages = new OrderMessages(ZoneOffset.ofHoursMinutes(5, 30), Duration.ofMinutes(10),
                new OrderMessages.Terms(new BigDecimal("30"), null));
        c.ttl = "PT10M";
        return c;
    }

    @Test
    void unsolicited_callbacks_keep_the_domain_and_transaction_the_bap_used() {
        UnsolicitedCallbacks c = callbacks();
        Instant now = Instant.now();
        Order o = new Order("ord-1", BecknReferences.of(Orders.BAP, "txn-ord-1", "msg-ord-1"), now);
        o.book(new Order.Booked("prov-1", "item-1", "cz-1", "CHARGING", "quote-1", new BigDecimal("10"),
                new BigDecimal("100.00"), "INR", now, now.plus(Duration.ofHours(1)),
                "{\"provider\":{\"id\":\"prov-1\"},\"items\":[{\"id\":\"item-1\"}],"
                        + "\"quote\":{\"price\":{\"value\":\"100.00\",\"currency\":\"INR\"}}}",
                now.plus(Duration.ofMinutes(10))), now);
        o.billing("Asha", "asha@example.com", null);
        o.activate(now);
        o.context("{\"domain\":\"dent:ev-charging:0.1.0\",\"action\":\"init\",\"version\":\"1.1.0\","
                + "\"bap_id\":\"bap.example\",\"bap_uri\":\"https://bap.example/beckn\",\"transaction_id\":\"txn-ord-1\","
                + "\"message_id\":\"msg-ord-1\",\"timestamp\":\"2026-12-01T03:00:00.000Z\"}");
        c.cancelled(new ProviderCancelled(o));
        o.complete(FulfillmentState.CHARGING_ENDED, new BigDecimal("40.00"), "[]", Instant.now());
        c.ended(new FulfillmentEnded(o, false));
        assertEquals(List.of("on_cancel", "on_update", "on_status"), actions);
        for (JsonNode context : contexts) {
            assertEquals("dent:ev-charging:0.1.0", context.path("domain").asText());
            assertEquals("txn-ord-1", context.path("transaction_id").asText());
        }
    }
}
