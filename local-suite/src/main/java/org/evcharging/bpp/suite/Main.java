package org.evcharging.bpp.suite;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.concurrent.CountDownLatch;
import org.evcharging.bpp.suite.bap.BapCli;

/**
 * {@code java -jar local-suite.jar run|bap ...}: the developer's entry to the local suite (see {@code ./bpp}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        try {
            dispatch(command, args);
        } catch (IllegalArgumentException badUsage) {
            System.err.println(badUsage.getMessage());
            System.exit(2);
        }
    }

    private static void dispatch(String command, String[] args) throws Exception {
        switch (command) {
            case "run" -> {
                int rc = run(new Args(args, 1));
                if (rc != 0) {
                    System.exit(rc);
                }
            }
            case "bap" -> System.exit(BapCli.run(Arrays.copyOfRange(args, 1, args.length)));
            case "charger" -> System.exit(org.evcharging.bpp.suite.chargers.ChargerCli.run(
                    Arrays.copyOfRange(args, 1, args.length), SuiteOptions.defaults().resolvedWorkDir(), System.out,
                    System.err));
            case "fuzz" -> System.exit(org.evcharging.bpp.suite.fuzz.FuzzRun.main(
                    Arrays.copyOfRange(args, 1, args.length), System.out));
            default -> {
                System.out.println(usage());
                System.exit("help".equals(command) || "--help".equals(command) ? 0 : 2);
            }
        }
    }

    static String usage() {
        return """
                usage: java -jar local-suite/target/local-suite.jar run [options]
                         --work-dir DIR          suite state: data, keys, registry, logs (default <repo>/.suite; env BPP_WORK_DIR)
                         --port N                ingress and registry port (default 8080; env BPP_PORT)
                         --db-port N             embedded MariaDB port (default 3307), or the external one's (default 3306)
                         --db-host HOST          use this MariaDB instead of the embedded one (env BPP_DB_HOST)
                         --db-admin-user U       its admin user (env BPP_DB_ADMIN_USER, default root)
                         --db-admin-password P   its admin password (env BPP_DB_ADMIN_PASSWORD)
                         --services a,b          routes.yaml service keys to run (default: every built service)
                         --jvm-args "..."        the services' JVM options (env BPP_JVM_ARGS; default: a small heap, the client compiler)
                         --bpp-id ID             the BPP's subscriber id (default bpp.ev.localhost)
                       java -jar local-suite/target/local-suite.jar bap search --gps LAT,LON --radius KM [options]
                """
                + BapCli.usage() + org.evcharging.bpp.suite.chargers.ChargerCli.usage()
                + org.evcharging.bpp.suite.fuzz.FuzzRun.usage();
    }

    static int run(Args a) throws InterruptedException {
        SuiteOptions options = SuiteOptions.defaults()
                .ingressPort(a.getInt("port", "BPP_PORT", 8080))
                .bppSubscriberId(a.get("bpp-id", "BPP_SUBSCRIBER_ID", "bpp.ev.localhost"));
        String workDir = a.get("work-dir", "BPP_WORK_DIR", null);
        if (workDir != null) {
            options.workDir(Path.of(workDir));
        }
        String dbHost = a.get("db-host", "BPP_DB_HOST", null);
        if (dbHost != null) {
            options.externalDatabase(dbHost, a.getInt("db-port", "BPP_DB_PORT", 3306),
                    a.get("db-admin-user", "BPP_DB_ADMIN_USER", "root"),
                    a.get("db-admin-password", "BPP_DB_ADMIN_PASSWORD", ""));
        } else {
            options.dbPort(a.getInt("db-port", "BPP_DB_PORT", 3307));
        }
        String jvmArgs = a.get("jvm-args", "BPP_JVM_ARGS", null);
        if (jvmArgs != null) {
            options.jvmArgs(jvmArgs);
        }
        String services = a.get("services", null);
        if (services != null) {
            options.services(new LinkedHashSet<>(Arrays.asList(services.split(","))));
        }
        LocalSuite suite;
        try {
            suite = LocalSuite.start(options);
        } catch (RuntimeException e) {
            System.err.println("local suite did not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping the local suite (ingress, services, database)...");
            suite.close();
            System.out.println("local suite stopped.");
            stopped.countDown();
        }, "suite-shutdown"));
        System.out.println(suite.describe());
        System.out.println("  try:  ./bpp bap search --gps 12.9716,77.5946 --radius 5"
                + (suite.ingressUrl().endsWith(":8080") ? "" : " --ingress " + suite.ingressUrl()));
        System.out.println("  then: ./bpp bap select chargezone.in pe-charging-01 --kwh 4 --fulfillment cz-mg-1-ccs2"
                + " --slot 10:00-10:30 --block --addon pe-charging-01-addon-1"
                + (suite.ingressUrl().endsWith(":8080") ? "" : " --ingress " + suite.ingressUrl()));
        System.out.println("  book:  ./bpp bap book chargezone.in pe-charging-01 --kwh 4 --fulfillment cz-mg-1-ccs2"
                + " --slot 11:00-11:30 --block"
                + (suite.ingressUrl().endsWith(":8080") ? "" : " --ingress " + suite.ingressUrl()));
        System.out.println("  track: ./bpp bap track ORDER_ID   (the live page of a confirmed order)"
                + (suite.ingressUrl().endsWith(":8080") ? "" : " --ingress " + suite.ingressUrl()));
        System.out.println("  Ctrl-C stops everything.");
        stopped.await();
        return 0;
    }
}
