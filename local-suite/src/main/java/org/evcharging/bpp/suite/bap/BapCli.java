package org.evcharging.bpp.suite.bap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.evcharging.bpp.suite.DemoNetwork;

/**
 * {@code bap search|select|book|charge|cancel|send ...}: the demo BAP from the command line. Sends signed requests
 * through the ingress, waits for each verified callback and prints it for a person: the catalog as a table, a quote
 * as a bill, a booking step by step, a charging session as a live progress line, a final bill or a refund.
 */
public final class BapCli {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The demo providers' zone: slots are written in it, as on_search shows opening hours. */
    private static final java.time.ZoneOffset IST = java.time.ZoneOffset.ofHoursMinutes(5, 30);

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
                || "rate".equals(args[0]) || "support".equals(args[0])) && args.length > 1
                || ("select".equals(args[0]) || "book".equals(args[0]) || "charge".equals(args[0])) && args.length > 2)) {
            System.err.println("usage: bap search|select PROVIDER ITEM|book PROVIDER ITEM|charge PROVIDER ITEM|cancel ORDER"
                    + "|rate ID|support ORDER|send ACTION [options]\n" + usage());
            return 2;
        }
        if ("book".equals(args[0])) {
            return book(args[1], args[2], Options.parse(java.util.Arrays.copyOfRange(args, 2, args.length)));
        }
        if ("charge".equals(args[0])) {
            return charge(args[1], args[2], Options.parse(java.util.Arrays.copyOfRange(args, 2, args.length)));
        }
        if ("cancel".equals(args[0])) {
            return cancel(args[1], Options.parse(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if ("rate".equals(args[0])) {
            return rate(args[1], Options.parse(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if ("support".equals(args[0])) {
            return support(args[1], Options.parse(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if ("select".equals(args[0])) {
            return select(args[1], args[2], Options.parse(java.util.Arrays.copyOfRange(args, 2, args.length)));
        }
        if ("send".equals(args[0])) {
            return send(args[1], Options.parse(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        Options o = Options.parse(args);
        DemoNetwork.Party bap = demoBap(o);
        if (bap == null) {
            return 1;
        }
        try (BapClient client = startClient(o)) {
            ObjectNode search = searchMessage(o.gps, o.radiusKm);
            if (o.minRating != null) {
                ((ObjectNode) search.path("intent")).putObject("provider").put("rating", o.minRating);
            }
            BapClient.Sent sent = client.send("search", search);
            if (!sent.acked()) {
                System.out.printf("search %s -> %s%n", sent.messageId(), sent.refusal());
                return 1;
            }
            System.out.printf("search %s -> HTTP %d %s%n", sent.messageId(), sent.status(), sent.body());
            BapClient.Callback cb;
            try {
                cb = client.awaitCallback(sent.messageId(), "on_search", Duration.ofSeconds(o.waitSeconds));
            } catch (AssertionError e) {
                System.err.println(e.getMessage());
                return 1;
            }
            System.out.println("on_search received; signature " + (cb.verified()
                    ? "verified (signed by " + cb.signer() + ")" : "NOT verified: " + cb.verificationError()));
            JsonNode error = cb.body().path("error");
            if (!error.isMissingNode() && !error.isNull()) {
                System.out.println("error: " + error);
            }
            System.out.print(catalogTable(cb.body().path("message").path("catalog")));
            return cb.verified() ? 0 : 1;
        }
    }

    /** {@code bap rate ID}: one rating, the feedback form it links to, and the comment filled in there. */
    private static int rate(String id, Options o) throws IOException {
        if (o.value == null) {
            System.err.println("bap rate needs --value 1-5");
            return 2;
        }
        DemoNetwork.Party bap = demoBap(o);
        if (bap == null) {
            return 1;
        }
        try (BapClient client = startClient(o)) {
            FeedbackFlow flow = new FeedbackFlow(client, Duration.ofSeconds(o.waitSeconds));
            String txn = o.transactionId != null ? o.transactionId : java.util.UUID.randomUUID().toString();
            BookingFlow.Step step = flow.rate(txn, new FeedbackFlow.Rating(id, o.category, o.value));
            if (!report(step)) {
                return 1;
            }
            String url = FeedbackFlow.formUrl(step.callback().body());
            System.out.println("rated " + o.category + " " + id + ": " + o.value + "/5; feedback form: " + (url == null ? "none" : url));
            if (o.comment != null && url != null) {
                FeedbackFlow.Form form = flow.comment(url, o.comment);
                boolean saved = form.saved();
                System.out.println("feedback form: page HTTP " + form.pageStatus() + "; after Send it says \"" + form.heading()
                        + "\" (HTTP " + form.submitStatus() + ")" + (saved ? ": your comment was saved" : ": the comment was NOT saved"));
                return saved ? 0 : 1;
            }
            return 0;
        }
    }

    /** {@code bap support ORDER}: whom to contact for an order, and the ticket opened for it. */
    private static int support(String orderId, Options o) throws IOException {
        DemoNetwork.Party bap = demoBap(o);
        if (bap == null) {
            return 1;
        }
        try (BapClient client = startClient(o)) {
            FeedbackFlow flow = new FeedbackFlow(client, Duration.ofSeconds(o.waitSeconds));
            String txn = o.transactionId != null ? o.transactionId : java.util.UUID.randomUUID().toString();
            BookingFlow.Step step = flow.support(txn, orderId, o.phone, o.email);
            if (!report(step)) {
                return 1;
            }
            JsonNode support = step.callback().body().at("/message/support");
            System.out.println("support for order " + orderId + ":");
            support.fields().forEachRemaining(f -> {
                if (!"order_id".equals(f.getKey())) {
                    System.out.printf("  %-14s %s%n", f.getKey(), f.getValue().isValueNode() ? f.getValue().asText() : f.getValue());
                }
            });
            return 0;
        }
    }

    /** The demo BAP's keys from the suite's work dir, or null (with a hint) when the suite never ran there. */
    private static DemoNetwork.Party demoBap(Options o) throws IOException {
        Path keysFile = DemoNetwork.keysFile(o.workDir);
        if (!Files.isRegularFile(keysFile)) {
            System.err.println("no demo BAP keys at " + keysFile + ": start the suite first (./bpp up)");
            return null;
        }
        return DemoNetwork.readKeys(keysFile).demoBap();
    }

    /** {@code bap send ACTION}: any action with a message from the command line or a file. */
    private static int send(String action, Options o) throws IOException {
        if (o.message == null) {
            System.err.println("bap send " + action + " needs --message JSON or --message-file FILE");
            return 2;
        }
        JsonNode message = JSON.readTree(o.message);
        if (message == null || !message.isObject()) {
            System.err.println("the message must be a JSON object");
            return 2;
        }
        DemoNetwork.Party bap = demoBap(o);
        if (bap == null) {
            return 1;
        }
        try (BapClient client = startClient(o)) {
            BapClient.Sent sent = o.transactionId == null ? client.send(action, (ObjectNode) message)
                    : client.send(action, o.transactionId, (ObjectNode) message);
            System.out.printf("%s %s (transaction %s) -> HTTP %d %s%n", action, sent.messageId(), sent.transactionId(),
                    sent.status(), sent.body());
            if (!sent.acked()) {
                System.out.println(sent.refusal());
                return 1;
            }
            BapClient.Callback cb;
            try {
                cb = client.awaitCallback(sent.messageId(), "on_" + action, Duration.ofSeconds(o.waitSeconds));
            } catch (AssertionError e) {
                System.err.println(e.getMessage());
                return 1;
            }
            System.out.println("on_" + action + " received; signature " + (cb.verified()
                    ? "verified (signed by " + cb.signer() + ")" : "NOT verified: " + cb.verificationError()));
            System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(cb.body()));
            return cb.verified() ? 0 : 1;
        }
    }

    /** {@code bap select}: a quote for ITEM of PROVIDER, printed as a bill. */
    private static int select(String provider, String item, Options o) throws IOException {
        DemoNetwork.Party bap = demoBap(o);
        if (bap == null) {
            return 1;
        }
        ObjectNode message = BookingFlow.selectMessage(choice(provider, item, o));
        try (BapClient client = startClient(o)) {
            BapClient.Sent sent = client.send("select", message);
            if (!sent.acked()) {
                System.out.printf("select %s -> %s%n", sent.messageId(), sent.refusal());
                return 1;
            }
            System.out.printf("select %s -> HTTP %d %s%n", sent.messageId(), sent.status(), sent.body());
            BapClient.Callback cb;
            try {
                cb = client.awaitCallback(sent.messageId(), "on_select", Duration.ofSeconds(o.waitSeconds));
            } catch (AssertionError e) {
                System.err.println(e.getMessage());
                return 1;
            }
            System.out.println("on_select received; signature " + (cb.verified()
                    ? "verified (signed by " + cb.signer() + ")" : "NOT verified: " + cb.verificationError()));
            JsonNode error = cb.body().path("error");
            if (!error.isMissingNode() && !error.isNull()) {
                System.out.println("error " + error.path("code").asText() + " at " + error.path("paths").asText() + ": "
                        + error.path("message").asText());
                return 1;
            }
            System.out.print(bill(cb.body().at("/message/order")));
            return cb.verified() ? 0 : 1;
        }
    }

    private static BookingFlow.Choice choice(String provider, String item, Options o) {
        java.time.OffsetDateTime[] slot = o.slot == null ? null : slot(o.slot);
        return new BookingFlow.Choice(provider, item, o.swaps == null ? o.kwh : null,
                o.swaps == null ? null : Integer.parseInt(o.swaps), o.fulfillment, slot == null ? null : slot[0],
                slot == null ? null : slot[1], o.block, o.addOns, o.vehicle);
    }

    /**
     * {@code bap book}: select, init with billing, pay on the payment link's page (as a browser would), confirm;
     * prints each step, the order, what was paid and the instructions to start.
     */
    private static int book(String provider, String item, Options o) throws IOException {
        DemoNetwork.Party bap = demoBap(o);
        if (bap == null) {
            return 1;
        }
        BookingFlow.Choice choice = choice(provider, item, o);
        BookingFlow.Billing billing = new BookingFlow.Billing(o.name, o.email, o.phone);
        try (BapClient client = startClient(o)) {
            BookingFlow flow = new BookingFlow(client, Duration.ofSeconds(o.waitSeconds));
            return booked(flow, java.util.UUID.randomUUID().toString(), choice, billing) == null ? 1 : 0;
        }
    }

    /** Books step by step as {@code bap book} prints it: the confirmed order, or null once a step failed. */
    private static JsonNode booked(BookingFlow flow, String txn, BookingFlow.Choice choice, BookingFlow.Billing billing)
            throws IOException {
        BookingFlow.Step select = flow.select(txn, choice);
        if (!report(select)) {
            return null;
        }
        System.out.print(bill(select.order()));
        BookingFlow.Step init = flow.init(txn, choice, billing);
        if (!report(init)) {
            return null;
        }
        if (!init.order().at("/quote/price").equals(select.order().at("/quote/price"))) {
            System.out.println("the draft's quote is not the one selected:");
            System.out.print(bill(init.order()));
        }
        String url = init.order().at("/payments/0/url").asText();
        System.out.printf("draft order: %s, pay %s %s at %s%n", init.order().at("/fulfillments/0/state/descriptor/code").asText(),
                init.order().at("/payments/0/params/amount").asText(), init.order().at("/payments/0/params/currency").asText(), url);
        BookingFlow.Payment paid = flow.pay(url, true);
        System.out.printf("payment page: HTTP %d; after Pay it says \"%s\", status %s (HTTP %d, %d ms)%n", paid.pageStatus(),
                paid.heading(), paid.status().isEmpty() ? "not shown" : paid.status(), paid.resultStatus(), paid.millis());
        if (!paid.paid()) {
            System.out.println("the payment page does not say it was paid: not confirming");
            return null;
        }
        BookingFlow.Step confirm = flow.confirm(txn, choice, null);
        if (!report(confirm)) {
            return null;
        }
        JsonNode order = confirm.order();
        System.out.printf("order %s %s (%s), transaction %s%n", order.path("id").asText(), order.path("status").asText(),
                order.at("/fulfillments/0/state/descriptor/code").asText(), txn);
        System.out.printf("  paid %s %s (%s)%n", order.at("/payments/0/params/amount").asText(),
                order.at("/payments/0/params/currency").asText(), order.at("/payments/0/status").asText());
        for (JsonNode stop : order.at("/fulfillments/0/stops")) {
            System.out.printf("  %-5s %s to %s%s%n", stop.path("type").asText(), stop.at("/time/range/start").asText(),
                    stop.at("/time/range/end").asText(), stop.at("/location/gps").isMissingNode() ? ""
                            : " at " + stop.at("/location/gps").asText());
            if (stop.has("instructions")) {
                System.out.println("        " + stop.at("/instructions/short_desc").asText());
            }
        }
        System.out.printf("  to cancel: ./bpp bap cancel %s --transaction-id %s --reason 1%n", order.path("id").asText(), txn);
        return order;
    }

    /**
     * {@code bap charge}: books as {@code bap book} does (blocking the charger; by default a 30-minute slot from now),
     * starts charging at the booked connector and follows the session until it ends: {@code status} every
     * {@link #POLL} on one live line, the BPP's unsolicited milestones as they come. It ends the session itself at
     * {@code --stop-at-percent}, or takes the charger's unsolicited {@code on_update} when the charger ends, then
     * prints the final bill and the refund.
     */
    private static int charge(String provider, String item, Options o) throws IOException {
        if (o.fulfillment == null) {
            System.err.println("bap charge needs --fulfillment CONNECTOR (a connector id from bap search)");
            return 2;
        }
        if (o.swaps != null) {
            System.err.println("bap charge is for charging; a swap is booked with bap book --swaps N");
            return 2;
        }
        DemoNetwork.Party bap = demoBap(o);
        if (bap == null) {
            return 1;
        }
        java.time.OffsetDateTime[] slot = o.slot != null ? slot(o.slot) : slotFromNow(java.time.Clock.systemUTC());
        BookingFlow.Choice choice = new BookingFlow.Choice(provider, item, o.kwh, null, o.fulfillment, slot[0], slot[1],
                true, o.addOns, o.vehicle);
        BookingFlow.Billing billing = new BookingFlow.Billing(o.name, o.email, o.phone);
        try (BapClient client = startClient(o)) {
            Duration wait = Duration.ofSeconds(o.waitSeconds);
            String txn = java.util.UUID.randomUUID().toString();
            JsonNode order = booked(new BookingFlow(client, wait), txn, choice, billing);
            if (order == null) {
                return 1;
            }
            SessionFlow session = new SessionFlow(client, wait);
            String orderId = order.path("id").asText();
            BookingFlow.Step start = session.startCharging(txn, orderId, o.fulfillment);
            if (!report(start)) {
                return 1;
            }
            System.out.println("charging: " + describe(SessionFlow.progress(start.order()))
                    + (o.stopAtPercent == null ? "" : "; stopping at " + o.stopAtPercent.toPlainString() + " %"));
            return follow(client, session, txn, orderId, o, slot[1].toInstant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("interrupted; the session goes on at the charger");
            return 1;
        }
    }

    static final Duration POLL = Duration.ofSeconds(2);

    /** Follows a started session to its end (see {@link #charge}); the exit code. */
    private static int follow(BapClient client, SessionFlow session, String txn, String orderId, Options o,
                              java.time.Instant slotEnd) throws IOException, InterruptedException {
        Duration wait = Duration.ofSeconds(o.waitSeconds);
        LiveLine live = new LiveLine(System.console() != null);
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.util.function.Predicate<BapClient.Callback> fresh = c -> txn.equals(c.transactionId()) && !client.solicited(c)
                && !seen.contains(c.messageId());
        // a charger stops at the slot's end; this only keeps a lost session from being followed for ever
        java.time.Instant giveUp = slotEnd.plus(Duration.ofMinutes(15));
        int failures = 0;
        while (true) {
            for (BapClient.Callback c : client.unsolicited(txn)) {
                if (!seen.add(c.messageId())) {
                    continue;
                }
                live.end();
                if (!c.verified()) {
                    System.out.println("unsolicited " + c.action() + " ignored: signature NOT verified: " + c.verificationError());
                    continue;
                }
                JsonNode order = c.body().at("/message/order");
                switch (String.valueOf(c.action())) {
                    case "on_status" -> System.out.println("milestone (on_status): " + describe(SessionFlow.progress(order)));
                    case "on_update" -> {
                        if (SessionFlow.progress(order).ended()) {
                            System.out.println("the charger ended the session (on_update): " + describe(SessionFlow.progress(order)));
                            return settled(session, txn, orderId, order, wait);
                        }
                        System.out.println("on_update: " + describe(SessionFlow.progress(order)));
                    }
                    case "on_cancel" -> {
                        System.out.println("the provider cancelled the order (on_cancel):");
                        System.out.print(cancellation(SessionFlow.bill(order)));
                        return 1;
                    }
                    default -> System.out.println("unsolicited " + c.action() + ": " + c.body().path("message"));
                }
            }
            BookingFlow.Step status = session.status(txn, orderId);
            if (!status.ok()) {
                live.end();
                report(status);
                if (++failures >= 3) {
                    System.err.println("no progress from the BPP three times in a row; the session goes on at the charger");
                    return 1;
                }
            } else {
                failures = 0;
                SessionFlow.Progress p = SessionFlow.progress(status.order());
                live.show(progressLine(p));
                if ("CANCELLED".equals(p.status())) {
                    live.end();
                    System.out.println("the order was cancelled:");
                    System.out.print(cancellation(SessionFlow.bill(status.order())));
                    return 1;
                }
                if (p.ended()) {
                    live.end();
                    System.out.println("the session ended: " + describe(p));
                    JsonNode order = ended(client, txn, fresh, wait).orElse(status.order());
                    return settled(session, txn, orderId, order, wait);
                }
                if (o.stopAtPercent != null && p.percentCharged() != null
                        && p.percentCharged().compareTo(o.stopAtPercent) >= 0) {
                    live.end();
                    BookingFlow.Step end = session.endCharging(txn, orderId, o.fulfillment);
                    if (report(end)) {
                        return settled(session, txn, orderId, end.order(), wait);
                    }
                    // the charger may have ended it first: then its on_update has the bill
                    java.util.Optional<JsonNode> byCharger = ended(client, txn, fresh, wait);
                    if (byCharger.isEmpty()) {
                        return 1;
                    }
                    return settled(session, txn, orderId, byCharger.get(), wait);
                }
            }
            if (java.time.Instant.now().isAfter(giveUp)) {
                live.end();
                System.err.println("the slot ended at " + slotEnd + " and the session has not; stopped following it");
                return 1;
            }
            client.poll(fresh, POLL);
        }
    }

    /** The order of the charger's unsolicited, verified on_update that ended the session, if it comes in time. */
    private static java.util.Optional<JsonNode> ended(BapClient client, String txn,
                                                      java.util.function.Predicate<BapClient.Callback> fresh,
                                                      Duration wait) throws InterruptedException {
        return client.poll(fresh.and(c -> "on_update".equals(c.action()) && c.verified()
                        && SessionFlow.progress(c.body().at("/message/order")).ended()), wait)
                .map(c -> c.body().at("/message/order"));
    }

    /**
     * Prints the final bill and, while the refund is PENDING, asks {@code status} (bounded by {@code wait}) until
     * payment-service has confirmed it.
     */
    private static int settled(SessionFlow session, String txn, String orderId, JsonNode order, Duration wait)
            throws IOException, InterruptedException {
        SessionFlow.Bill bill = SessionFlow.bill(order);
        System.out.print(finalBill(bill));
        long deadline = System.nanoTime() + wait.toNanos();
        String refundStatus = bill.refundStatus();
        while ("PENDING".equals(refundStatus) && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            BookingFlow.Step status = session.status(txn, orderId);
            if (status.ok()) {
                refundStatus = SessionFlow.bill(status.order()).refundStatus();
            }
        }
        if (refundStatus != null && !refundStatus.equals(bill.refundStatus())) {
            System.out.println("  refund " + refundStatus);
        }
        return addsUp(bill) ? 0 : 1;
    }

    /** {@code bap cancel ORDER}: cancels with a reason and prints what on_cancel says is refunded and charged. */
    private static int cancel(String orderId, Options o) throws IOException {
        DemoNetwork.Party bap = demoBap(o);
        if (bap == null) {
            return 1;
        }
        String txn = o.transactionId;
        if (txn == null) {
            txn = java.util.UUID.randomUUID().toString();
            System.out.println("no --transaction-id: cancelling in a new transaction " + txn);
        }
        try (BapClient client = startClient(o)) {
            BookingFlow.Step cancel = new SessionFlow(client, Duration.ofSeconds(o.waitSeconds))
                    .cancel(txn, orderId, o.reason, o.reasonText);
            if (!report(cancel)) {
                return 1;
            }
            SessionFlow.Bill bill = SessionFlow.bill(cancel.order());
            System.out.print(cancellation(bill));
            return addsUp(bill) ? 0 : 1;
        }
    }

    /** The state in a few words: "charging-started - vehicle 65% charged, 2.600 kWh, 39.00 INR so far". */
    static String describe(SessionFlow.Progress p) {
        StringBuilder b = new StringBuilder(String.valueOf(p.state()));
        if (p.stateName() != null && !p.stateName().isBlank()) {
            b.append(" - ").append(p.stateName());
        }
        if (p.energyKwh() != null) {
            b.append(", ").append(p.energyKwh().toPlainString()).append(" kWh");
        }
        if (p.amountSoFar() != null) {
            b.append(", ").append(p.amountSoFar().toPlainString()).append(' ')
                    .append(p.currency() == null ? "" : p.currency()).append(" so far");
        }
        return b.toString().trim();
    }

    /** One line of progress: a bar, percent, energy, amount so far, time elapsed and left. */
    static String progressLine(SessionFlow.Progress p) {
        int width = 30;
        java.math.BigDecimal percent = p.percentCharged() == null ? java.math.BigDecimal.ZERO
                : p.percentCharged().max(java.math.BigDecimal.ZERO).min(java.math.BigDecimal.valueOf(100));
        int filled = percent.multiply(java.math.BigDecimal.valueOf(width))
                .divide(java.math.BigDecimal.valueOf(100), 0, java.math.RoundingMode.DOWN).intValue();
        StringBuilder b = new StringBuilder("[").append("#".repeat(filled)).append("-".repeat(width - filled)).append("] ");
        b.append(p.percentCharged() == null ? "  --" : String.format("%4s", percent.setScale(0, java.math.RoundingMode.DOWN)
                .toPlainString())).append(" %");
        if (p.energyKwh() != null) {
            b.append("  ").append(p.energyKwh().toPlainString()).append(" kWh");
        }
        if (p.amountSoFar() != null) {
            b.append("  ").append(p.amountSoFar().toPlainString()).append(p.currency() == null ? "" : " " + p.currency());
        }
        if (p.elapsed() != null) {
            b.append("  elapsed ").append(clock(p.elapsed()));
        }
        if (p.remaining() != null) {
            b.append("  left ").append(clock(p.remaining()));
        }
        if (!p.charging()) {
            b.append("  (").append(p.state()).append(')');
        }
        return b.toString();
    }

    private static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /**
     * The final bill: its lines, the final amount, what was paid in advance and what goes back. What it prints is
     * checked as it is printed: the lines must add up to the final amount, and the final amount and the refund to what
     * was paid; a bill that does not add up is said to be wrong ({@link #addsUp}).
     */
    static String finalBill(SessionFlow.Bill bill) {
        StringBuilder b = new StringBuilder("final bill - order ").append(bill.orderId()).append(' ')
                .append(bill.status()).append(" (").append(bill.state()).append(")\n");
        int width = titleWidth(bill.lines());
        bill.lines().forEach(l -> b.append(line(l, width, bill.currency())));
        b.append(String.format("  %-" + width + "s %12s %s%n", "FINAL AMOUNT", plain(bill.price()), bill.currency()));
        b.append(String.format("  %-" + width + "s %12s %s%n", "paid in advance", plain(bill.settled("prepaid")), bill.currency()));
        b.append(String.format("  %-" + width + "s %12s %s%s%n", "refund", plain(bill.refundAmount()), bill.currency(),
                bill.refundStatus() == null ? "" : " (" + bill.refundStatus() + ")"));
        problems(bill).forEach(p -> b.append("  BILL DOES NOT ADD UP: ").append(p).append('\n'));
        return b.toString();
    }

    /**
     * What on_cancel says: who cancelled and why, what was paid, what stays paid (the energy delivered, a fee) and the
     * refund; checked as {@link #finalBill} is.
     */
    static String cancellation(SessionFlow.Bill bill) {
        StringBuilder b = new StringBuilder("order ").append(bill.orderId()).append(' ').append(bill.status())
                .append(" (").append(bill.state()).append(")");
        if (bill.cancelledBy() != null) {
            b.append(" by the ").append("CONSUMER".equals(bill.cancelledBy()) ? "user" : "provider");
        }
        if (bill.cancelReason() != null) {
            b.append(": ").append(bill.cancelReason());
        }
        b.append('\n');
        int width = 28;
        String c = bill.currency();
        if (!bill.settlement().isEmpty()) {
            b.append(String.format("  %-" + width + "s %12s %s%n", "paid in advance", plain(bill.settled("prepaid")), c));
            b.append(String.format("  %-" + width + "s %12s %s%n", "energy delivered, as billed", plain(bill.settled("final-amount")), c));
            b.append(String.format("  %-" + width + "s %12s %s%n", "cancellation fee", plain(bill.settled("cancellation-fee")), c));
        }
        b.append(String.format("  %-" + width + "s %12s %s%s%n", "REFUND", plain(bill.refundAmount()), c,
                bill.refundStatus() == null ? "" : " (" + bill.refundStatus() + ")"));
        problems(bill).forEach(p -> b.append("  BILL DOES NOT ADD UP: ").append(p).append('\n'));
        return b.toString();
    }

    /** Does what the BPP said add up? The lines to the price, the price and the refund to what was paid. */
    static boolean addsUp(SessionFlow.Bill bill) {
        return problems(bill).isEmpty();
    }

    private static List<String> problems(SessionFlow.Bill bill) {
        List<String> problems = new ArrayList<>();
        java.math.BigDecimal price = bill.price();
        java.math.BigDecimal refund = bill.refundAmount();
        java.math.BigDecimal prepaid = bill.settled("prepaid");
        if (price == null) {
            problems.add("no price");
            return problems;
        }
        java.math.BigDecimal told = bill.settled("refund");
        if (told != null && refund != null && told.compareTo(refund) != 0) {
            problems.add("the refund line says " + plain(refund) + ", the settlement " + plain(told));
        }
        if ("CANCELLED".equals(bill.status())) {
            if (refund == null || price.compareTo(refund.negate()) != 0) {
                problems.add("the price " + plain(price) + " is not minus the refund " + plain(refund));
            }
            if (!bill.lines().isEmpty()) {
                problems.add("lines besides the refund: " + bill.lines());
            }
            java.math.BigDecimal kept = sum(bill.settled("final-amount"), bill.settled("cancellation-fee"));
            if (prepaid != null && refund != null && prepaid.compareTo(kept.add(refund)) != 0) {
                problems.add("delivered " + plain(bill.settled("final-amount")) + " + fee " + plain(bill.settled("cancellation-fee"))
                        + " + refund " + plain(refund) + " is not the " + plain(prepaid) + " paid");
            }
        } else {
            if (bill.linesTotal().compareTo(price) != 0) {
                problems.add("the lines add up to " + bill.linesTotal().toPlainString() + ", the final amount is " + plain(price));
            }
            if (prepaid != null && refund != null && prepaid.compareTo(price.add(refund)) != 0) {
                problems.add("final " + plain(price) + " + refund " + plain(refund) + " is not the " + plain(prepaid) + " paid");
            }
        }
        return problems;
    }

    private static java.math.BigDecimal sum(java.math.BigDecimal... amounts) {
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        for (java.math.BigDecimal a : amounts) {
            total = a == null ? total : total.add(a);
        }
        return total;
    }

    private static int titleWidth(List<SessionFlow.Line> lines) {
        int width = "paid in advance".length();
        for (SessionFlow.Line l : lines) {
            width = Math.max(width, label(l).length());
        }
        return width;
    }

    private static String label(SessionFlow.Line l) {
        return l.quantity() == null || l.quantity().isBlank() ? l.title() : l.title() + " (" + l.quantity() + ")";
    }

    private static String line(SessionFlow.Line l, int width, String currency) {
        return String.format("  %-" + width + "s %12s %s%n", label(l), plain(l.amount()),
                l.currency() == null ? currency : l.currency());
    }

    private static String plain(java.math.BigDecimal d) {
        return d == null ? "?" : d.toPlainString();
    }

    /** A line redrawn in place on a terminal ({@code \r}); elsewhere (a log, a pipe) one line per update. */
    private static final class LiveLine {
        private final boolean terminal;
        private int shown;

        LiveLine(boolean terminal) {
            this.terminal = terminal;
        }

        void show(String text) {
            if (!terminal) {
                System.out.println(text);
                return;
            }
            System.out.print("\r" + text + " ".repeat(Math.max(0, shown - text.length())));
            System.out.flush();
            shown = text.length();
        }

        /** Ends the live line so that what follows starts on a line of its own. */
        void end() {
            if (terminal && shown > 0) {
                System.out.println();
                shown = 0;
            }
        }
    }

    private static boolean report(BookingFlow.Step step) {
        if (!step.sent().acked()) {
            System.out.printf("%s %s -> %s%n", step.action(), step.sent().messageId(), step.sent().refusal());
            return false;
        }
        System.out.printf("%s %s -> HTTP %d, %s in %d ms%n", step.action(), step.sent().messageId(), step.sent().status(),
                step.callback() == null ? "no callback (" + step.missing() + ")" : "on_" + step.action() + (step.callback().verified()
                        ? " (signature verified)" : " (signature NOT verified)"), step.millis());
        if (step.callback() == null || !step.callback().verified()) {
            return false;
        }
        JsonNode error = step.error();
        if (!error.isMissingNode() && !error.isNull()) {
            System.out.println("error " + error.path("code").asText() + " at " + error.path("paths").asText() + ": "
                    + error.path("message").asText());
            return false;
        }
        return true;
    }

    /** The quote as a bill: provider, each line, the total, and until when it may be booked. */
    public static String bill(JsonNode order) {
        StringBuilder b = new StringBuilder();
        b.append(order.at("/provider/descriptor/name").asText(order.at("/provider/id").asText())).append(" - quote ")
                .append(order.at("/quote/id").asText()).append('\n');
        int width = 10;
        for (JsonNode line : order.at("/quote/breakup")) {
            width = Math.max(width, line.path("title").asText().length());
        }
        String currency = order.at("/quote/price/currency").asText();
        for (JsonNode line : order.at("/quote/breakup")) {
            b.append(String.format("  %-" + width + "s %12s %s%n", line.path("title").asText(), line.at("/price/value").asText(), currency));
        }
        b.append(String.format("  %-" + width + "s %12s %s%n", "TOTAL", order.at("/quote/price/value").asText(), currency));
        String ttl = order.at("/quote/ttl").asText();
        if (!ttl.isEmpty()) {
            b.append("  valid for ").append(ttl).append(", until ")
                    .append(java.time.OffsetDateTime.now().plus(java.time.Duration.parse(ttl)).withNano(0)).append('\n');
        }
        return b.toString();
    }

    /**
     * The default slot of {@code bap charge}: 30 minutes from the current minute, India time, so that charging can
     * start at once. The quote service takes a slot that started up to a minute ago; in the last seconds of a minute
     * the next one is taken instead, or re-pricing at init could find the slot in the past (start-charging is
     * allowed from the slot's grace period before its start).
     */
    static java.time.OffsetDateTime[] slotFromNow(java.time.Clock clock) {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(clock).withOffsetSameInstant(IST);
        java.time.OffsetDateTime start = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        if (now.getSecond() >= 45) {
            start = start.plusMinutes(1);
        }
        return new java.time.OffsetDateTime[] {start, start.plusMinutes(30)};
    }

    /** "10:00-10:30": today in India time, or tomorrow if it has started. */
    static java.time.OffsetDateTime[] slot(String text) {
        String[] parts = text.split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--slot is HH:mm-HH:mm");
        }
        java.time.ZoneOffset ist = IST;
        java.time.LocalDate day = java.time.LocalDate.now(ist);
        java.time.OffsetDateTime start = java.time.LocalTime.parse(parts[0].trim()).atDate(day).atOffset(ist);
        if (start.isBefore(java.time.OffsetDateTime.now(ist))) {
            start = start.plusDays(1);
        }
        java.time.OffsetDateTime end = java.time.LocalTime.parse(parts[1].trim()).atDate(start.toLocalDate()).atOffset(ist);
        if (!end.isAfter(start)) {
            end = end.plusDays(1);
        }
        return new java.time.OffsetDateTime[] {start, end};
    }

    /**
     * The BAP on {@code --callback-port}. The BPP sends callbacks only to the url the registry has for the signing
     * key: on the demo BAP's registered port the demo key signs; on another port (or when that one is busy) the
     * client registers a key of its own with its address in the suite's registry for as long as it runs.
     */
    private static BapClient startClient(Options o) throws IOException {
        try {
            return BapClient.demo(o.workDir, o.callbackPort, o.ingress);
        } catch (BindException busy) {
            System.err.println("port " + o.callbackPort + " is busy, receiving callbacks on a free port instead");
            return BapClient.demo(o.workDir, 0, o.ingress);
        }
    }

    /** {@code intent.fulfillment.stops[0].location} with the point and a circle of {@code radiusKm} around it. */
    public static ObjectNode searchMessage(String gps, String radiusKm) {
        ObjectNode message = JSON.createObjectNode();
        ObjectNode location = message.putObject("intent").putObject("fulfillment").putArray("stops").addObject()
                .putObject("location");
        location.put("gps", gps);
        ObjectNode circle = location.putObject("circle");
        circle.put("gps", gps);
        circle.putObject("radius").put("type", "CONSTANT").put("value", radiusKm).put("unit", "km");
        return message;
    }

    /**
     * One line per fulfillment (a connector, a swap station, a mobile swap), grouped by provider: where (the
     * station and its distance), what (charger type, connector, power), whether it is available, and the price and
     * add-ons of the item delivered there.
     */
    public static String catalogTable(JsonNode catalog) {
        List<String[]> rows = new ArrayList<>();
        for (JsonNode p : catalog.path("providers")) {
            String provider = p.path("descriptor").path("name").asText(p.path("id").asText("?"));
            JsonNode fulfillments = p.has("fulfillments") ? p.path("fulfillments") : catalog.path("fulfillments");
            for (JsonNode f : fulfillments) {
                String fid = f.path("id").asText();
                JsonNode item = JSON.missingNode();
                for (JsonNode i : p.path("items")) {
                    for (JsonNode id : i.path("fulfillment_ids")) {
                        if (id.asText().equals(fid)) {
                            item = i;
                        }
                    }
                }
                if (item.isMissingNode()) {
                    continue;
                }
                JsonNode where = f.path("stops").path(0).path("location");
                JsonNode location = where.has("id") ? byId(p.path("locations"), JSON.createArrayNode().add(where.path("id").asText()))
                        : JSON.missingNode();
                String station = location.isMissingNode() ? where.path("map_url").asText(where.path("gps").asText(""))
                        : location.path("descriptor").path("name").asText(location.path("id").asText(""));
                String distance = tag(f, "distance");
                JsonNode price = item.path("price");
                String unit = item.at("/quantity/available/measure/unit").asText("");
                // the price at this charger or station (unit-prices), else the item's
                String at = SessionFlow.tagGroup(item.path("tags"), "unit-prices").getOrDefault(fid, price.path("value").asText(""));
                String priceText = (at + " " + price.path("currency").asText("") + (unit.isEmpty() ? "" : "/" + unit)).trim();
                List<String> addOns = new ArrayList<>();
                item.path("add_ons").forEach(a -> addOns.add(a.path("descriptor").path("name").asText()));
                rows.add(new String[] {provider, rating(p, item), station, distance, f.path("type").asText(""),
                        tag(f, "charger-type"), tag(f, "connector-type"), tag(f, "power-rating"), tag(f, "availability"),
                        priceText, String.join(", ", addOns)});
            }
            if (rows.isEmpty() || !rows.get(rows.size() - 1)[0].equals(provider)) {
                rows.add(new String[] {provider, rating(p, JSON.missingNode()), "(nothing offered here)", "", "", "", "", "", "", "", ""});
            }
        }
        if (rows.isEmpty()) {
            return "no providers\n";
        }
        String[] head = {"PROVIDER", "RATING", "STATION", "DISTANCE", "TYPE", "CHARGER", "CONNECTOR", "POWER", "AVAILABILITY",
                "PRICE", "ADD-ONS"};
        int[] w = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            w[i] = head[i].length();
            for (String[] r : rows) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        StringBuilder fmt = new StringBuilder();
        for (int i = 0; i < head.length; i++) {
            fmt.append("%-").append(w[i]).append('s').append(i + 1 < head.length ? "  " : "%n");
        }
        b.append(String.format(fmt.toString(), (Object[]) head));
        for (String[] r : rows) {
            b.append(String.format(fmt.toString(), (Object[]) r));
        }
        return b.toString();
    }

    /** The provider's aggregate rating and the item's, as on_search gives them ("4.5 / item 4.0"), or "-". */
    private static String rating(JsonNode provider, JsonNode item) {
        String p = provider.path("rating").asText("");
        String i = item.path("rating").asText("");
        return p.isEmpty() && i.isEmpty() ? "-" : (p.isEmpty() ? "-" : p) + (i.isEmpty() ? "" : " / item " + i);
    }

    /** The value of the tag with this descriptor code in any of the fulfillment's tag groups, or "". */
    private static String tag(JsonNode fulfillment, String code) {
        for (JsonNode group : fulfillment.path("tags")) {
            for (JsonNode t : group.path("list")) {
                if (code.equals(t.path("descriptor").path("code").asText())) {
                    return t.path("value").asText("");
                }
            }
        }
        return "";
    }

    /** The element of {@code list} whose id is the first of {@code ids}, else the first element. */
    private static JsonNode byId(JsonNode list, JsonNode ids) {
        String wanted = ids.isArray() && ids.size() > 0 ? ids.get(0).asText() : null;
        for (JsonNode n : list) {
            if (wanted == null || wanted.equals(n.path("id").asText())) {
                return n;
            }
        }
        return list instanceof ArrayNode a && a.size() > 0 ? a.get(0) : JSON.missingNode();
    }

    private static String readFile(String path) {
        try {
            return Files.readString(Path.of(path));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage());
        }
    }

    private static final class Options {
        String gps = "12.9716,77.5946";
        String radiusKm = "5";
        String ingress = "http://localhost:8080";
        Path workDir;
        int callbackPort = DemoNetwork.DEMO_BAP_PORT;
        int waitSeconds = 10;
        String message;
        String transactionId;
        String kwh = "4";
        String swaps;
        String fulfillment;
        String slot;
        boolean block;
        List<String> addOns = new ArrayList<>();
        String vehicle;
        String name = "Asha Rao";
        String email = "asha@example.com";
        String phone = "+91-9876500001";
        java.math.BigDecimal stopAtPercent;
        String reason = "7";
        String reasonText;
        String value;
        String category = "charger";
        String comment;
        String minRating;

        static Options parse(String[] args) {
            Options o = new Options();
            String work = System.getenv("BPP_WORK_DIR");
            for (int i = 1; i < args.length; i++) {
                String name = args[i];
                if ("--block".equals(name)) {
                    o.block = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String v = args[++i];
                switch (name) {
                    case "--gps" -> o.gps = v;
                    case "--radius" -> o.radiusKm = v;
                    case "--ingress" -> o.ingress = v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
                    case "--work-dir" -> work = v;
                    case "--callback-port" -> o.callbackPort = Integer.parseInt(v);
                    case "--wait" -> o.waitSeconds = Integer.parseInt(v);
                    case "--message" -> o.message = v;
                    case "--message-file" -> o.message = readFile(v);
                    case "--transaction-id" -> o.transactionId = v;
                    case "--kwh" -> o.kwh = v;
                    case "--swaps" -> o.swaps = v;
                    case "--fulfillment" -> o.fulfillment = v;
                    case "--slot" -> o.slot = v;
                    case "--addon" -> o.addOns.add(v);
                    case "--vehicle" -> o.vehicle = v;
                    case "--name" -> o.name = v;
                    case "--email" -> o.email = v;
                    case "--phone" -> o.phone = v;
                    case "--stop-at-percent" -> o.stopAtPercent = percent(v);
                    case "--reason" -> o.reason = v;
                    case "--reason-text" -> o.reasonText = v;
                    case "--value" -> o.value = v;
                    case "--category" -> o.category = v;
                    case "--comment" -> o.comment = v;
                    case "--min-rating" -> o.minRating = v;
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            o.workDir = work != null ? Path.of(work) : org.evcharging.bpp.suite.SuiteOptions.defaults().defaultWorkDir();
            return o;
        }

        private static java.math.BigDecimal percent(String v) {
            java.math.BigDecimal p;
            try {
                p = new java.math.BigDecimal(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--stop-at-percent is a number from 1 to 100, not '" + v + "'");
            }
            if (p.signum() <= 0 || p.compareTo(java.math.BigDecimal.valueOf(100)) > 0) {
                throw new IllegalArgumentException("--stop-at-percent is a number from 1 to 100, not '" + v + "'");
            }
            return p;
        }
    }
}
