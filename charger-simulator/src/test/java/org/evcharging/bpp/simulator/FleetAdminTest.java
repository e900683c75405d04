package org.evcharging.bpp.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.evcharging.bpp.ocpp.OcppVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin API over real HTTP on the loopback, in front of a fleet on the fake central system. */
class FleetAdminTest {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ManualTime time = new ManualTime(Instant.parse("2026-12-05T10:00:00Z"));
    private final FakeCentralSystem central = new FakeCentralSystem(time);
    private ChargerFleet fleet;
    private FleetAdmin admin;

    @BeforeEach
    void start() throws Exception {
        fleet = ChargerFleet.start(List.of(
                new ChargerSpec("CP-1", "secret", OcppVersion.OCPP_1_6, List.of(ConnectorSpec.of(1, 22))),
                new ChargerSpec("CS-2", "secret", OcppVersion.OCPP_2_0_1, List.of(new ConnectorSpec(1, 1, 150)))),
                FleetOptions.defaults(), central, time, time, () -> {
                });
        time.runDue();
        admin = FleetAdmin.start(fleet, 0);
    }

    @AfterEach
    void stop() {
        admin.close();
        fleet.close();
        assertEquals(List.of(), central.violations);
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        return response;
    }

    @Test
    void listsEveryChargerWithItsConnectors() throws Exception {
        HttpResponse<String> response = send("GET", "/chargers");
        assertEquals(200, response.statusCode());
        JsonNode list = json.readTree(response.body());
        assertEquals(2, list.size());
        JsonNode first = list.get(0);
        assertEquals("CP-1", first.get("id").asText());
        assertEquals("ocpp1.6", first.get("version").asText());
        assertTrue(first.get("connected").asBoolean());
        assertEquals("ACCEPTED", first.get("bootStatus").asText());
        assertEquals("Available", first.path("connectors").get(0).get("status").asText());
        assertEquals(0, first.path("connectors").get(0).get("meterWh").asLong());
        assertEquals("ocpp2.0.1", list.get(1).get("version").asText());
    }

    @Test
    void controlsActOnTheCharger() throws Exception {
        HttpResponse<String> faulted = send("POST", "/chargers/CP-1/fault?connector=1");
        assertEquals(200, faulted.statusCode());
        assertEquals("Faulted", json.readTree(faulted.body()).path("connectors").get(0).get("status").asText());
        send("POST", "/chargers/CP-1/clear-fault?connector=1");
        assertEquals("Available", fleet.charger("CP-1").connector(1).status());

        assertEquals(200, send("POST", "/chargers/CS-2/offline").statusCode());
        assertEquals(ConnectionState.OFFLINE, fleet.charger("CS-2").connectionState());
        assertEquals(200, send("POST", "/chargers/CS-2/online").statusCode());
        time.runDue();
        assertEquals(BootStatus.ACCEPTED, fleet.charger("CS-2").bootStatus());

        assertEquals(200, send("POST", "/chargers/CS-2/offline?seconds=30").statusCode());
        assertEquals(200, send("POST", "/chargers/CS-2/reject-next-start").statusCode());
        assertEquals(200, send("POST", "/chargers/CS-2/ignore-next-start").statusCode());
        assertEquals(200, send("POST", "/chargers/CP-1/unplug?connector=1").statusCode());
        assertEquals(200, send("GET", "/chargers/CP-1").statusCode());
    }

    @Test
    void anUnknownChargerIs404WithoutEchoingTheRequest() throws Exception {
        HttpResponse<String> response = send("POST", "/chargers/%3Cscript%3E/fault?connector=1");
        assertEquals(404, response.statusCode());
        assertEquals("unknown charger", json.readTree(response.body()).get("error").asText());
        assertFalse(response.body().contains("script"));
        assertEquals(404, send("POST", "/chargers/CP-1/explode").statusCode());
    }

    @Test
    void badParametersAre400() throws Exception {
        assertEquals(400, send("POST", "/chargers/CP-1/fault").statusCode());
        assertEquals(400, send("POST", "/chargers/CP-1/fault?connector=abc").statusCode());
        assertEquals(400, send("POST", "/chargers/CP-1/fault?connector=9").statusCode());
        assertEquals(400, send("POST", "/chargers/CP-1/offline?seconds=0").statusCode());
        assertEquals(400, send("POST", "/chargers/CP-1/offline?seconds=1&seconds=2").statusCode());
        HttpResponse<String> response = send("POST", "/chargers/CP-1/unplug?connector=%0Aevil");
        assertEquals(400, response.statusCode());
        assertFalse(response.body().contains("evil"));
        assertEquals(405, send("GET", "/chargers/CP-1/fault?connector=1").statusCode());
        assertEquals(ConnectionState.CONNECTED, fleet.charger("CP-1").connectionState());
    }
}
