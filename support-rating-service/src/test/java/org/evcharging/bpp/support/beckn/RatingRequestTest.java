package org.evcharging.bpp.support.beckn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.evcharging.bpp.core.model.BecknException;
import org.evcharging.bpp.core.model.ErrorCode;
import org.evcharging.bpp.core.validation.BecknSchemas;
import org.evcharging.bpp.core.validation.WorkflowLeniency;
import org.junit.jupiter.api.Test;
import org.evcharging.bpp.support.domain.RatingCategory;

class RatingRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode message(String ratings) throws Exception {
        return JSON.readTree("{\"ratings\":" + ratings + "}");
    }

    @Test
    void the_documents_charger_rating_is_a_fulfillment_of_the_order() throws Exception {
        JsonNode body = WorkflowLeniency.india().normalize("rating",
                JSON.readTree(Path.of("src/test/resources/workflow-examples/22-rating.json").toFile()));
        assertEquals(java.util.List.of(), BecknSchemas.shared().validateStrict("rating", body));
        RatingRequest r = RatingRequest.from(body.get("message"));
        assertEquals(1, r.ratings().size());
        RatingRequest.Entry e = r.ratings().get(0);
        assertEquals(RatingCategory.FULFILLMENT, e.category());
        assertEquals("6743e9e2-4fb5-487c-92b7", e.id());
        assertEquals(5, e.value());
        assertEquals("$.message.ratings[0]", e.path());
    }

    @Test
    void several_ratings_in_one_message() throws Exception {
        RatingRequest r = RatingRequest.from(message("""
                [{"id":"o-1","rating_category":"Order","value":"4"},
                 {"id":"chargezone.in","rating_category":"provider","value":"3.0"},
                 {"id":"SUP-ABCDEF","rating_category":"Support","value":"1"}]"""));
        assertEquals(3, r.ratings().size());
        assertEquals(RatingCategory.PROVIDER, r.ratings().get(1).category());
        assertEquals(3, r.ratings().get(1).value());
        assertEquals(RatingCategory.SUPPORT, r.ratings().get(2).category());
    }

    @Test
    void values_outside_one_to_five_are_30015_with_the_path() throws Exception {
        for (String bad : new String[] {"0", "6", "-1", "4.5", "five", "", "gte 4", "1e1", "99999999999"}) {
            BecknException e = assertThrows(BecknException.class, () -> RatingRequest.from(message(
                    "[{\"id\":\"o\",\"rating_category\":\"Order\",\"value\":\"5\"},"
                            + "{\"id\":\"p\",\"rating_category\":\"Provider\",\"value\":\"" + bad + "\"}]")),
                    bad);
            assertEquals(ErrorCode.INVALID_RATING_VALUE, e.error().code(), bad);
            assertEquals("$.message.ratings[1].value", e.error().paths(), bad);
        }
        BecknException missing = assertThrows(BecknException.class,
                () -> RatingRequest.from(message("[{\"id\":\"o\",\"rating_category\":\"Order\"}]")));
        assertEquals(ErrorCode.INVALID_RATING_VALUE, missing.error().code());
    }

    @Test
    void agents_are_an_unsupported_category_50003() throws Exception {
        BecknException e = assertThrows(BecknException.class,
                () -> RatingRequest.from(message("[{\"id\":\"a\",\"rating_category\":\"Agent\",\"value\":\"5\"}]")));
        assertEquals(ErrorCode.UNSUPPORTED_RATING_CATEGORY, e.error().code());
        assertEquals("$.message.ratings[0].rating_category", e.error().paths());
        BecknException other = assertThrows(BecknException.class,
                () -> RatingRequest.from(message("[{\"id\":\"a\",\"rating_category\":\"station\",\"value\":\"5\"}]")));
        assertEquals(ErrorCode.UNSUPPORTED_RATING_CATEGORY, other.error().code());
    }

    @Test
    void malformed_messages_are_30000_with_the_path() throws Exception {
        assertInvalid("$.message.ratings", "[]");
        assertInvalid("$.message.ratings", "{}");
        assertInvalid("$.message.ratings[0].id", "[{\"rating_category\":\"Order\",\"value\":\"5\"}]");
        assertInvalid("$.message.ratings[0].id", "[{\"id\":\" \",\"rating_category\":\"Order\",\"value\":\"5\"}]");
        assertInvalid("$.message.ratings[0].id",
                "[{\"id\":\"" + "x".repeat(101) + "\",\"rating_category\":\"Order\",\"value\":\"5\"}]");
        assertInvalid("$.message.ratings[0].rating_category", "[{\"id\":\"o\",\"value\":\"5\"}]");
        assertInvalid("$.message.ratings[1]", "[{\"id\":\"o\",\"rating_category\":\"Order\",\"value\":\"5\"},"
                + "{\"id\":\"o\",\"rating_category\":\"order\",\"value\":\"4\"}]");
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= RatingRequest.MAX_RATINGS; i++) {
            many.append(i == 0 ? "" : ",").append("{\"id\":\"o").append(i)
                    .append("\",\"rating_category\":\"Order\",\"value\":\"5\"}");
        }
        assertInvalid("$.message.ratings", many.append("]").toString());
    }

    @Test
    void the_same_id_may_be_rated_in_two_categories() throws Exception {
        RatingRequest r = RatingRequest.from(
                message("""
                        [{"id":"o-1","rating_category":"Order","value":"4"},{"id":"o-1","rating_category":"charger","value":"2"}]"""));
        assertEquals(2, r.ratings().size());
    }

    private static void assertInvalid(String path, String ratings) {
        BecknException e = assertThrows(BecknException.class, () -> RatingRequest.from(message(ratings)), ratings);
        assertEquals(ErrorCode.INVALID_REQUEST, e.error().code(), ratings);
        assertEquals(path, e.error().paths(), ratings);
    }
}
