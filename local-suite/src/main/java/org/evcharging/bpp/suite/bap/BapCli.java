package org.evcharging.bpp.suite.bap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * {@code bap search|select|book|charge|cancel|track|rate|support|send ...}: the demo BAP from the command line. Sends
 * signed requests through the ingress, waits for each verified callback and prints it for a person. Each command is
 * a class of its own ({@link SearchCommand}, {@link BookCommand}, {@link ChargeCommand}, ...), reading
 * {@link CliOptions} and printing through the one {@link Printer}.
 */
public final class BapCli {

    private BapCli() {
    }

    public static String usage() {
        return """
                         --gps LAT,LON           where to search (default 12.9716,77.5946)
                         --radius KM             search radius in km (default 5)
                         --ingress URL           the BPP's ingress (default http://localhost:8080)
                         --work-dir DIR          the suite's work dir, for the demo BAP's keys (default <repo>/.suite)
                         --callback-port N       where on_search arrives (default 8090, the demo BAP's registered port)
                         --wait SECONDS          how long to wait for on_search (default 10)
                         --min-rating R          only providers rated R (1-5) or more; the RATING column shows them
                       java -jar local-suite/target/local-suite.jar bap select PROVIDER ITEM --kwh 4 (or --swaps N)
                         [--fulfillment CONNECTOR] [--slot 10:00-10:30 [--block]] [--addon ID ...]
                                                 asks for a quote and prints it as a bill (slot times are today's,
                                                 or tomorrow's once past, India time; --block blocks the charger)
                       java -jar local-suite/target/local-suite.jar bap book PROVIDER ITEM --kwh 4 --fulfillment CONNECTOR
                         --slot 10:00-10:30 --block [--vehicle 4W] [--name N --email E --phone P]
                                                 books and pays: select, init, pays on the payment link's page,
                                                 confirm; prints the order, the payment and how to start
                       java -jar local-suite/target/local-suite.jar bap charge PROVIDER ITEM --kwh 4 --fulfillment CONNECTOR
                         [--slot 10:00-10:30] [--stop-at-percent P] [--vehicle 4W] [--name N --email E --phone P]
                                                 books (as bap book, blocking the charger; the slot by default 30 min
                                                 from now), starts charging, shows the progress (status every 2 s and
                                                 the BPP's milestones), stops at P % or when the charger ends, and
                                                 prints the final bill and the refund
                       java -jar local-suite/target/local-suite.jar bap cancel ORDER --transaction-id ID [--reason 1-7]
                         [--reason-text TEXT]    cancels a booked order (reason default 7, Other) and prints the
                                                 refund and fee; ./bpp bap book prints the transaction id
                       java -jar local-suite/target/local-suite.jar bap track ORDER [--transaction-id ID]
                                                 tracks a confirmed order: prints on_track's status (active, or
                                                 inactive once it ended), the live page's address, and one line of
                                                 what the page shows (state, energy, cost so far)
                       java -jar local-suite/target/local-suite.jar bap rate ID --value 1-5 [--category charger]
                         [--transaction-id ID] [--comment TEXT]
                                                 rates an order's charger (or --category Order, Provider, Item,
                                                 Fulfillment: ID is then that), prints the feedback form's address and,
                                                 with --comment, fills it in as a browser would
                       java -jar local-suite/target/local-suite.jar bap support ORDER [--transaction-id ID]
                         [--phone P] [--email E]  asks for help with an order: prints whom to contact and the ticket
                       java -jar local-suite/target/local-suite.jar bap send ACTION --message JSON|--message-file FILE
                         [--transaction-id ID] [--ingress URL] [--work-dir DIR] [--callback-port N] [--wait SECONDS]
                                                 any action, printing the ACK and the on_ACTION callback as JSON
                """;
    }

    public static int run(String[] args) throws IOException {
        if (args.length == 0 || !("search".equals(args[0]) || ("send".equals(args[0]) || "cancel".equals(args[0])
                || "track".equals(args[0]) || "rate".equals(args[0]) || "support".equals(args[0])) && args.length > 1
                || ("select".equals(args[0]) || "book".equals(args[0]) || "charge".equals(args[0]))
                        && args.length > 2)) {
            System.err.println(
                    "usage: bap search|select PROVIDER ITEM|book PROVIDER ITEM|charge PROVIDER ITEM|cancel ORDER"
                            + "|track ORDER|rate ID|support ORDER|send ACTION [options]\n" + usage());
            return 2;
        }
        // read System.out now, not when the class loads: tests capture it around a run
        Printer printer = new Printer(System.out, System.err);
        BapCommand command = switch (args[0]) {
            case "select" -> new SelectCommand(args[1], args[2], CliOptions.parse(args, 2), printer);
            case "book" -> new BookCommand(args[1], args[2], CliOptions.parse(args, 2), printer);
            case "charge" -> new ChargeCommand(args[1], args[2], CliOptions.parse(args, 2), printer);
            case "cancel" -> new CancelCommand(args[1], CliOptions.parse(args, 1), printer);
            case "track" -> new TrackCommand(args[1], CliOptions.parse(args, 1), printer);
            case "rate" -> new RateCommand(args[1], CliOptions.parse(args, 1), printer);
            case "support" -> new SupportCommand(args[1], CliOptions.parse(args, 1), printer);
            case "send" -> new SendCommand(args[1], CliOptions.parse(args, 1), printer);
            default -> new SearchCommand(CliOptions.parse(args, 0), printer);
        };
        return command.run();
    }

    /** {@code intent.fulfillment.stops[0].location} with the point and a circle of {@code radiusKm} around it. */
    public static ObjectNode searchMessage(String gps, String radiusKm) {
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        ObjectNode location = message.putObject("intent").putObject("fulfillment").putArray("stops").addObject()
                .putObject("location");
        location.put("gps", gps);
        ObjectNode circle = location.putObject("circle");
        circle.put("gps", gps);
        circle.putObject("radius").put("type", "CONSTANT").put("value", radiusKm).put("unit", "km");
        return message;
    }

    // What the commands print and parse, under the names the tests, the ITs and the benchmarks use.

    public static String catalogTable(JsonNode catalog) {
        return CatalogTable.of(catalog);
    }

    public static String bill(JsonNode order) {
        return Printer.bill(order);
    }

    static String progressLine(SessionFlow.Progress p) {
        return Printer.progressLine(p);
    }

    static String finalBill(SessionFlow.Bill bill) {
        return Printer.finalBillText(bill);
    }

    static String cancellation(SessionFlow.Bill bill) {
        return Printer.cancellationText(bill);
    }

    static boolean addsUp(SessionFlow.Bill bill) {
        return BillCheck.addsUp(bill);
    }

    static OffsetDateTime[] slot(String text) {
        return CliOptions.slot(text);
    }

    static OffsetDateTime[] slotFromNow(Clock clock) {
        return CliOptions.slotFromNow(clock);
    }
}
