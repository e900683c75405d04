package org.evcharging.bpp.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.evcharging.bpp.suite.bap.BapClient;
import org.evcharging.bpp.suite.faults.Invariants;
import org.evcharging.bpp.suite.faults.LogScan;
import org.evcharging.bpp.suite.faults.RequestLog;
import org.evcharging.bpp.suite.faults.Traffic;
import org.junit.jupiter.api.Test;

/**
 * The short form of the fault run (bench's {@code FaultRun}) for every build: catalog-service under a steady stream of
 * searches is killed (-9) in the middle of a burst and restarted, then MariaDB is killed and restarted. Afterwards
 * every ACKed search was answered exactly once, no request was refused once the service said it was ready again (a
 * pooled connection that died with the database must not be handed out), and the logs hold no secrets.
 */
class FaultIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void a_kill_of_the_service_and_of_the_database_under_load_loses_and_doubles_nothing() throws Exception {
        try (LocalSuite suite = LocalSuite.start(SuiteOptions.defaults()
                .workDir(Path.of("target/it-faults"))
                .wipeWorkDir(true)
                .ingressPort(0)
                .dbPort(0)
                .freeServicePorts(true)
                .demoChargers(false)
                .services(Set.of("catalog")))) {
            RequestLog log = new RequestLog();
            Invariants invariants = new Invariants(suite);
            try (Traffic traffic = new Traffic(suite, log, 3)) {
                BapClient bap = traffic.demoBap();
                BapClient burst = traffic.demoBap();
                traffic.searches("steady", bap, 8, Duration.ofMinutes(2));
                Thread.sleep(15_000);

                // kill -9 while a burst of 40 searches is on its way, then restart
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<BapClient.Sent>> sent = new java.util.ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    sent.add(pool.submit(() -> traffic.search(burst, Duration.ofMinutes(2))));
                }
                Thread.sleep(200);
                log.killed("catalog");
                suite.control().crash("catalog");
                for (Future<BapClient.Sent> f : sent) {
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException refusedConnection) {
                        // the ingress answered for the dead service, or the connection broke: not ACKed, not logged
                    }
                }
                pool.shutdown();
                suite.control().restart("catalog");
                assertTrue(traffic.search(burst, Duration.ofMinutes(2)).acked(), "a search right after the restart");

                // kill -9 of MariaDB; the service reconnects by itself
                suite.control().crashDatabase();
                Thread.sleep(3000);
                suite.control().restartDatabase();
                long deadline = System.currentTimeMillis() + 60_000;
                while (!ready(suite) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(250);
                }
                assertTrue(ready(suite), "catalog-service ready again within 60 s of MariaDB's restart");
                for (int i = 0; i < 5; i++) {
                    BapClient.Sent s = traffic.search(burst, Duration.ofMinutes(2));
                    assertEquals(200, s.status(), "once ready, a search is ACKed, not refused: " + s.body());
                }
                Thread.sleep(5000);
                traffic.stop();

                // every ACKed search answered once (the ttl of 2 min covers the outage)
                long until = System.currentTimeMillis() + 90_000;
                List<Invariants.Check> checks = invariants.answeredOnce(log);
                while (!checks.get(0).examined().contains(" 0 still in their ttl")
                        && System.currentTimeMillis() < until) {
                    Thread.sleep(2000);
                    checks = invariants.answeredOnce(log);
                }
                checks.forEach(c -> System.out.println(c.line()));
                assertTrue(log.acked() > 100,
                        "the load ran: " + traffic.summary() + ", door answers " + log.statuses());
                for (Invariants.Check c : checks) {
                    assertTrue(c.holds(), c.line());
                }
                assertTrue(checks.get(0).examined().contains(" 0 still in their ttl"), checks.get(0).line());
            }
            // a token refused for its audience here is good at another service: it must not reach the log
            String elsewhere = suite.tokens().service("order", "payment", List.of("service"), Duration.ofMinutes(5));
            int refused = HTTP.send(HttpRequest.newBuilder(URI.create(suite.serviceUrl("catalog")
                    + "/catalog/v1/network/subscriptions")).header("Authorization", "Bearer " + elsewhere).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            assertTrue(refused == 401 || refused == 403,
                    "a token for payment-service is refused by catalog: " + refused);
            LogScan scan = LogScan.of(suite, List.of());
            scan.lines().forEach(System.out::println);
            assertEquals(0, scan.violations(), String.join("\n", scan.lines()));

            // the restart on an existing schema left its keys alone: made once (DeclaredForeignKeys), not again
            String catalogLog = java.nio.file.Files.readString(suite.workDir().resolve("logs/catalog-service.log"));
            assertFalse(catalogLog.contains("errno: 121") || catalogLog.contains("Duplicate key"),
                    "no key added again at the restart");
            try (java.sql.Connection c = suite.openDb("catalog");
                    java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT TABLE_NAME, COLUMN_NAME,"
                            + " REFERENCED_TABLE_NAME, CONSTRAINT_NAME FROM information_schema.KEY_COLUMN_USAGE"
                            + " WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL"
                            + " ORDER BY TABLE_NAME")) {
                List<String> keys = new java.util.ArrayList<>();
                while (rs.next()) {
                    keys.add(rs.getString(1) + "." + rs.getString(2) + ">" + rs.getString(3) + " " + rs.getString(4));
                }
                assertEquals(List.of("add_on.item_id>item fk_add_on_item", "connector.evse_id>evse fk_connector_evse",
                        "evse.location_id>location fk_evse_location"), keys);
            }
        }
    }

    private static boolean ready(LocalSuite suite) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(suite.serviceUrl("catalog") + "/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
