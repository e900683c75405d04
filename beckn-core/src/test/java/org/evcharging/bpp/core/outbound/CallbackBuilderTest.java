package org.evcharging.bpp.core.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.evcharging.bpp.core.model.BecknError;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.validation.BecknSchemas;
import org.evcharging.bpp.core.validation.WorkflowLeniency;
import org.junit.jupiter.api.Test;

/** What we send validates strictly, answers keep the exchange's ids, unsolicited callbacks get a fresh message_id. */
class CallbackBuilderTest {

    private final CallbackBuilder builder = new CallbackBuilder("bpp.us", "https://bpp.us/beckn",
            Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));

    private JsonNode searchContext() throws Exception {
        JsonNode search = new ObjectMapper()
                .readTree(Path.of("src/test/resources/workflow-examples/01-search.json").toFile());
        return WorkflowLeniency.india().normalize("search", search).get("context");
    }

    @Test
    void anAnswerKeepsTheIdsAndValidatesStrictly() throws Exception {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.putObject("catalog").putArray("providers");
        ObjectNode body = builder.build(searchContext(), "on_search", message, null, false);
        assertEquals("on_search", body.at("/context/action").asText());
        assertEquals("bpp.us", body.at("/context/bpp_id").asText());
        assertEquals("6743e9e2-4fb5-487c-92b7-13ba8018f176", body.at("/context/message_id").asText());
        assertEquals("2026-11-25T10:00:00.000Z", body.at("/context/timestamp").asText());
        assertEquals(java.util.List.of(), BecknSchemas.shared().validateStrict("on_search", body));
    }

    @Test
    void anErrorAnswerValidatesStrictly() throws Exception {
        ObjectNode body = builder.build(searchContext(), "on_search", null,
                new BecknError(ErrorCode.PROVIDER_NOT_FOUND, "$.message.intent.provider.id", "no such provider"),
                false);
        assertEquals("30001", body.at("/error/code").asText());
        assertEquals(java.util.List.of(), BecknSchemas.shared().validateStrict("on_search", body));
    }

    @Test
    void anErrorAnswerOfEveryActionValidatesStrictly() throws Exception {
        // on_rating is the one whose schema requires a message even beside an error (found when its errors were refused).
        for (String action : java.util.List.of("on_search", "on_select", "on_init", "on_confirm", "on_update",
                "on_status",
                "on_cancel", "on_rating", "on_support")) {
            ObjectNode body = builder.build(searchContext(), action, null,
                    new BecknError(ErrorCode.BUSINESS_ERROR, null, "the peer could not be reached"), false);
            assertEquals(java.util.List.of(), BecknSchemas.shared().validateStrict(action, body), action);
        }
    }

    @Test
    void unsolicitedCallbacksGetAFreshMessageId() throws Exception {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.putObject("order").put("id", "o1");
        ObjectNode body = builder.build(searchContext(), "on_status", message, null, true);
        assertNotEquals("6743e9e2-4fb5-487c-92b7-13ba8018f176", body.at("/context/message_id").asText());
        assertEquals("6743e9e2-4fb5-487c-92b7-13ba8018f176", body.at("/context/transaction_id").asText());
    }

    @Test
    void backoffGrowsAndIsCapped() {
        RetryPolicy p = new RetryPolicy(500, 30_000);
        assertTrue(p.delayMillis(1) >= 400 && p.delayMillis(1) <= 600);
        assertTrue(p.delayMillis(3) >= 1600 && p.delayMillis(3) <= 2400);
        assertTrue(p.delayMillis(30) <= 36_000);
    }
}
