package org.evcharging.bpp.suite.bap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Everything the {@code bap} commands print, for a person: the catalog as a table, a quote as a bill, each step of a
 * booking, a charging session's progress, a final bill or a refund. Results go to {@code out}, hints and failures to
 * {@code err}.
 */
final class Printer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final PrintStream err;

    Printer(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    void error(String text) {
        err.println(text);
    }

    void line(String text) {
        out.println(text);
    }

    void refused(String action, BapClient.Sent sent) {
        out.printf("%s %s -> %s%n", action, sent.messageId(), sent.refusal());
    }

    void acked(String action, BapClient.Sent sent) {
        out.printf("%s %s -> HTTP %d %s%n", action, sent.messageId(), sent.status(), sent.body());
    }

    /** What {@code bap send} sent, with its transaction: the ACK or the NACK as it came. */
    void sent(String action, BapClient.Sent sent) {
        out.printf("%s %s (transaction %s) -> HTTP %d %s%n", action, sent.messageId(), sent.transactionId(),
                sent.status(), sent.body());
    }

    void received(String onAction, BapClient.Callback cb) {
        out.println(onAction + " received; signature " + (cb.verified()
                ? "verified (signed by " + cb.signer() + ")" : "NOT verified: " + cb.verificationError()));
    }

    /** An on_search's {@code error}, as it came. */
    void searchError(JsonNode error) {
        out.println("error: " + error);
    }

    /** A callback's {@code error}: its code, path and message. */
    void callbackError(JsonNode error) {
        out.println("error " + error.path("code").asText() + " at " + error.path("paths").asText() + ": "
                + error.path("message").asText());
    }

    void json(JsonNode body) throws JsonProcessingException {
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
    }

    void catalog(JsonNode catalog) {
        out.print(CatalogTable.of(catalog));
    }

    void quote(JsonNode order) {
        out.print(bill(order));
    }

    /**
     * One step of a flow: the NACK, or the ACK and its callback (or why none came), and the callback's error if it
     * has one. True when the step went through.
     */
    boolean step(BookingFlow.Step step) {
        if (!step.sent().acked()) {
            refused(step.action(), step.sent());
            return false;
        }
        out.printf("%s %s -> HTTP %d, %s in %d ms%n", step.action(), step.sent().messageId(), step.sent().status(),
                step.callback() == null ? "no callback (" + step.missing() + ")"
                        : "on_" + step.action() + (step.callback().verified()
                                ? " (signature verified)" : " (signature NOT verified)"),
                step.millis());
        if (step.callback() == null || !step.callback().verified()) {
            return false;
        }
        JsonNode error = step.error();
        if (!error.isMissingNode() && !error.isNull()) {
            callbackError(error);
            return false;
        }
        return true;
    }

    void rated(FeedbackFlow.Rating rating, String formUrl) {
        // the charger category rates the charger an order used: the id is the order's
        String what = "charger".equalsIgnoreCase(rating.category()) ? "the charger of order " + rating.id()
                : rating.category() + " " + rating.id();
        out.println("rated " + what + ": " + rating.value() + "/5; feedback form: "
                + (formUrl == null ? "none" : formUrl));
    }

    void feedbackForm(FeedbackFlow.Form form) {
        out.println("feedback form: page HTTP " + form.pageStatus() + "; after Send it says \"" + form.heading()
                + "\" (HTTP " + form.submitStatus() + ")"
                + (form.saved() ? ": your comment was saved" : ": the comment was NOT saved"));
    }

    /** on_support's contacts and ticket, one per line. */
    void support(String orderId, JsonNode support) {
        out.println("support for order " + orderId + ":");
        support.fields().forEachRemaining(f -> {
            if (!"order_id".equals(f.getKey())) {
                out.printf("  %-14s %s%n", f.getKey(),
                        f.getValue().isValueNode() ? f.getValue().asText() : f.getValue());
            }
        });
    }

    void draftQuoteChanged(JsonNode draft) {
        out.println("the draft's quote is not the one selected:");
        quote(draft);
    }

    void draft(JsonNode draft, String paymentUrl) {
        out.printf("draft order: %s, pay %s %s at %s%n", draft.at("/fulfillments/0/state/descriptor/code").asText(),
                draft.at("/payments/0/params/amount").asText(), draft.at("/payments/0/params/currency").asText(),
                paymentUrl);
    }

    void payment(BookingFlow.Payment paid) {
        out.printf("payment page: HTTP %d; after Pay it says \"%s\", status %s (HTTP %d, %d ms)%n", paid.pageStatus(),
                paid.heading(), paid.status().isEmpty() ? "not shown" : paid.status(), paid.resultStatus(),
                paid.millis());
    }

    /** The confirmed order: its state, the payment, the slot and how to start there, and how to cancel it. */
    void confirmed(JsonNode order, String txn) {
        out.printf("order %s %s (%s), transaction %s%n", order.path("id").asText(), order.path("status").asText(),
                order.at("/fulfillments/0/state/descriptor/code").asText(), txn);
        out.printf("  paid %s %s (%s)%n", order.at("/payments/0/params/amount").asText(),
                order.at("/payments/0/params/currency").asText(), order.at("/payments/0/status").asText());
        for (JsonNode stop : order.at("/fulfillments/0/stops")) {
            out.printf("  %-5s %s to %s%s%n", stop.path("type").asText(), stop.at("/time/range/start").asText(),
                    stop.at("/time/range/end").asText(), stop.at("/location/gps").isMissingNode() ? ""
                            : " at " + stop.at("/location/gps").asText());
            if (stop.has("instructions")) {
                out.println("        " + stop.at("/instructions/short_desc").asText());
            }
        }
        out.printf("  to cancel: ./bpp bap cancel %s --transaction-id %s --reason 1%n", order.path("id").asText(), txn);
    }

    void charging(SessionFlow.Progress p, BigDecimal stopAtPercent) {
        out.println("charging: " + describe(p)
                + (stopAtPercent == null ? "" : "; stopping at " + stopAtPercent.toPlainString() + " %"));
    }

    /** A state reached: {@code what} ("milestone (on_status)", "the session ended", ...) and the state in a few words. */
    void progress(String what, SessionFlow.Progress p) {
        out.println(what + ": " + describe(p));
    }

    void unverified(BapClient.Callback c) {
        out.println("unsolicited " + c.action() + " ignored: signature NOT verified: " + c.verificationError());
    }

    void unsolicited(BapClient.Callback c) {
        out.println("unsolicited " + c.action() + ": " + c.body().path("message"));
    }

    /** An order cancelled, {@code why} (the provider's on_cancel, a status), and what on_cancel says goes back. */
    void cancelled(String why, SessionFlow.Bill bill) {
        out.println(why);
        cancellation(bill);
    }

    void cancellation(SessionFlow.Bill bill) {
        out.print(cancellationText(bill));
    }

    void finalBill(SessionFlow.Bill bill) {
        out.print(finalBillText(bill));
    }

    void refundNow(String refundStatus) {
        out.println("  refund " + refundStatus);
    }

    /** A line redrawn in place on a terminal; elsewhere one line per update. */
    LiveLine liveLine() {
        return new LiveLine(out, System.console() != null);
    }

    /** The quote as a bill: provider, each line, the total, and until when it may be booked. */
    static String bill(JsonNode order) {
        StringBuilder b = new StringBuilder();
        b.append(order.at("/provider/descriptor/name").asText(order.at("/provider/id").asText())).append(" - quote ")
                .append(order.at("/quote/id").asText()).append('\n');
        int width = 10;
        for (JsonNode line : order.at("/quote/breakup")) {
            width = Math.max(width, line.path("title").asText().length());
        }
        String currency = order.at("/quote/price/currency").asText();
        for (JsonNode line : order.at("/quote/breakup")) {
            b.append(String.format("  %-" + width + "s %12s %s%n", line.path("title").asText(),
                    line.at("/price/value").asText(), currency));
        }
        b.append(String.format("  %-" + width + "s %12s %s%n", "TOTAL", order.at("/quote/price/value").asText(),
                currency));
        String ttl = order.at("/quote/ttl").asText();
        if (!ttl.isEmpty()) {
            b.append("  valid for ").append(ttl).append(", until ")
                    .append(OffsetDateTime.now().plus(Duration.parse(ttl)).withNano(0)).append('\n');
        }
        return b.toString();
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
        BigDecimal percent = p.percentCharged() == null ? BigDecimal.ZERO
                : p.percentCharged().max(BigDecimal.ZERO).min(BigDecimal.valueOf(100));
        int filled = percent.multiply(BigDecimal.valueOf(width)).divide(BigDecimal.valueOf(100), 0, RoundingMode.DOWN)
                .intValue();
        StringBuilder b = new StringBuilder("[").append("#".repeat(filled)).append("-".repeat(width - filled))
                .append("] ");
        b.append(p.percentCharged() == null ? "  --" : String.format("%4s", percent.setScale(0, RoundingMode.DOWN)
                .toPlainString())).append(" %");
        if (p.energyKwh() != null) {
            b.append("  ").append(p.energyKwh().toPlainString()).append(" kWh");
        }
        if (p.amountSoFar() != null) {
            b.append("  ").append(p.amountSoFar().toPlainString())
                    .append(p.currency() == null ? "" : " " + p.currency());
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
     * checked as it is printed ({@link BillCheck}): a bill that does not add up is said to be wrong.
     */
    static String finalBillText(SessionFlow.Bill bill) {
        StringBuilder b = new StringBuilder("final bill - order ").append(bill.orderId()).append(' ')
                .append(bill.status()).append(" (").append(bill.state()).append(")\n");
        int width = titleWidth(bill.lines());
        bill.lines().forEach(l -> b.append(line(l, width, bill.currency())));
        b.append(String.format("  %-" + width + "s %12s %s%n", "FINAL AMOUNT", plain(bill.price()), bill.currency()));
        b.append(String.format("  %-" + width + "s %12s %s%n", "paid in advance", plain(bill.settled("prepaid")),
                bill.currency()));
        b.append(String.format("  %-" + width + "s %12s %s%s%n", "refund", plain(bill.refundAmount()), bill.currency(),
                bill.refundStatus() == null ? "" : " (" + bill.refundStatus() + ")"));
        BillCheck.problems(bill).forEach(p -> b.append("  BILL DOES NOT ADD UP: ").append(p).append('\n'));
        return b.toString();
    }

    /**
     * What on_cancel says: who cancelled and why, what was paid, what stays paid (the energy delivered, a fee) and the
     * refund; checked as {@link #finalBillText} is.
     */
    static String cancellationText(SessionFlow.Bill bill) {
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
            b.append(String.format("  %-" + width + "s %12s %s%n", "paid in advance", plain(bill.settled("prepaid")),
                    c));
            b.append(String.format("  %-" + width + "s %12s %s%n", "energy delivered, as billed",
                    plain(bill.settled("final-amount")), c));
            b.append(String.format("  %-" + width + "s %12s %s%n", "cancellation fee",
                    plain(bill.settled("cancellation-fee")), c));
        }
        b.append(String.format("  %-" + width + "s %12s %s%s%n", "REFUND", plain(bill.refundAmount()), c,
                bill.refundStatus() == null ? "" : " (" + bill.refundStatus() + ")"));
        BillCheck.problems(bill).forEach(p -> b.append("  BILL DOES NOT ADD UP: ").append(p).append('\n'));
        return b.toString();
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

    /** An amount as printed, "?" when the BPP left it out. */
    static String plain(BigDecimal d) {
        return d == null ? "?" : d.toPlainString();
    }

    /** A line redrawn in place on a terminal ({@code \r}); elsewhere (a log, a pipe) one line per update. */
    static final class LiveLine {

        private final PrintStream out;
        private final boolean terminal;
        private int shown;

        private LiveLine(PrintStream out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        void show(String text) {
            if (!terminal) {
                out.println(text);
                return;
            }
            out.print("\r" + text + " ".repeat(Math.max(0, shown - text.length())));
            out.flush();
            shown = text.length();
        }

        /** Ends the live line so that what follows starts on a line of its own. */
        void end() {
            if (terminal && shown > 0) {
                out.println();
                shown = 0;
            }
        }
    }
}
