package org.evcharging.bpp.core.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.evcharging.bpp.core.model.BecknError;
import org.junit.jupiter.api.Test;

class ContextChecksTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final ContextChecks checks = new ContextChecks(Set.of("dent:0.1.0"), "bpp.us",
            Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofHours(1), Duration.ofHours(1));
    private final ObjectMapper json = new ObjectMapper();

    private ObjectNode request() throws Exception {
        return (ObjectNode) json
                .readTree("{\"context\":{\"domain\":\"dent:0.1.0\",\"action\":\"search\",\"bap_id\":\"bap.x\","
                        + "\"bap_uri\":\"https://bap.x/cb\",\"transaction_id\":\"t1\",\"message_id\":\"m1\","
                        + "\"timestamp\":\"2026-11-25T09:59:50Z\",\"ttl\":\"PT30S\"},\"message\":{}}");
    }

    private String failingPath(ObjectNode body, String action) {
        return checks.check(action, body).map(BecknError::paths).orElse("ok");
    }

    @Test
    void acceptsAGoodContext() throws Exception {
        assertEquals("ok", failingPath(request(), "search"));
        ObjectNode withUs = request();
        ((ObjectNode) withUs.get("context")).put("bpp_id", "bpp.us");
        assertEquals("ok", failingPath(withUs, "search"));
    }

    @Test
    void namesTheFieldAtFault() throws Exception {
        assertEquals("$.context.action", failingPath(request(), "select"));
        ObjectNode r = request();
        ((ObjectNode) r.get("context")).put("domain", "mobility:1.0");
        assertEquals("$.context.domain", failingPath(r, "search"));
        r = request();
        ((ObjectNode) r.get("context")).put("bpp_id", "someone.else");
        assertEquals("$.context.bpp_id", failingPath(r, "search"));
        r = request();
        ((ObjectNode) r.get("context")).remove("bap_uri");
        assertEquals("$.context.bap_uri", failingPath(r, "search"));
        r = request();
        ((ObjectNode) r.get("context")).put("bap_uri", "ftp://bap.x");
        assertEquals("$.context.bap_uri", failingPath(r, "search"));
        r = request();
        ((ObjectNode) r.get("context")).put("ttl", "PT5S");
        assertEquals("$.context.ttl", failingPath(r, "search"));
        r = request();
        ((ObjectNode) r.get("context")).put("ttl", "soon");
        assertEquals("$.context.ttl", failingPath(r, "search"));
        r = request();
        ((ObjectNode) r.get("context")).put("timestamp", "2026-11-25T10:05:00Z");
        assertEquals("$.context.timestamp", failingPath(r, "search"));
        r = request();
        ((ObjectNode) r.get("context")).put("bap_uri", "https://bap.x/" + "a".repeat(950));
        assertEquals("$.context.bap_uri", failingPath(r, "search"));
        r = request();
        ((ObjectNode) r.get("context")).put("ttl", "P99999999Y");
        assertEquals("$.context.ttl", failingPath(r, "search"), "an absurd ttl is refused, and must not throw");
    }

    @Test
    void aTtlLongerThanTheCapIsRefusedNamingTheCap() throws Exception {
        ObjectNode decade = request();
        ((ObjectNode) decade.get("context")).put("ttl", "P3650D");
        BecknError e = checks.check("search", decade).orElseThrow();
        assertEquals("$.context.ttl", e.paths());
        assertEquals("ttl P3650D is longer than the PT1H this BPP takes", e.message());
        ObjectNode hour = request();
        ((ObjectNode) hour.get("context")).put("ttl", "PT1H");
        assertEquals("ok", failingPath(hour, "search"), "the cap itself is taken");
    }

    @Test
    void answerDeadlineIsTimestampPlusTtlOrTheFallback() throws Exception {
        assertEquals(Instant.parse("2026-11-25T10:00:20Z"), checks.answerDeadline(request(), Duration.ofMinutes(5)));
        ObjectNode noTtl = request();
        ((ObjectNode) noTtl.get("context")).remove("ttl");
        assertEquals(NOW.plus(Duration.ofMinutes(5)), checks.answerDeadline(noTtl, Duration.ofMinutes(5)));
        ObjectNode greedy = request();
        ((ObjectNode) greedy.get("context")).put("ttl", "P100Y");
        assertEquals(NOW.plus(Duration.ofHours(1)), checks.answerDeadline(greedy, Duration.ofMinutes(5)),
                "a sender cannot make us retry for longer than the maximum window");
    }

    @Test
    void isoDurationsIncludeMonths() {
        assertEquals(Duration.ofSeconds(30), IsoDurations.parse("PT30S"));
        assertEquals(Duration.ofDays(30), IsoDurations.parse("P1M"));
        assertEquals(Duration.ofDays(1).plusHours(2), IsoDurations.parse("P1DT2H"));
        assertTrue(IsoDurations.parse("P1Y").toDays() >= 365);
    }
}
