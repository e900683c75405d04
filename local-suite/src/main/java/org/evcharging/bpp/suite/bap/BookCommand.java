package org.evcharging.bpp.suite.bap;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.UUID;

/**
 * {@code bap book PROVIDER ITEM}: select, init with billing, pay on the payment link's page (as a browser would),
 * confirm; prints each step, the order, what was paid and the instructions to start.
 */
final class BookCommand extends BapCommand {

    private final String provider;
    private final String item;

    BookCommand(String provider, String item, CliOptions options, Printer printer) {
        super(options, printer);
        this.provider = provider;
        this.item = item;
    }

    @Override
    int run() throws IOException {
        if (!demoBapKeysFound()) {
            return 1;
        }
        BookingFlow.Choice choice = options.choice(provider, item);
        try (BapClient client = startClient()) {
            BookingFlow flow = new BookingFlow(client, waitTime());
            return book(flow, UUID.randomUUID().toString(), choice, options.billing(), printer) == null ? 1 : 0;
        }
    }

    /** Books step by step as {@code bap book} prints it: the confirmed order, or null once a step failed. */
    static JsonNode book(BookingFlow flow, String txn, BookingFlow.Choice choice, BookingFlow.Billing billing,
            Printer printer) throws IOException {
        BookingFlow.Step select = flow.select(txn, choice);
        if (!printer.step(select)) {
            return null;
        }
        printer.quote(select.order());
        BookingFlow.Step init = flow.init(txn, choice, billing);
        if (!printer.step(init)) {
            return null;
        }
        if (!init.order().at("/quote/price").equals(select.order().at("/quote/price"))) {
            printer.draftQuoteChanged(init.order());
        }
        String url = init.order().at("/payments/0/url").asText();
        printer.draft(init.order(), url);
        BookingFlow.Payment paid = flow.pay(url, true);
        printer.payment(paid);
        if (!paid.paid()) {
            printer.line("the payment page does not say it was paid: not confirming");
            return null;
        }
        BookingFlow.Step confirm = flow.confirm(txn, choice, null);
        if (!printer.step(confirm)) {
            return null;
        }
        JsonNode order = confirm.order();
        printer.confirmed(order, txn);
        return order;
    }
}
