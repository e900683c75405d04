package org.evcharging.bpp.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.evcharging.bpp.suite.bap.BapClient;
import org.evcharging.bpp.suite.fuzz.BecknFuzzer;
import org.evcharging.bpp.suite.fuzz.FuzzReport;
import org.evcharging.bpp.suite.fuzz.FuzzRun;
import org.junit.jupiter.api.Test;

/**
 * The short form of the fuzz run (issue 21), on the shared suite: 150 mutated, correctly signed requests of each
 * Beckn action and 24 mutated CALLs of each OCPP action in 1.6J and 2.0.1, with a fixed seed. No answer may be a 5xx,
 * every answer is a Beckn ACK or NACK body (a CALLRESULT or CALLERROR with the CALL's id), no answer carries a stack
 * trace or a Java name, no callback has a bad signature, and every service is ready and was not restarted. The seeds
 * book nothing: select has no slot, every order-bound action names an order that does not exist, the OCPP charge
 * points are the fuzzer's own (see {@code fuzz/seeds/README.md}), so the other ITs' slots and chargers are untouched.
 */
class FuzzIT {

    private static final long SEED = 21;

    @Test
    void mutated_requests_of_every_action_get_a_beckn_answer_never_a_5xx_or_a_stack_trace() throws Exception {
        LocalSuite suite = SharedSuite.get();
        try (BapClient bap = BapClient.demo(suite, 0)) {
            FuzzRun.Options options = new FuzzRun.Options(SEED, 150, BecknFuzzer.ACTIONS, 8, 24, 1,
                    Path.of("target/fuzz-it").toAbsolutePath());
            FuzzReport report = FuzzRun.fuzz(FuzzRun.Target.of(suite, bap), options, System.out);
            String table = report.print();
            assertEquals(150L * BecknFuzzer.ACTIONS.size(), report.becknSent(), table);
            assertTrue(report.ackedTotal() > 0, "some mutations leave a valid request, and those are ACKed: " + table);
            assertTrue(report.ocppSent() > 0, table);
            assertEquals(List.of(), report.examples(), table);
            assertEquals(0, report.serverErrors(), table);
            assertEquals(0, report.nonBecknBodies(), table);
            assertEquals(0, report.stackTraces(), table);
            assertEquals(0, report.unanswered(), table);
            assertEquals(0, report.ocppFailures(), table);
            assertEquals(0, report.unverifiedCallbacks(), table);
            assertEquals(0, report.serviceProblems(), table);
            assertTrue(report.durationMillis() < 100_000, "the short form stays short: " + table);
        }
    }
}
