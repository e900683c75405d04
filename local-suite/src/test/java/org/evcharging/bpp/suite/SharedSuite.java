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
                    // the demo chargers report their meter over OCPP every second
                    .meterInterval(java.time.Duration.ofSeconds(1))
                    // a swap left in progress is completed by the platform; the swap tests end theirs within seconds
                    .swapCompleteAfter(java.time.Duration.ofSeconds(40))
                    // searches keep providers' offers long enough that a change not dropping them would show
                    .providerCache(java.time.Duration.ofMinutes(10))
                    // the retention sweep runs often enough for a test to see it
                    .retentionSweep(java.time.Duration.ofSeconds(5))
                    .services(Set.of("catalog", "quote", "order", "payment", "support-rating", "charger", "console")));
        }
        return suite;
    }
}
