package org.evcharging.bpp.order.beckn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.evcharging.bpp.core.model.BecknException;
import org.junit.jupiter.api.Test;

class InitRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode message(String order) throws Exception {
        return JSON.readTree("{\"order\":" + order + "}");
    }

    @Test
    void reads_the_workflow_documents_init() throws Exception {
        InitRequest r = InitRequest.from(
                message("""
                        {"provider":{"id":"chargezone.in"},"items":[{"id":"pe-charging-01"}],
                         "billing":{"name":"John Doe","email":"abc@example.com","phone":"+91-9876522222"},
                         "fulfillments":[{"id":"1","customer":{"person":{"name":"John Doe"},"contact":{"phone":"+91-9887766554"}},
                           "vehicle":{"category":"4W","registration":"KA01AB1234"}}]}"""));
        assertEquals("chargezone.in", r.providerId());
        assertEquals("pe-charging-01", r.itemId());
        assertNull(r.quoteId());
        assertEquals("abc@example.com", r.billingEmail());
        assertEquals("+91-9887766554", r.customerPhone());
        assertEquals("4W", r.vehicleCategory());
        assertEquals("KA01AB1234", r.vehicleRegistration());
    }

    @Test
    void the_customer_defaults_to_the_payer_and_a_quote_id_is_taken() throws Exception {
        InitRequest r = InitRequest.from(message("""
                {"provider":{"id":"p"},"items":[{"id":"i"}],"quote":{"id":"q-1"},
                 "billing":{"name":"Asha","phone":"+91-98765"}}"""));
        assertEquals("Asha", r.customerName());
        assertEquals("+91-98765", r.customerPhone());
        assertEquals("q-1", r.quoteId());
    }

    @Test
    void missing_parts_are_refused_with_their_path() throws Exception {
        assertPath("$.message.order.provider.id",
                "{\"items\":[{\"id\":\"i\"}],\"billing\":{\"name\":\"A\",\"email\":\"a@b.c\"}}");
        assertPath("$.message.order.items[0].id",
                "{\"provider\":{\"id\":\"p\"},\"billing\":{\"name\":\"A\",\"email\":\"a@b.c\"}}");
        assertPath("$.message.order.items", "{\"provider\":{\"id\":\"p\"},\"items\":[{\"id\":\"i\"},{\"id\":\"j\"}],"
                + "\"billing\":{\"name\":\"A\",\"email\":\"a@b.c\"}}");
        assertPath("$.message.order.billing.name",
                "{\"provider\":{\"id\":\"p\"},\"items\":[{\"id\":\"i\"}],\"billing\":{\"email\":\"a@b.c\"}}");
        assertPath("$.message.order.billing.email",
                "{\"provider\":{\"id\":\"p\"},\"items\":[{\"id\":\"i\"}],\"billing\":{\"name\":\"A\"}}");
        assertPath("$.message.order.billing.phone", "{\"provider\":{\"id\":\"p\"},\"items\":[{\"id\":\"i\"}],"
                + "\"billing\":{\"name\":\"A\",\"phone\":\"call me\"}}");
        assertPath("$.message.order.billing.email", "{\"provider\":{\"id\":\"p\"},\"items\":[{\"id\":\"i\"}],"
                + "\"billing\":{\"name\":\"A\",\"email\":\"not-an-email\"}}");
    }

    private static void assertPath(String path, String order) {
        BecknException e = assertThrows(BecknException.class, () -> InitRequest.from(message(order)));
        assertEquals("30000", e.error().code().code());
        assertEquals(path, e.error().paths());
    }
}
