package org.evcharging.bpp.suite.bap;

import java.io.IOException;

/** {@code bap cancel ORDER}: cancels with a reason and prints what on_cancel says is refunded and charged. */
final class CancelCommand extends BapCommand {

    private final String orderId;

    CancelCommand(String orderId, CliOptions options, Printer printer) {
        super(options, printer);
        this.orderId = orderId;
    }

    @Override
    int run() throws IOException {
        if (!demoBapKeysFound()) {
            return 1;
        }
        String txn = transactionOrNew("cancelling");
        try (BapClient client = startClient()) {
            BookingFlow.Step cancel = new SessionFlow(client, waitTime())
                    .cancel(txn, orderId, options.reason, options.reasonText);
            if (!printer.step(cancel)) {
                return 1;
            }
            SessionFlow.Bill bill = SessionFlow.bill(cancel.order());
            printer.cancellation(bill);
            return BillCheck.addsUp(bill) ? 0 : 1;
        }
    }
}
