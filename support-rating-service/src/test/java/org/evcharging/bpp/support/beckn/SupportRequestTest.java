package org.evcharging.bpp.support.beckn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.validation.BecknSchemas;
import org.evcharging.bpp.core.validation.WorkflowLeniency;
import org.junit.jupiter.api.Test;
import org.evcharging.bpp.support.application.support.SupportDesk;

class SupportRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void reads_the_documents_support_request() throws Exception {
        JsonNode body = WorkflowLeniency.india().normalize("support",
                JSON.readTree(Path.of("src/test/resources/workflow-examples/24-support.json").toFile()));
        assertEquals(java.util.List.of(), BecknSchemas.shared().validateStrict("support", body));
        SupportDesk.Request r = SupportRequest.from(body.get("message"));
        assertEquals("6743e9e2-4fb5-487c-92b7", r.orderId());
        assertNull(r.refId());
        assertEquals("+919876543210", r.phone());
        assertEquals("john.doe@gmail.com", r.email());
    }

    @Test
    void core_ref_id_and_callback_phone_and_nothing_at_all() throws Exception {
        SupportDesk.Request r = SupportRequest
                .from(JSON.readTree("{\"support\":{\"ref_id\":\"chargezone.in\",\"callback_phone\":\"+91 80 1\"}}"));
        assertNull(r.orderId());
        assertEquals("chargezone.in", r.refId());
        assertEquals("+91 80 1", r.callbackPhone());
        SupportDesk.Request none = SupportRequest.from(JSON.readTree("{}"));
        assertNull(none.orderId());
        assertNull(none.refId());
    }

    @Test
    void wrong_types_and_sizes_are_30000_with_the_path() {
        assertInvalid("$.message.support.order_id", "{\"support\":{\"order_id\":42}}");
        assertInvalid("$.message.support", "{\"support\":\"help\"}");
        assertInvalid("$.message.support.email", "{\"support\":{\"email\":\"" + "a".repeat(300) + "@x.in\"}}");
    }

    private static void assertInvalid(String path, String message) {
        BecknException e = assertThrows(BecknException.class, () -> SupportRequest.from(JSON.readTree(message)));
        assertEquals(ErrorCode.INVALID_REQUEST, e.error().code());
        assertEquals(path, e.error().paths());
    }
}
