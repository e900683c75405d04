package org.evcharging.bpp.suite;

import java.nio.file.Path;
import java.util.Set;

/**
 * One running suite (embedded MariaDB, catalog, quote, order and payment services on Liberty, ingress, local
 * registry) for every IT class in the test JVM: Liberty starts once. The suite stops itself when the JVM exits.
 */
final class SharedSuite {

    private static LocalSuite suite;

    private SharedSuite() {
    }

    static synchronized LocalSuite get() {
        if (suite == null) {
            suite = LocalSuite.start(SuiteOptions.defaults()
                    .workDir(Path.of("target/it-suite"))
                    .wipeWorkDir(true)
                    .ingressPort(0)
                    .dbPort(0)
                    .freeServicePorts(true)
                    .chargingTimeScale(20)
                    // Five servers start at once on a 2-core CI machine: the client compiler only and a serial
                    // collector make start-up cheaper (peak speed does not matter to the tests), with room to spare.
                    .jvmArgs("-Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
                    .readyTimeout(java.time.Duration.ofSeconds(480))
                    .services(Set.of("catalog", "quote", "order", "payment", "support-rating")));
        }
        return suite;
    }
}
