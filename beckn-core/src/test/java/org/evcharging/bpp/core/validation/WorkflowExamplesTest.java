package org.evcharging.bpp.core.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every BAP-to-BPP example of the workflow document must be accepted (after {@link WorkflowLeniency}), and
 * without the leniency the known bends must be exactly what the strict schema reports.
 */
class WorkflowExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of("src/test/resources/workflow-examples");
    private final BecknSchemas schemas = BecknSchemas.shared();

    static Stream<Path> requests() throws IOException {
        return Files.list(DIR).filter(p -> p.toString().endsWith(".json"))
                .filter(p -> !p.getFileName().toString().contains("-on_")).sorted();
    }

    private static String action(Path p) {
        String name = p.getFileName().toString();
        return name.substring(3, name.length() - 5);
    }

    @ParameterizedTest
    @MethodSource("requests")
    void everyRequestExampleIsAcceptedAfterNormalisation(Path example) throws IOException {
        JsonNode body = JSON.readTree(example.toFile());
        JsonNode normalized = WorkflowLeniency.india().normalize(action(example), body.deepCopy());
        assertEquals(List.of(), schemas.validateStrict(action(example), normalized), example.toString());
    }

    @Test
    void theBendsAreRewrittenToCanonicalForm() throws IOException {
        WorkflowLeniency leniency = WorkflowLeniency.india();
        JsonNode cancel = leniency.normalize("cancel", JSON.readTree(DIR.resolve("15-cancel.json").toFile()));
        assertEquals("6743e9e2-4fb5-487c-92b7", cancel.at("/message/order_id").asText());
        assertEquals("5", cancel.at("/message/cancellation_reason_id").asText());
        assertFalse(cancel.at("/message").has("order"));
        assertEquals("std:080", cancel.at("/context/location/city/code").asText());
        assertFalse(cancel.get("context").has("city"));

        JsonNode rating = leniency.normalize("rating", JSON.readTree(DIR.resolve("22-rating.json").toFile()));
        assertEquals("Fulfillment", rating.at("/message/ratings/0/rating_category").asText());

        ObjectNode stops = (ObjectNode) JSON
                .readTree("{\"message\":{\"order\":{\"fulfillments\":[{\"stops\":[{\"time\":"
                        + "{\"timestamp\":\"01-06-2023 10:00:00\",\"range\":{\"start\":\"01-06-2023 10:00:00\",\"end\":\"01-06-2023 10:30:00\"}}}]}],"
                        + "\"items\":[{\"quantity\":{\"available\":\"1000\",\"selected\":\"4.5\"}}]}}}");
        leniency.normalize("select", stops);
        assertEquals("2023-06-01T10:00:00+05:30",
                stops.at("/message/order/fulfillments/0/stops/0/time/timestamp").asText());
        assertEquals("2023-06-01T10:30:00+05:30",
                stops.at("/message/order/fulfillments/0/stops/0/time/range/end").asText());
        assertEquals(1000, stops.at("/message/order/items/0/quantity/available/count").asInt());
        assertEquals("4.5", stops.at("/message/order/items/0/quantity/selected/measure/value").asText());
    }

    @Test
    void phonesAsPeopleWriteThemBecomeInternationalNumbersAndValidate() throws IOException {
        assertEquals("+91 9876500001", WorkflowLeniency.phone("+91-9876500001"));
        assertEquals("+91 98765 22222", WorkflowLeniency.phone(" +91-98765-22222 "));
        assertEquals("+91 80 4000 1000", WorkflowLeniency.phone("(+91) 80 4000.1000"));
        assertEquals("+91 9876522222", WorkflowLeniency.phone("0091 9876522222"));
        assertEquals("+44 20 7946 0958", WorkflowLeniency.phone("+44 (20) 7946/0958"));
        assertEquals("+919876543210", WorkflowLeniency.phone("+919876543210"), "already canonical");
        assertEquals("98765 22222", WorkflowLeniency.phone("98765 22222"),
                "no country code: left for the schema to refuse");
        assertEquals("+91 call me", WorkflowLeniency.phone("+91 call me"));
        assertEquals("+12", WorkflowLeniency.phone("+12"), "too short to be a number");

        ObjectNode support = (ObjectNode) JSON.readTree(DIR.resolve("17-support.json").toFile());
        ((ObjectNode) support.at("/message/support")).put("phone", "+91-9876500001").put("callback_phone",
                "+91 (80) 4000-1000");
        assertTrue(schemas.validateStrict("support", support.deepCopy()).stream()
                .anyMatch(v -> v.path().equals("$.message.support.phone")),
                "a dash is refused by core's format as sent");
        JsonNode normalized = WorkflowLeniency.india().normalize("support", support);
        assertEquals(List.of(), schemas.validateStrict("support", normalized));
        assertEquals("+91 9876500001", normalized.at("/message/support/phone").asText());
        assertEquals("+91 80 4000 1000", normalized.at("/message/support/callback_phone").asText());

        ObjectNode national = (ObjectNode) JSON.readTree(DIR.resolve("17-support.json").toFile());
        ((ObjectNode) national.at("/message/support")).put("phone", "98765 00001");
        assertEquals("$.message.support.phone", schemas.validateStrict("support",
                WorkflowLeniency.india().normalize("support", national)).get(0).path());
    }

    @Test
    void normalisedTimesAndQuantitiesValidateStrictly() throws IOException {
        ObjectNode select = (ObjectNode) JSON.readTree(DIR.resolve("03-select.json").toFile());
        ObjectNode order = (ObjectNode) select.at("/message/order");
        ObjectNode stop = order.putArray("fulfillments").addObject().put("id", "1").putArray("stops").addObject();
        stop.put("type", "start").putObject("time").put("timestamp", "01-06-2023 10:00:00")
                .putObject("range").put("start", "01-06-2023 10:00:00").put("end", "01-06-2023 10:30:00");
        ((ObjectNode) order.at("/items/0/quantity")).put("available", "1000");
        assertTrue(schemas.validateStrict("select", select.deepCopy()).size() > 0, "the bends are invalid as sent");
        assertEquals(List.of(), schemas.validateStrict("select", WorkflowLeniency.india().normalize("select", select)));
    }

    @Test
    void strictValidationNamesThePathsAtFault() throws IOException {
        JsonNode cancel = JSON.readTree(DIR.resolve("15-cancel.json").toFile());
        List<SchemaViolation> v = schemas.validateStrict("cancel", cancel);
        assertTrue(v.stream().anyMatch(x -> x.path().equals("$.message")), v.toString());

        ObjectNode search = (ObjectNode) JSON.readTree(DIR.resolve("01-search.json").toFile());
        ((ObjectNode) search.get("context")).put("bap_uri", "not a uri").put("transaction_id", "nope");
        ((ObjectNode) search.get("message").get("intent")).putObject("fulfillment").putArray("stops").addObject()
                .putObject("location").put("gps", "north pole");
        List<String> paths = schemas.validateStrict("search", search).stream().map(SchemaViolation::path).toList();
        assertTrue(paths.contains("$.context.bap_uri"), paths.toString());
        assertTrue(paths.contains("$.context.transaction_id"), paths.toString());
        assertTrue(paths.contains("$.message.intent.fulfillment.stops[0].location.gps"), paths.toString());
        assertEquals("$.context.action", schemas.validateStrict("teleport", search).get(0).path());
    }
}
