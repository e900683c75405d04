package org.evcharging.bpp.suite.bap;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * {@code bap charge PROVIDER ITEM}: books as {@code bap book} does (blocking the charger; by default a 30-minute slot
 * from now), starts charging at the booked connector and follows the session until it ends: {@code status} every
 * {@link #POLL} on one live line, the BPP's unsolicited milestones as they come. It ends the session itself at
 * {@code --stop-at-percent}, or takes the charger's unsolicited {@code on_update} when the charger ends, then prints
 * the final bill and the refund.
 */
final class ChargeCommand extends BapCommand {

    static final Duration POLL = Duration.ofSeconds(2);

    private final String provider;
    private final String item;

    ChargeCommand(String provider, String item, CliOptions options, Printer printer) {
        super(options, printer);
        this.provider = provider;
        this.item = item;
    }

    @Override
    int run() throws IOException {
        if (options.fulfillment == null) {
            printer.error("bap charge needs --fulfillment CONNECTOR (a connector id from bap search)");
            return 2;
        }
        if (options.swaps != null) {
            printer.error("bap charge is for charging; a swap is booked with bap book --swaps N");
            return 2;
        }
        if (!demoBapKeysFound()) {
            return 1;
        }
        OffsetDateTime[] slot = options.slot != null ? CliOptions.slot(options.slot)
                : CliOptions.slotFromNow(Clock.systemUTC());
        BookingFlow.Choice choice = new BookingFlow.Choice(provider, item, options.kwh, null, options.fulfillment,
                slot[0],
                slot[1], true, options.addOns, options.vehicle);
        try (BapClient client = startClient()) {
            String txn = UUID.randomUUID().toString();
            JsonNode order = BookCommand.book(new BookingFlow(client, waitTime()), txn, choice, options.billing(),
                    printer);
            if (order == null) {
                return 1;
            }
            SessionFlow session = new SessionFlow(client, waitTime());
            String orderId = order.path("id").asText();
            BookingFlow.Step start = session.startCharging(txn, orderId, options.fulfillment);
            if (!printer.step(start)) {
                return 1;
            }
            printer.charging(SessionFlow.progress(start.order()), options.stopAtPercent);
            return follow(client, session, txn, orderId, slot[1].toInstant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            printer.error("interrupted; the session goes on at the charger");
            return 1;
        }
    }

    /** Follows a started session to its end (see the class comment); the exit code. */
    private int follow(BapClient client, SessionFlow session, String txn, String orderId, Instant slotEnd)
            throws IOException, InterruptedException {
        Duration wait = waitTime();
        Printer.LiveLine live = printer.liveLine();
        Set<String> seen = new HashSet<>();
        Predicate<BapClient.Callback> fresh = c -> txn.equals(c.transactionId()) && !client.solicited(c)
                && !seen.contains(c.messageId());
        // a charger stops at the slot's end; this only keeps a lost session from being followed for ever
        Instant giveUp = slotEnd.plus(Duration.ofMinutes(15));
        int failures = 0;
        while (true) {
            for (BapClient.Callback c : client.unsolicited(txn)) {
                if (!seen.add(c.messageId())) {
                    continue;
                }
                live.end();
                if (!c.verified()) {
                    printer.unverified(c);
                    continue;
                }
                JsonNode order = c.body().at("/message/order");
                switch (String.valueOf(c.action())) {
                    case "on_status" -> printer.progress("milestone (on_status)", SessionFlow.progress(order));
                    case "on_update" -> {
                        if (SessionFlow.progress(order).ended()) {
                            printer.progress("the charger ended the session (on_update)", SessionFlow.progress(order));
                            return settled(session, txn, orderId, order, wait);
                        }
                        printer.progress("on_update", SessionFlow.progress(order));
                    }
                    case "on_cancel" -> {
                        printer.cancelled("the provider cancelled the order (on_cancel):", SessionFlow.bill(order));
                        return 1;
                    }
                    default -> printer.unsolicited(c);
                }
            }
            BookingFlow.Step status = session.status(txn, orderId);
            if (!status.ok()) {
                live.end();
                printer.step(status);
                if (++failures >= 3) {
                    printer.error("no progress from the BPP three times in a row; the session goes on at the charger");
                    return 1;
                }
            } else {
                failures = 0;
                SessionFlow.Progress p = SessionFlow.progress(status.order());
                live.show(Printer.progressLine(p));
                if ("CANCELLED".equals(p.status())) {
                    live.end();
                    printer.cancelled("the order was cancelled:", SessionFlow.bill(status.order()));
                    return 1;
                }
                if (p.ended()) {
                    live.end();
                    printer.progress("the session ended", p);
                    JsonNode order = ended(client, fresh, wait).orElse(status.order());
                    return settled(session, txn, orderId, order, wait);
                }
                if (options.stopAtPercent != null && p.percentCharged() != null
                        && p.percentCharged().compareTo(options.stopAtPercent) >= 0) {
                    live.end();
                    BookingFlow.Step end = session.endCharging(txn, orderId, options.fulfillment);
                    if (printer.step(end)) {
                        return settled(session, txn, orderId, end.order(), wait);
                    }
                    // the charger may have ended it first: then its on_update has the bill
                    Optional<JsonNode> byCharger = ended(client, fresh, wait);
                    if (byCharger.isEmpty()) {
                        return 1;
                    }
                    return settled(session, txn, orderId, byCharger.get(), wait);
                }
            }
            if (Instant.now().isAfter(giveUp)) {
                live.end();
                printer.error("the slot ended at " + slotEnd + " and the session has not; stopped following it");
                return 1;
            }
            client.poll(fresh, POLL);
        }
    }

    /** The order of the charger's unsolicited, verified on_update that ended the session, if it comes in time. */
    private static Optional<JsonNode> ended(BapClient client, Predicate<BapClient.Callback> fresh, Duration wait)
            throws InterruptedException {
        return client.poll(fresh.and(c -> "on_update".equals(c.action()) && c.verified()
                && SessionFlow.progress(c.body().at("/message/order")).ended()), wait)
                .map(c -> c.body().at("/message/order"));
    }

    /**
     * Prints the final bill and, while the refund is PENDING, asks {@code status} (bounded by {@code wait}) until
     * payment-service has confirmed it.
     */
    private int settled(SessionFlow session, String txn, String orderId, JsonNode order, Duration wait)
            throws IOException, InterruptedException {
        SessionFlow.Bill bill = SessionFlow.bill(order);
        printer.finalBill(bill);
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
            printer.refundNow(refundStatus);
        }
        return BillCheck.addsUp(bill) ? 0 : 1;
    }
}
