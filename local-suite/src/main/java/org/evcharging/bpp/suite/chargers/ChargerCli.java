package org.evcharging.bpp.suite.chargers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ./bpp charger ...}: the running suite's simulated OCPP chargers, as a charge-point operator's field engineer
 * would meet them: list them with their connection, status, transaction and meter, and make one fault, unplug, go
 * offline, come back, or refuse (or ignore) the next remote start. Talks to the simulator's admin API, whose address the
 * suite writes to {@code <work dir>/charger-simulator.url}.
 */
public final class ChargerCli {

    /** The file, in the suite's work dir, that holds the simulator admin API's URL while the suite runs. */
    public static final String URL_FILE = "charger-simulator.url";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ACTIONS = Set.of("fault", "clear-fault", "unplug", "offline", "online",
            "reject-next-start", "ignore-next-start");

    private ChargerCli() {
    }

    public static String usage() {
        return """
                       java -jar local-suite/target/local-suite.jar charger list | <command> CHARGE_POINT [--connector N]
                         list                    every simulated charger: connection, boot, each connector's status, transaction, meter
                         fault | clear-fault     the connector reports Faulted (a running session ends: the BPP cancels and refunds) / Available
                         unplug                  the EV leaves: the session ends as the charger's own stop
                         offline [--seconds N]   the charger's socket closes (until online, or for N s); it queues what it would send
                         online                  it reconnects, boots, and sends what it queued
                         reject-next-start       the next remote start is answered Rejected
                         ignore-next-start       the next remote start is Accepted but no transaction begins
                         --work-dir DIR          the suite's work dir (default <repo>/.suite)
                """;
    }

    public static int run(String[] args, Path defaultWorkDir, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(usage());
            return 2;
        }
        String command = args[0];
        Path workDir = defaultWorkDir;
        String chargePoint = null;
        String connector = "1";
        String seconds = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--work-dir" -> workDir = Path.of(value(args, ++i, "--work-dir"));
                case "--connector" -> connector = number(value(args, ++i, "--connector"), "--connector");
                case "--seconds" -> seconds = number(value(args, ++i, "--seconds"), "--seconds");
                default -> {
                    if (chargePoint != null || args[i].startsWith("--")) {
                        err.println("not understood: " + printable(args[i]));
                        return 2;
                    }
                    chargePoint = args[i];
                }
            }
        }
        String base;
        try {
            base = Files.readString(workDir.resolve(URL_FILE)).trim();
        } catch (IOException e) {
            err.println("no simulated chargers are running (no " + workDir.resolve(URL_FILE)
                    + "): start the suite with ./bpp up");
            return 1;
        }
        try {
            if ("list".equals(command)) {
                JsonNode list = JSON.readTree(call(base + "/chargers", "GET", err));
                print(list, out);
                return 0;
            }
            if (!ACTIONS.contains(command) || chargePoint == null) {
                err.print(usage());
                return 2;
            }
            String query = switch (command) {
                case "fault", "clear-fault", "unplug" -> "?connector=" + connector;
                case "offline" -> seconds == null ? "" : "?seconds=" + seconds;
                default -> "";
            };
            JsonNode charger = JSON.readTree(call(base + "/chargers/"
                    + URLEncoder.encode(chargePoint, StandardCharsets.UTF_8) + "/" + command + query, "POST", err));
            out.println(command + ": done");
            print(JSON.createArrayNode().add(charger), out);
            return 0;
        } catch (CliFailure e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("the simulator's admin API at " + base + " did not answer (" + e.getMessage()
                    + "): is the suite running?");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** One line per charger, then one per connector: what an operator's screen would show. */
    static void print(JsonNode chargers, PrintStream out) {
        out.printf("%-12s %-6s %-13s %-9s %-4s %-12s %-12s %10s %5s%n", "CHARGER", "OCPP", "CONNECTION", "BOOT",
                "CONN", "STATUS", "TRANSACTION", "METER kWh", "SoC");
        for (JsonNode c : chargers) {
            if (c.isMissingNode() || c.isNull()) {
                continue;
            }
            boolean first = true;
            for (JsonNode k : c.path("connectors")) {
                out.printf(Locale.ROOT, "%-12s %-6s %-13s %-9s %-4s %-12s %-12s %10.3f %5s%n",
                        first ? printable(c.path("id").asText()) : "",
                        first ? c.path("version").asText().replace("ocpp", "") : "",
                        first ? c.path("connection").asText() : "", first ? c.path("bootStatus").asText() : "",
                        k.path("number").asText(k.path("evseId").asText()), k.path("status").asText(),
                        k.path("transactionId").isNull() || k.path("transactionId").isMissingNode() ? "-"
                                : printable(shorten(k.path("transactionId").asText())),
                        k.path("meterWh").asLong() / 1000.0,
                        k.path("socPercent").asInt(-1) < 0 ? "-" : k.path("socPercent").asInt() + "%");
                first = false;
            }
            if (c.path("queuedMessages").asInt() > 0) {
                // the simulator sends one CALL at a time: a connected charger's queue is what waits its turn
                out.printf("%-12s %d messages queued%s%n", "", c.path("queuedMessages").asInt(),
                        "CONNECTED".equals(c.path("connection").asText()) ? ", being sent" : " while offline");
            }
        }
    }

    private static String call(String url, String method, PrintStream err) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                        .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            String why = JSON.readTree(r.body()).path("error").asText("HTTP " + r.statusCode());
            throw new CliFailure(why);
        }
        return r.body();
    }

    private static String shorten(String id) {
        return id.length() > 12 ? id.substring(0, 11) + "…" : id;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String number(String v, String option) {
        if (!v.matches("[0-9]{1,7}")) {
            throw new IllegalArgumentException(option + " takes a whole number");
        }
        return v;
    }

    /** What a person typed, fit to print: control characters replaced. */
    private static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    private static final class CliFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        CliFailure(String message) {
            super(message);
        }
    }
}
