package org.evcharging.bpp.suite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.evcharging.bpp.suite.chargers.ChargerCli;
import org.junit.jupiter.api.Test;

/**
 * {@code ./bpp charger} on the running suite, judged by what it prints: the list of simulated chargers, a charger taken
 * offline and brought back, and the words for a charger that does not exist.
 */
class ChargerCliIT {

    private record Run(int exit, String out, String err) {
    }

    private static Run charger(String... args) {
        LocalSuite suite = SharedSuite.get();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ChargerCli.run(args, suite.workDir(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The list's row of a charger (its first connector's line). */
    private static String row(Run list, String chargePoint) {
        return list.out().lines().filter(l -> l.startsWith(chargePoint + " ")).findFirst().orElse("");
    }

    @Test
    void list_shows_every_demo_charger_connected_with_its_protocol_and_connector_status() {
        Run list = charger("list");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().startsWith("CHARGER"), list.out());
        for (String id : new String[] {"cz-mg-1", "cz-mg-2", "cz-in-1", "cz-in-2"}) {
            assertTrue(row(list, id).matches(id + " +1\\.6 +CONNECTED +ACCEPTED +1 +\\S+.*"), list.out());
        }
        for (String id : new String[] {"cz-mg-3", "cz-wf-1"}) {
            assertTrue(row(list, id).matches(id + " +2\\.0\\.1 +CONNECTED +ACCEPTED +1 +\\S+.*"), list.out());
        }
    }

    @Test
    void offline_closes_the_chargers_socket_and_online_brings_it_back() {
        try {
            Run offline = charger("offline", "cz-wf-1");
            assertEquals(0, offline.exit(), offline.err());
            assertTrue(offline.out().startsWith("offline: done"), offline.out());
            assertTrue(row(offline, "cz-wf-1").contains(" OFFLINE "), offline.out());
        } finally {
            Run online = charger("online", "cz-wf-1");
            assertEquals(0, online.exit(), online.err());
        }
        await("cz-wf-1 connected again").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> row(charger("list"), "cz-wf-1").contains(" CONNECTED "));
    }

    @Test
    void an_unknown_charger_or_command_is_said_plainly() {
        Run unknown = charger("fault", "no-such-charger");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.err().contains("unknown charger"), unknown.err());
        Run bad = charger("explode", "cz-mg-1");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("list"), "the usage: " + bad.err());
    }
}
