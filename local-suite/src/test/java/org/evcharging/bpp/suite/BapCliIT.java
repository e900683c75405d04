package org.evcharging.bpp.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.evcharging.bpp.suite.bap.BapCli;
import org.evcharging.bpp.suite.chargers.ChargerCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's {@code ./bpp bap ...} commands, run against the suite and read by what they print, as a user reads
 * them: a booking's quote adds up to what is paid, a session's final bill adds up to its final amount and, with the
 * refund, to what was paid; a cancel says who, why and what goes back; rating fills in the feedback form; support
 * answers with the README's own phone notation; a refused request prints the NACK's code, path and message.
 */
class BapCliIT {

    private static final Pattern AMOUNT_LINE = Pattern.compile("^  (.+?)\\s+(-?\\d+\\.\\d{2}) INR(.*)$");
    private static LocalSuite suite;

    @BeforeAll
    static void start() {
        suite = SharedSuite.get();
    }

    /** What a command printed, and its exit code. */
    private record Run(int exit, String out) {

        List<String> lines() {
            return out.lines().toList();
        }

        /** The amount printed on the line labelled (starting with) {@code label}. */
        BigDecimal amount(String label) {
            for (String l : lines()) {
                Matcher m = AMOUNT_LINE.matcher(l);
                if (m.matches() && m.group(1).startsWith(label)) {
                    return new BigDecimal(m.group(2));
                }
            }
            throw new AssertionError("no line '" + label + "' in:\n" + out);
        }

        /** The amounts of the lines printed between the line starting with {@code after} and the one labelled {@code total}. */
        List<BigDecimal> linesBefore(String after, String total) {
            List<BigDecimal> amounts = new ArrayList<>();
            boolean in = false;
            for (String l : lines()) {
                if (l.startsWith(after)) {
                    in = true;
                    amounts.clear();
                    continue;
                }
                Matcher m = AMOUNT_LINE.matcher(l);
                if (in && m.matches()) {
                    if (m.group(1).startsWith(total)) {
                        return amounts;
                    }
                    amounts.add(new BigDecimal(m.group(2)));
                }
            }
            throw new AssertionError("no '" + total + "' after '" + after + "' in:\n" + out);
        }

        String field(String regex) {
            Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(out);
            assertTrue(m.find(), regex + " in:\n" + out);
            return m.group(1);
        }
    }

