package org.evcharging.bpp.suite.bap;

import java.io.IOException;
import java.util.UUID;

/** {@code bap support ORDER}: whom to contact for an order, and the ticket opened for it. */
final class SupportCommand extends BapCommand {

    private final String orderId;

    SupportCommand(String orderId, CliOptions options, Printer printer) {
        super(options, printer);
        this.orderId = orderId;
    }

    @Override
    int run() throws IOException {
        if (!demoBapKeysFound()) {
            return 1;
        }
        try (BapClient client = startClient()) {
            FeedbackFlow flow = new FeedbackFlow(client, waitTime());
            String txn = options.transactionId != null ? options.transactionId : UUID.randomUUID().toString();
            BookingFlow.Step step = flow.support(txn, orderId, options.phone, options.email);
            if (!printer.step(step)) {
                return 1;
            }
            printer.support(orderId, step.callback().body().at("/message/support"));
            return 0;
        }
    }
}
