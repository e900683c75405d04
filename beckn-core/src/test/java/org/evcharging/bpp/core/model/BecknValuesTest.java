package org.evcharging.bpp.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BecknValuesTest {

    @Test
    void times_keep_their_zero_seconds() {
        OffsetDateTime t = OffsetDateTime.of(2026, 12, 1, 10, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30));
        assertEquals("2026-12-01T10:00:00+05:30", BecknValues.RFC3339.format(t));
    }

    @Test
    void a_tag_has_name_code_and_value_and_a_null_value_adds_none() {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        BecknValues.tag(list, "Charger type", "charger-type", "DC");
        BecknValues.tag(list, "Connector type", "connector-type", null);
        assertEquals("[{\"descriptor\":{\"name\":\"Charger type\",\"code\":\"charger-type\"},\"value\":\"DC\"}]",
                list.toString());
    }
}
