package org.evcharging.bpp.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import org.evcharging.bpp.ocpp.OcppVersion;
import org.evcharging.bpp.simulator.ChargerFleet;
import org.evcharging.bpp.simulator.ChargerSpec;
import org.evcharging.bpp.simulator.ConnectionState;
import org.evcharging.bpp.simulator.ConnectorSpec;
import org.evcharging.bpp.simulator.FleetAdmin;
import org.evcharging.bpp.simulator.FleetOptions;

/**
 * The demo network's chargers as OCPP charge points: each charging EVSE of Chargezone's network (one charge point, its
 * id the EVSE's, one connector per catalog connector) is registered with charger-service through its onboarding API as
 * the operator would, with a fresh password, then a simulated charger of that identity connects to the central system
 * over a real WebSocket: 1.6J, and 2.0.1 for every third EVSE. The simulator's admin API (fault, unplug, offline,
 * reject a start) is on {@link #adminUrl()}.
 */
public final class DemoChargers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DemoChargers.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChargerFleet fleet;
    private final FleetAdmin admin;
    private final List<ChargerSpec> specs;
    private java.nio.file.Path urlFile;

    private DemoChargers(ChargerFleet fleet, FleetAdmin admin, List<ChargerSpec> specs) {
        this.fleet = fleet;
        this.admin = admin;
        this.specs = specs;
    }

    /** Registers the demo chargers and connects their simulators; waits (30 s at most) until all are connected. */
    public static DemoChargers start(LocalSuite suite, double timeScale, Duration meterInterval, int adminPort) {
        List<ChargerSpec> specs = new ArrayList<>();
        try (InputStream in = DemoChargers.class.getResourceAsStream("/demo/chargezone.in.json")) {
            JsonNode network = JSON.readTree(in);
            String provider = network.path("provider").path("id").asText("chargezone.in");
            int n = 0;
            for (JsonNode location : network.path("locations")) {
                for (JsonNode evse : location.path("evses")) {
                    if (evse.path("connectors").isEmpty()) {
                        continue; // a swap station: no OCPP
                    }
                    OcppVersion version = ++n % 3 == 0 ? OcppVersion.OCPP_2_0_1 : OcppVersion.OCPP_1_6;
                    String id = evse.path("id").asText();
                    String password = password();
                    ObjectNode spec = JSON.createObjectNode().put("id", id).put("providerId", provider)
                            .put("protocol", version == OcppVersion.OCPP_1_6 ? "1.6J" : "2.0.1")
                            .put("password", password).put("enabled", true);
                    ArrayNode connectors = spec.putArray("connectors");
                    List<ConnectorSpec> simulated = new ArrayList<>();
                    int c = 0;
                    for (JsonNode connector : evse.path("connectors")) {
                        c++;
                        // 1.6 numbers connectors; 2.0.1 numbers them within the charger's one EVSE
                        int evseId = version == OcppVersion.OCPP_1_6 ? c : 1;
                        connectors.addObject().put("evseId", evseId).put("connectorId", c).put("catalogConnector",
                                connector.path("id").asText());
                        // a DC charger learns the EV's state of charge and reports it; an AC one cannot
                        simulated.add(new ConnectorSpec(evseId, c, evse.path("powerKw").asDouble(7.4),
                                "DC".equals(evse.path("chargerType").asText())));
                    }
                    register(suite, id, spec);
                    specs.add(new ChargerSpec(id, password, version, simulated));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the demo network", e);
        }
        URI centralSystem = URI.create(suite.serviceUrl("charger").replaceFirst("^http", "ws") + "/ocpp");
        FleetOptions options = FleetOptions.defaults().withTimeScale(timeScale).withMeterInterval(meterInterval)
                .withReconnect(Duration.ofMillis(500), Duration.ofSeconds(10));
        ChargerFleet fleet = ChargerFleet.start(centralSystem, specs, options);
        FleetAdmin admin;
        try {
            admin = FleetAdmin.start(fleet, adminPort);
        } catch (IOException e) {
            fleet.close();
            throw new IllegalStateException("cannot start the charger simulator's admin API", e);
        }
        DemoChargers chargers = new DemoChargers(fleet, admin, specs);
        try {
            chargers.urlFile = suite.workDir().resolve(org.evcharging.bpp.suite.chargers.ChargerCli.URL_FILE);
            java.nio.file.Files.writeString(chargers.urlFile, chargers.adminUrl() + "\n");
        } catch (IOException e) {
            LOG.warning(() -> "cannot write the simulator's admin URL for ./bpp charger: " + e);
        }
        chargers.awaitConnected(Duration.ofSeconds(30));
        return chargers;
    }

    private static void register(LocalSuite suite, String id, ObjectNode spec) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(suite.serviceUrl("charger") + "/chargers/v1/charge-points/" + id))
                            .header("Authorization", "Bearer " + suite.tokens().operator())
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(spec.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("registering charge point " + id + " failed: HTTP " + r.statusCode()
                        + " " + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot register charge point " + id, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void awaitConnected(Duration within) {
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until) {
            if (fleet.chargers().stream().allMatch(c -> c.connectionState() == ConnectionState.CONNECTED)) {
                LOG.info(() -> specs.size() + " simulated OCPP chargers connected");
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.warning("not every simulated charger connected within " + within.toSeconds() + " s");
    }

    private static String password() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    public ChargerFleet fleet() {
        return fleet;
    }

    public List<ChargerSpec> specs() {
        return specs;
    }

    /** The simulator's control API (loopback). */
    public String adminUrl() {
        return "http://127.0.0.1:" + admin.port();
    }

    @Override
    public void close() {
        if (urlFile != null) {
            try {
                java.nio.file.Files.deleteIfExists(urlFile);
            } catch (IOException e) {
                LOG.fine(() -> "cannot remove " + urlFile + ": " + e);
            }
        }
        admin.close();
        fleet.close();
    }
}
