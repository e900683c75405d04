package org.evcharging.bpp.suite.bap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class FeedbackFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_rating_message_is_the_documents_shape() {
        JsonNode m = FeedbackFlow.ratingMessage(new FeedbackFlow.Rating("order-1", "charger", "5"),
                new FeedbackFlow.Rating("chargezone.in", "Provider", "4"));
        assertEquals("order-1", m.at("/ratings/0/id").asText());
        assertEquals("charger", m.at("/ratings/0/rating_category").asText());
        assertEquals("5", m.at("/ratings/0/value").asText());
        assertEquals("Provider", m.at("/ratings/1/rating_category").asText());
    }

    @Test
    void a_support_message_names_the_order_and_how_to_reach_the_user() {
        JsonNode m = FeedbackFlow.supportMessage("order-1", "+919876543210", null);
        assertEquals("order-1", m.at("/support/order_id").asText());
        assertEquals("+919876543210", m.at("/support/phone").asText());
        assertFalse(m.path("support").has("email"));
    }

    @Test
    void the_feedback_form_is_read_from_on_rating() throws Exception {
        JsonNode onRating = JSON.readTree(
                """
                        {"message":{"feedback_form":{"xinput":{"form":{"url":"http://localhost:8080/support-rating/v1/feedback/t1"},"required":"false"}}}}""");
        assertEquals("http://localhost:8080/support-rating/v1/feedback/t1", FeedbackFlow.formUrl(onRating));
        assertNull(FeedbackFlow.formUrl(JSON.readTree("{\"message\":{}}")));
    }
}
