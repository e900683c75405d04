package org.evcharging.bpp.suite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.evcharging.bpp.ocpp.OcppVersion;
import org.evcharging.bpp.simulator.ChargerFleet;
import org.evcharging.bpp.simulator.ChargerSpec;
import org.evcharging.bpp.simulator.ConnectionState;
import org.evcharging.bpp.simulator.ConnectorSpec;
import org.evcharging.bpp.simulator.FleetOptions;
import org.evcharging.bpp.simulator.SimulatedCharger;
import org.evcharging.bpp.suite.liberty.LibertyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the central system on one database, chargers spread over them as a load balancer without affinity
 * would: a remote start sent to the replica that does not hold the charger's socket reaches it (the routing table and
 * replica-to-replica forwarding), and when the replica holding it crashes, the charger reconnects to the other and its
 * transaction goes on: its meter values keep counting and a stop through either replica ends it on the charger's meter.
 */
class ChargerReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalSuite suite;
    private static LibertyServer second;
    private static ChargerFleet fleet;

    @BeforeAll
    static void start() throws Exception {
        suite = LocalSuite.start(SuiteOptions.defaults()
                .workDir(Path.of("target/it-replicas"))
                .wipeWorkDir(true)
                .ingressPort(0)
                .dbPort(0)
                .freeServicePorts(true)
                .demoChargers(false)
                .services(Set.of("catalog", "charger")));
        second = suite.startReplica("charger");
        register("rep-16", "1.6J", "cz-mg-1-ccs2");
        register("rep-201", "2.0.1", "cz-mg-3-type2");
        fleet = ChargerFleet.start(
                List.of(ws(suite.serviceUrl("charger")), ws(second.url())),
                List.of(new ChargerSpec("rep-16", PASSWORD, OcppVersion.OCPP_1_6, List.of(ConnectorSpec.of(1, 60))),
                        new ChargerSpec("rep-201", PASSWORD, OcppVersion.OCPP_2_0_1,
                                List.of(new ConnectorSpec(1, 1, 22)))),
                FleetOptions.defaults().withTimeScale(20).withMeterInterval(Duration.ofSeconds(1))
                        .withReconnect(Duration.ofMillis(300), Duration.ofSeconds(2)));
        await("both chargers connected").atMost(Duration.ofSeconds(30))
                .until(() -> fleet.chargers().stream().allMatch(c -> c.connectionState() == ConnectionState.CONNECTED));
    }

    private static final String PASSWORD = "replica-test-password-1";

    @AfterAll
    static void stop() {
        if (fleet != null) {
            fleet.close();
        }
        if (suite != null) {
            suite.close();
        }
    }

    private static URI ws(String http) {
        return URI.create(http.replaceFirst("^http", "ws") + "/ocpp");
    }

    private static void register(String id, String protocol, String catalogConnector) throws Exception {
        String body = JSON.createObjectNode().put("id", id).put("providerId", "chargezone.in").put("protocol", protocol)
                .put("password", PASSWORD).put("enabled", true).set("connectors", JSON.createArrayNode()
                        .add(JSON.createObjectNode().put("evseId", 1).put("connectorId", 1)
                                .put("catalogConnector", catalogConnector)))
                .toString();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(suite.serviceUrl("charger")
                + "/chargers/v1/charge-points/" + id)).header("Authorization", "Bearer " + suite.tokens().operator())
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    /** order-service's call to a replica's internal session API, with its service token. */
    private static JsonNode session(String replicaUrl, String method, String path, String body) throws Exception {
        String token = suite.tokens().service("order-service", "charger", List.of("service"), Duration.ofMinutes(10));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(replicaUrl
                + "/internal/chargers/v1/sessions" + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void a_start_through_the_other_replica_reaches_the_charger_and_a_crash_does_not_end_its_transaction()
            throws Exception {
        String first = suite.serviceUrl("charger");
        List<String> ids = List.of("rep-16", "rep-201");
        java.util.Map<String, String> orders = new java.util.HashMap<>();
        java.util.Map<String, BigDecimal> before = new java.util.HashMap<>();
        for (String id : ids) {
            String holder = holder(id);
            assertTrue(holder.equals(first) || holder.equals(second.url()), "a replica holds " + id + ": " + holder);
            String other = holder.equals(first) ? second.url() : first;
            String order = UUID.randomUUID().toString();
            orders.put(id, order);
            JsonNode started = session(other, "POST", "", JSON.createObjectNode().put("orderId", order)
                    .put("connector", id.equals("rep-16") ? "cz-mg-1-ccs2" : "cz-mg-3-type2").put("targetKwh", 50)
                    .toString());
            assertEquals("CHARGING", started.path("state").asText(), started.toString());
            assertTrue(fleet.charger(id).connectors().get(0).charging(), id + " started, forwarded to " + holder);
            before.put(id, await(id + " meters energy").atMost(Duration.ofSeconds(20))
                    .until(() -> delivered(other, order), kwh -> kwh.signum() > 0));
        }

        suite.control().crash("charger"); // the first replica dies; its chargers reconnect to the second
        String survivor = second.url();
        for (String id : ids) {
            SimulatedCharger charger = fleet.charger(id);
            await(id + " on the surviving replica").atMost(Duration.ofSeconds(30))
                    .until(() -> charger.connectionState() == ConnectionState.CONNECTED && survivor.equals(holder(id)));
            assertTrue(charger.connectors().get(0).charging(), id + "'s transaction went on through the crash");
            String order = orders.get(id);
            BigDecimal counted = await(id + "'s meter keeps counting").atMost(Duration.ofSeconds(20))
                    .until(() -> delivered(survivor, order), kwh -> kwh.compareTo(before.get(id)) > 0);
            JsonNode stopped = session(survivor, "POST", "/" + order + "/stop", null);
            assertEquals("STOPPED", stopped.path("state").asText(), stopped.toString());
            assertTrue(new BigDecimal(stopped.path("deliveredKwh").asText()).compareTo(counted) >= 0,
                    stopped.toString());
            assertTrue(!charger.connectors().get(0).charging(), id + " stopped on the charger");
        }
    }

    private static BigDecimal delivered(String replica, String order) throws Exception {
        return new BigDecimal(session(replica, "GET", "/" + order, null).path("deliveredKwh").asText());
    }

    /** The replica whose URL the routing table names for the charger, as any replica reads it. */
    private static String holder(String chargePointId) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(second.url()
                + "/chargers/v1/charge-points/" + chargePointId))
                .header("Authorization", "Bearer " + suite.tokens().operator()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("replica").asText();
    }
}