    private static synchronized Run bap(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--ingress", suite.ingressUrl(), "--work-dir", suite.workDir().toString(), "--callback-port",
                "0",
                "--wait", "30"));
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = BapCli.run(all.toArray(String[]::new));
        } finally {
            System.setOut(out);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        return new Run(exit, text);
    }

    /**
     * A slot of the day hours away from now: other ITs of the shared suite book these chargers "from the next minute"
     * (OcppChargingIT, TrackIT, ForeignBapIT), and a fixed early-morning slot met them when the run was at that hour.
     */
    private static String awayFromNow(String early, String late) {
        int hour = java.time.LocalTime.now(java.time.ZoneOffset.ofHoursMinutes(5, 30)).getHour();
        return hour >= 1 && hour < 7 ? late : early;
    }

    private static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void book_then_cancel_prints_a_quote_that_adds_up_to_what_is_paid_and_a_full_refund() throws Exception {
        Run book = bap("book", "chargezone.in", "pe-charging-01", "--kwh", "4", "--fulfillment", "cz-mg-3-type2",
                "--slot", awayFromNow("03:00-03:30", "15:00-15:30"), "--block", "--vehicle", "2W");
        assertEquals(0, book.exit(), book.out());
        BigDecimal total = book.amount("TOTAL");
        assertEquals(total, sum(book.linesBefore("Chargezone - quote", "TOTAL")),
                "the quote's lines add up to its total");
        // 4 kWh AC = 32.00 + 35.00 blocked; demo app 5 % and two-wheeler 10 % of 67.00 = -3.35 and -6.70; 9 % of 56.95 twice
        DemoTariff.Bill expected = DemoTariff.charging(new BigDecimal("4"), false, 30, "2W", false);
        assertEquals(expected.total(), total);
        assertTrue(book.out().contains("after Pay it says \"Paid\", status PAID"), book.out());
        assertEquals(total.toPlainString(), book.field("^  paid (\\S+) INR \\(PAID\\)$"), "paid what was quoted");
        String order = book.field("^order (\\S+) ACTIVE \\(payment-completed\\)");
        String txn = book.field("transaction (\\S+)$");

        Run cancel = bap("cancel", order, "--transaction-id", txn, "--reason", "1");
        assertEquals(0, cancel.exit(), cancel.out());
        assertTrue(
                cancel.out()
                        .contains("CANCELLED (order-cancelled) by the user: Plans changed, charging no longer needed"),
                cancel.out());
        assertEquals(total, cancel.amount("paid in advance"));
        assertEquals(new BigDecimal("0.00"), cancel.amount("energy delivered"));
        assertEquals(new BigDecimal("0.00"), cancel.amount("cancellation fee"));
        assertEquals(total, cancel.amount("REFUND"), "everything back before the slot");
        assertFalse(cancel.out().contains("DOES NOT ADD UP"), cancel.out());
    }

    @Test
    void charge_prints_progress_then_a_final_bill_that_adds_up_and_a_refund_that_makes_up_the_rest() throws Exception {
        BigDecimal meterBefore = meterKwh("cz-in-1");
        Run charge = bap("charge", "chargezone.in", "pe-charging-01", "--kwh", "4", "--fulfillment", "cz-in-1-ccs2",
                "--stop-at-percent", "40");
        assertEquals(0, charge.exit(), charge.out());
        BigDecimal paid = new BigDecimal(charge.field("^  paid (\\S+) INR \\(PAID\\)$"));
        assertTrue(charge.out().contains("charging: charging-started"), charge.out());
        assertTrue(charge.out().contains("final bill - order"), charge.out());
        BigDecimal finalAmount = charge.amount("FINAL AMOUNT");
        assertEquals(finalAmount, sum(charge.linesBefore("final bill - order", "FINAL AMOUNT")), "the bill adds up");
        assertEquals(paid, charge.amount("paid in advance"));
        assertEquals(paid, finalAmount.add(charge.amount("refund")), "final + refund = paid");
        // "Energy delivered (3.998 kWh)", or, when the stop came a little after the 4 kWh booked,
        // "Energy delivered 4.012 kWh, billed as booked (4 kWh)"
        Matcher energy = Pattern
                .compile("^  Energy delivered (?:\\((\\S+) kWh\\)|(\\S+) kWh, billed as booked \\((\\S+) kWh\\))",
                        Pattern.MULTILINE)
                .matcher(charge.out());
        assertTrue(energy.find(), charge.out());
        BigDecimal delivered = new BigDecimal(energy.group(1) != null ? energy.group(1) : energy.group(2));
        BigDecimal billed = new BigDecimal(energy.group(1) != null ? energy.group(1) : energy.group(3));
        assertEquals(delivered.min(new BigDecimal("4")).compareTo(billed), 0,
                "billed: what was delivered, at most the booking");
        assertEquals(DemoTariff.charging(billed, true, 30, null, false).total(), finalAmount,
                "billed x 12 + 35 blocked - 5 % + 18 % taxes");
        assertFalse(charge.out().contains("DOES NOT ADD UP"), charge.out());
        // what the bill says was delivered is what the charger's meter moved by
        BigDecimal metered = meterKwh("cz-in-1").subtract(meterBefore);
        assertEquals(0, metered.compareTo(delivered),
                "the charger's meter moved " + metered + " kWh:\n" + charge.out());
        // 120 kW at 20x is 0.667 kWh per one-second reading: the stop is taken on a reading asked for when the
        // booked energy is due, not on the next regular one
        assertTrue(delivered.subtract(new BigDecimal("4")).compareTo(new BigDecimal("0.3")) < 0,
                "stopped " + delivered + " kWh into a 4 kWh booking:\n" + charge.out());
    }

    /** The meter of a simulated charger (all its connectors), as {@code ./bpp charger list} prints it. */
    private static BigDecimal meterKwh(String chargePoint) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ChargerCli.run(new String[] {"list", "--work-dir", suite.workDir().toString()}, suite.workDir(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, printed + err.toString(StandardCharsets.UTF_8));
        BigDecimal total = BigDecimal.ZERO;
        boolean in = false;
        for (String l : printed.lines().skip(1).toList()) {
            String[] cols = l.trim().split("\\s+");
            if (!l.startsWith(" ")) {
                in = cols[0].equals(chargePoint);
            }
            if (in && cols.length >= 3 && cols[cols.length - 2].matches("\\d+\\.\\d{3}")) {
                total = total.add(new BigDecimal(cols[cols.length - 2]));
            }
        }
        assertTrue(printed.contains(chargePoint), printed);
        return total;
    }

    @Test
    void rate_fills_in_the_feedback_form_and_support_answers_with_the_readme_s_phone_notation() throws Exception {
        Run book = bap("book", "chargezone.in", "pe-charging-01", "--kwh", "4", "--fulfillment", "cz-mg-3-type2",
                "--slot", awayFromNow("04:00-04:30", "16:00-16:30"), "--block");
        assertEquals(0, book.exit(), book.out());
        String order = book.field("^order (\\S+) ACTIVE");
        String txn = book.field("transaction (\\S+)$");

        Run rate = bap("rate", order, "--value", "5", "--comment", "Quick and clean");
        assertEquals(0, rate.exit(), rate.out());
        assertTrue(rate.out().contains("feedback form: http"), rate.out());
        assertTrue(rate.out().contains("after Send it says \"Thank you\" (HTTP 200): your comment was saved"),
                rate.out());

        Run support = bap("support", order, "--transaction-id", txn); // the CLI's default phone: +91-9876500001
        assertEquals(0, support.exit(), support.out());
        assertTrue(support.out().contains("support for order " + order), support.out());
        assertTrue(support.field("^  ticket_ref\\s+(SUP-\\S+)$").startsWith("SUP-"), support.out());
        assertEquals("+91 80 4000 1000", support.field("^  phone\\s+(.+)$"));

        Run refused = bap("support", order, "--transaction-id", txn, "--phone", "call me maybe");
        assertEquals(1, refused.exit(), refused.out());
        assertTrue(refused.out().matches("(?s).*-> NACK 30000 at \\$\\.message\\.support\\.phone: .+\\(HTTP 400\\).*"),
                "the NACK's code, path and message: " + refused.out());
    }
}
